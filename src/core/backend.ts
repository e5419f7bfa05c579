/**
 * The one place where the tfjs backend is chosen. The browser prefers the wasm backend (SIMD,
 * single-threaded) and falls back to the pure-JS cpu backend with a notice; Node tests use cpu.
 * The wasm backend is loaded lazily so that it stays out of the first page's bundle.
 */
import '@tensorflow/tfjs-backend-cpu';
import { env, getBackend, ready, removeBackend, setBackend } from '@tensorflow/tfjs-core';
import { CodedError, type CodeOf } from './coded';
import { loadExpertKernels } from './expert-kernels';

export type BackendName = 'wasm' | 'cpu';

/**
 * The notice of a fallback and why wasm did not start, by code, with their arguments (see ./coded).
 * `error.thrown` is an error of tfjs or the browser, in its own words (`text`).
 */
export interface BackendMessages {
  'backend.wasmFallback': { why: BackendWhy };
  'backend.timeout': { ms: number };
  'backend.wasmInit': Record<string, never>;
  'error.thrown': { text: string };
}
export type BackendWhy = CodeOf<Pick<BackendMessages, 'backend.timeout' | 'backend.wasmInit' | 'error.thrown'>>;
export type BackendNotice = CodeOf<Pick<BackendMessages, 'backend.wasmFallback'>>;

export interface BackendStatus {
  name: BackendName;
  /** Set when the preferred backend could not start (a code and its arguments; the page words it). */
  notice: BackendNotice | null;
}

export interface WasmPaths {
  'tfjs-backend-wasm.wasm'?: string;
  'tfjs-backend-wasm-simd.wasm'?: string;
}

/**
 * setWasmPaths wants an entry for the threaded build too. Threads are switched off above, so it is
 * never fetched; pointing it at the SIMD binary keeps an unused 400 KB file out of the build.
 */
function withThreadedEntry(paths: WasmPaths): WasmPaths & { 'tfjs-backend-wasm-threaded-simd.wasm'?: string } {
  return { ...paths, 'tfjs-backend-wasm-threaded-simd.wasm': paths['tfjs-backend-wasm-simd.wasm'] };
}

export interface BackendOptions {
  /** Where the browser finds the .wasm binaries (bundled assets); Node finds them itself. */
  wasmPaths?: WasmPaths;
  /** Give up on wasm after this long. */
  timeoutMs?: number;
  /** Load the binary through tfjs's platform fetch (which the caller may have taught other URLs). */
  usePlatformFetch?: boolean;
}

function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new CodedError('backend.timeout', { ms })), ms);
    p.then(
      (v) => {
        clearTimeout(timer);
        resolve(v);
      },
      (e: unknown) => {
        clearTimeout(timer);
        reject(e instanceof Error ? e : new Error(String(e)));
      },
    );
  });
}

async function startWasm(options: BackendOptions): Promise<void> {
  // Threads: the threaded build's workers break under minification and gave no speed-up on 2 cores.
  // The flag exists once the wasm backend module has registered it.
  const wasm = await import('@tensorflow/tfjs-backend-wasm');
  env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
  if (options.wasmPaths) wasm.setWasmPaths(withThreadedEntry(options.wasmPaths), options.usePlatformFetch ?? false);
  const ok = await setBackend('wasm');
  if (!ok) throw new CodedError('backend.wasmInit', {});
  await ready();
  // The fused routed-experts kernels (issue 18); without them the tfjs reference path runs.
  await loadExpertKernels();
}

export async function initBackend(prefer: BackendName, options: BackendOptions = {}): Promise<BackendStatus> {
  if (prefer === 'wasm') {
    try {
      await withTimeout(startWasm(options), options.timeoutMs ?? 15000);
      return { name: 'wasm', notice: null };
    } catch (e) {
      try {
        removeBackend('wasm');
      } catch {
        // Nothing registered to remove.
      }
      await setBackend('cpu');
      await ready();
      const why: BackendWhy =
        e instanceof CodedError && (e.code === 'backend.timeout' || e.code === 'backend.wasmInit')
          ? (e as BackendWhy)
          : { code: 'error.thrown', args: { text: e instanceof Error ? e.message : String(e) } };
      return { name: 'cpu', notice: { code: 'backend.wasmFallback', args: { why: { code: why.code, args: why.args } as BackendWhy } } };
    }
  }
  await setBackend('cpu');
  await ready();
  return { name: 'cpu', notice: null };
}

export function currentBackend(): string {
  return getBackend();
}
