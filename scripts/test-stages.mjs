// `npm test`: runs each stage's npm script in order, stops at the first that fails (with its exit
// code), and ends with a table of how long each stage took.
import { spawnSync } from 'node:child_process';
import { pathToFileURL } from 'node:url';

/** The stages of `npm test`, in order: [name, npm script]. */
export const STAGES = [
  ['typecheck', 'typecheck'],
  ['lint', 'lint'],
  ['unit', 'test:unit'],
  ['ui', 'test:ui'],
  ['build', 'build'],
  ['e2e', 'test:e2e'],
];

/** Seconds as "12.3 s" or "4 min 05.6 s". */
export function formatSeconds(seconds) {
  const s = Math.round(seconds * 10) / 10;
  if (s < 60) return `${s.toFixed(1)} s`;
  const min = Math.floor(s / 60);
  return `${min} min ${(s - 60 * min).toFixed(1).padStart(4, '0')} s`;
}

/** The closing table: one line per stage run, then the total. */
export function stageTable(rows) {
  const width = Math.max(5, ...rows.map((r) => r.name.length));
  const line = (name, secs, note = '') => `  ${name.padEnd(width)}  ${formatSeconds(secs).padStart(13)}${note ? `  ${note}` : ''}`;
  const total = rows.reduce((sum, r) => sum + r.seconds, 0);
  return [
    'npm test stage times:',
    ...rows.map((r) => line(r.name, r.seconds, r.code === 0 ? '' : `FAILED (exit ${r.code})`)),
    line('total', total),
  ].join('\n');
}

/**
 * Runs the stages in order with `run(script)` (which gives the exit code), stopping at the first that
 * fails. Gives each stage run with its time, and the exit code for the whole (0, or the failed stage's).
 */
export function runStages(stages, run, now = () => performance.now()) {
  const rows = [];
  for (const [name, script] of stages) {
    const start = now();
    const code = run(script);
    rows.push({ name, script, seconds: (now() - start) / 1000, code });
    if (code !== 0) return { rows, code };
  }
  return { rows, code: 0 };
}

function main() {
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const { rows, code } = runStages(STAGES, (script) => {
    const run = spawnSync(npm, ['run', script], { stdio: 'inherit' });
    if (run.error) console.error(`npm test: could not start npm run ${script}: ${run.error.message}`);
    return run.status ?? 1;
  });
  const failed = rows.find((r) => r.code !== 0);
  if (failed) {
    console.error(
      `\nnpm test: stage ${failed.name} (npm run ${failed.script}) failed with exit code ${failed.code}; later stages not run.`,
    );
  }
  console.log(`\n${stageTable(rows)}`);
  process.exitCode = code;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) main();
