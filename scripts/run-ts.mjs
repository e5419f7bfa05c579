/**
 * Runs one TypeScript entry (e.g. the browser benchmark) in Node through vite's module runner, the
 * same TypeScript handling as the app and the tests, with no extra dependency:
 *   node scripts/run-ts.mjs bench/browser.ts [args...]
 * (Entries that use tfjs gradients run under vitest instead, see vitest.bench.config.ts.)
 */
import { resolve } from 'node:path';
import { runnerImport } from 'vite';

const entry = process.argv[2];
if (!entry) {
  console.error('usage: node scripts/run-ts.mjs <file.ts> [args...]');
  process.exit(2);
}
await runnerImport(resolve(entry), { logLevel: 'warn' });
