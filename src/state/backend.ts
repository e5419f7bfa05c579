/**
 * Browser start-up of tfjs: the wasm binaries are bundled by vite as local assets (no CDN), and
 * the core's initBackend falls back to cpu with a notice when wasm cannot start.
 */
import wasmPlain from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import wasmSimd from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import { initBackend, type BackendName, type BackendStatus } from '../core/backend';
import { answerDataUrlsInMemory } from './inline-wasm';
import { backendOf } from './lang';

/** `?backend=cpu` in the page URL forces the cpu backend (for comparisons and tests); anything else is wasm. */
export function preferredBackend(search: string): BackendName {
  return backendOf(search) === 'cpu' ? 'cpu' : 'wasm';
}

export function startBrowserBackend(prefer: BackendName): Promise<BackendStatus> {
  // The library build inlines the binaries (data: URLs): answered from memory, not fetched (src/state/inline-wasm.ts).
  const inlined = wasmSimd.startsWith('data:');
  if (inlined) answerDataUrlsInMemory();
  return initBackend(prefer, {
    wasmPaths: { 'tfjs-backend-wasm.wasm': wasmPlain, 'tfjs-backend-wasm-simd.wasm': wasmSimd },
    timeoutMs: 10000,
    usePlatformFetch: inlined,
  });
}
