// Builds the "Performance budget" table (scripts/perf-summary.mjs) from the benchmarks' JSON results,
// writes it to bench/results/summary.md, and copies it, then the detailed result tables
// (bench/results/*.md), into README.md between the perf markers, so the README's performance
// section is always the last `npm run bench`. Prints the budget table last.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { budgetMarkdown } from './perf-summary.mjs';

const root = new URL('../', import.meta.url);
const summary = budgetMarkdown();
writeFileSync(new URL('bench/results/summary.md', root), summary);
const parts = [
  summary.trim(),
  ...['browser.md', 'experiments.md', 'soak.md', 'training.md', 'peers.md', 'forward.md']
    .map((f) => new URL(`bench/results/${f}`, root))
    .filter((u) => existsSync(u))
    .map((u) => readFileSync(u, 'utf8').trim().replace(/^# /, '### ')),
];
const readmeUrl = new URL('README.md', root);
const readme = readFileSync(readmeUrl, 'utf8');
const start = '<!-- perf:start -->';
const end = '<!-- perf:end -->';
const i = readme.indexOf(start);
const j = readme.indexOf(end);
if (i < 0 || j < i) throw new Error('README.md has no perf markers');
writeFileSync(readmeUrl, `${readme.slice(0, i + start.length)}\n${parts.join('\n\n')}\n${readme.slice(j)}`);
console.log(`README.md performance section updated: the budget table and ${parts.length - 1} result tables\n`);
console.log(summary);
