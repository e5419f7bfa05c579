import { readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { defineConfig } from 'vite';

const root = import.meta.dirname;

/** index.html plus every page in demos/. */
function pages(): Record<string, string> {
  const input: Record<string, string> = { main: resolve(root, 'index.html') };
  for (const file of readdirSync(resolve(root, 'demos'))) {
    if (file.endsWith('.html')) input[`demos/${file.slice(0, -5)}`] = resolve(root, 'demos', file);
  }
  return input;
}

/**
 * The site's Content-Security-Policy: nothing from other origins, no eval. WebAssembly compilation
 * needs 'wasm-unsafe-eval' (the tfjs wasm backend); lit's templates set style attributes, hence
 * 'unsafe-inline' for styles only. Served by `npm run preview` and the e2e tests' server.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "connect-src 'self'",
  "font-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
].join('; ');

export default defineConfig({
  base: './',
  server: { host: '127.0.0.1', port: 5173 },
  preview: { host: '127.0.0.1', port: 4173, headers: { 'Content-Security-Policy': CONTENT_SECURITY_POLICY } },
  build: {
    target: 'es2022',
    rollupOptions: { input: pages() },
  },
});
