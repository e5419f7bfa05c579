// Sums vitest's JSON reports in reports/ into one line: "N passed, N failed".
import { existsSync, readdirSync, readFileSync } from 'node:fs';

const dir = new URL('../reports/', import.meta.url);
let passed = 0;
let failed = 0;
let skipped = 0;
for (const f of existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.json')) : []) {
  const r = JSON.parse(readFileSync(new URL(f, dir), 'utf8'));
  passed += r.numPassedTests ?? 0;
  failed += r.numFailedTests ?? 0;
  skipped += (r.numPendingTests ?? 0) + (r.numTodoTests ?? 0);
}
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
if (passed === 0) process.exitCode = 1;
