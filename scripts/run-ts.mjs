/**
 * Runs one TypeScript entry (e.g. a benchmark) in Node through vite's module runner, the same
 * TypeScript handling as the app and the tests, with no extra dependency:
 *   node scripts/run-ts.mjs bench/forward.ts [args...]
 * Packages in node_modules are imported natively by Node; the entry's own arguments follow it.
 */
import { resolve } from 'node:path';
import { runnerImport } from 'vite';

const entry = process.argv[2];
if (!entry) {
  console.error('usage: node scripts/run-ts.mjs <file.ts> [args...]');
  process.exit(2);
}
await runnerImport(resolve(entry), { logLevel: 'warn' });
