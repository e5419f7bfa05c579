import { readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { defineConfig } from 'vite';
import { CONTENT_SECURITY_POLICY_HEADER, contentSecurityPolicy } from './build/csp.ts';
import { tfjsNoUrlFlags } from './build/tfjs-no-url-flags.ts';

const root = import.meta.dirname;

/** index.html plus every page in demos/. */
function pages(): Record<string, string> {
  const input: Record<string, string> = { main: resolve(root, 'index.html') };
  for (const file of readdirSync(resolve(root, 'demos'))) {
    if (file.endsWith('.html')) input[`demos/${file.slice(0, -5)}`] = resolve(root, 'demos', file);
  }
  return input;
}

export default defineConfig({
  base: './',
  server: { host: '127.0.0.1', port: 5173 },
  preview: { host: '127.0.0.1', port: 4173, headers: { 'Content-Security-Policy': CONTENT_SECURITY_POLICY_HEADER } },
  plugins: [tfjsNoUrlFlags(), contentSecurityPolicy()],
  // The training worker (src/state/training-worker.ts) is a module worker with its own bundle of tfjs.
  worker: { format: 'es', plugins: () => [tfjsNoUrlFlags()] },
  build: {
    target: 'es2022',
    // Checkpoints (src/checkpoints/*.bin) are always files of their own: fetched only when used, and
    // never data: URLs, which the pages' Content-Security-Policy (connect-src 'self') would block.
    assetsInlineLimit: (file) => (file.endsWith('.bin') ? false : undefined),
    rollupOptions: { input: pages() },
  },
});
