// Copies the benchmark result tables (bench/results/*.md) into README.md between the perf markers,
// so the README's performance section is always the last `npm run bench`.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';

const root = new URL('../', import.meta.url);
const parts = ['browser.md', 'training.md', 'forward.md']
  .map((f) => new URL(`bench/results/${f}`, root))
  .filter((u) => existsSync(u))
  .map((u) => readFileSync(u, 'utf8').trim().replace(/^# /, '### '));
const readmeUrl = new URL('README.md', root);
const readme = readFileSync(readmeUrl, 'utf8');
const start = '<!-- perf:start -->';
const end = '<!-- perf:end -->';
const i = readme.indexOf(start);
const j = readme.indexOf(end);
if (i < 0 || j < i) throw new Error('README.md has no perf markers');
writeFileSync(readmeUrl, `${readme.slice(0, i + start.length)}\n${parts.join('\n\n')}\n${readme.slice(j)}`);
console.log(`README.md performance section updated from ${parts.length} result files`);
