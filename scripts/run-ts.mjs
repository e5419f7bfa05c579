/**
 * Runs one TypeScript entry (e.g. a benchmark) in Node through vite's SSR module loader, the same
 * TypeScript handling as the app and the tests, with no extra dependency:
 *   node scripts/run-ts.mjs bench/forward.ts [args...]
 * The tfjs packages are bundled by vite rather than loaded by Node: tfjs-core's gradients ship
 * only as extensionless ES modules, which Node's own loader cannot resolve.
 */
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import { createServer } from 'vite';

// tfjs-core's Node platform module calls the CommonJS `require` (for util and node-fetch checks).
globalThis.require ??= createRequire(import.meta.url);

const entry = process.argv[2];
if (!entry) {
  console.error('usage: node scripts/run-ts.mjs <file.ts> [args...]');
  process.exit(2);
}
const server = await createServer({
  configFile: false,
  logLevel: 'warn',
  appType: 'custom',
  server: { middlewareMode: true, hmr: false, ws: false },
  optimizeDeps: { noDiscovery: true, include: [] },
  ssr: { noExternal: [/@tensorflow\//] },
});
try {
  await server.ssrLoadModule(resolve(entry));
} finally {
  await server.close();
}
