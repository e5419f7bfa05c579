/**
 * The one place where the tfjs backend is chosen. The browser prefers the wasm backend (SIMD,
 * single-threaded) and falls back to the pure-JS cpu backend with a notice; Node tests use cpu.
 * The wasm backend is loaded lazily so that it stays out of the first page's bundle.
 */
import '@tensorflow/tfjs-backend-cpu';
import { env, getBackend, ready, removeBackend, setBackend } from '@tensorflow/tfjs-core';
import type { Coded } from './coded';

export type BackendName = 'wasm' | 'cpu';

/** The notice of a fallback, by code, with its arguments (see ./coded). `why` is the error's own words. */
export interface BackendMessages {
  'backend.wasmFallback': { why: string };
}
export type BackendNotice = Coded<BackendMessages>;

export interface BackendStatus {
  name: BackendName;
  /** Set when the preferred backend could not start, in words for the page. */
  notice: string | null;
  /** The same notice with its code and arguments, for the page's language. */
  codedNotice: BackendNotice | null;
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
    const timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms);
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
  if (!ok) throw new Error('the wasm backend did not initialise');
  await ready();
}

export async function initBackend(prefer: BackendName, options: BackendOptions = {}): Promise<BackendStatus> {
  if (prefer === 'wasm') {
    try {
      await withTimeout(startWasm(options), options.timeoutMs ?? 15000);
      return { name: 'wasm', notice: null, codedNotice: null };
    } catch (e) {
      try {
        removeBackend('wasm');
      } catch {
        // Nothing registered to remove.
      }
      await setBackend('cpu');
      await ready();
      const why = e instanceof Error ? e.message : String(e);
      const message = `WebAssembly could not start (${why}); running on the slower JavaScript backend. Results are the same.`;
      return { name: 'cpu', notice: message, codedNotice: { message, code: 'backend.wasmFallback', args: { why } } };
    }
  }
  await setBackend('cpu');
  await ready();
  return { name: 'cpu', notice: null, codedNotice: null };
}

export function currentBackend(): string {
  return getBackend();
}
