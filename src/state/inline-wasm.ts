/**
 * The library build inlines the .wasm binaries as `data:` URLs. tfjs fetches its binary, and a host
 * page's Content-Security-Policy (`connect-src 'self'`, the site's own among them) refuses a fetch of
 * a `data:` URL. So tfjs is given the platform's fetch (setWasmPaths' usePlatformFetch) and that
 * fetch answers `data:` URLs itself, from the bytes already in the script: no request at all.
 */
import { env } from '@tensorflow/tfjs-core';
import { CodedError } from '../core/coded';

/** The bytes of a `data:` URL (base64 or percent-encoded). */
export function dataUrlBytes(url: string): Uint8Array<ArrayBuffer> {
  const comma = url.indexOf(',');
  if (!url.startsWith('data:') || comma < 0) throw new CodedError('wasm.notDataUrl', {});
  const meta = url.slice(5, comma);
  const body = url.slice(comma + 1);
  if (/;base64$/i.test(meta)) {
    const text = atob(body);
    const bytes = new Uint8Array(text.length);
    for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
    return bytes;
  }
  return new TextEncoder().encode(decodeURIComponent(body)) as Uint8Array<ArrayBuffer>;
}

interface FetchingPlatform {
  fetch(path: string, init?: RequestInit): Promise<Response>;
}

const answered = new WeakSet<object>();

/** Makes tfjs's platform fetch answer `data:` URLs from memory; other URLs go to the network as before. */
export function answerDataUrlsInMemory(): void {
  const platform = env().platform as unknown as FetchingPlatform | undefined;
  if (!platform || answered.has(platform)) return;
  answered.add(platform);
  const network = platform.fetch.bind(platform);
  platform.fetch = (path, init) =>
    typeof path === 'string' && path.startsWith('data:')
      ? Promise.resolve(new Response(dataUrlBytes(path), { headers: { 'Content-Type': 'application/wasm' } }))
      : network(path, init);
}
