// `npm test`: runs each stage's npm script in order, stops at the first that fails (with its exit
// code), and ends with a table of how long each stage took.
import { spawn } from 'node:child_process';
import { pathToFileURL } from 'node:url';

/**
 * The stages of `npm test`, in order: [name, npm script]. Stages in one inner list run at the same
 * time (the type check and the linter each use one core; this machine has two).
 */
export const STEPS = [
  [
    ['typecheck', 'typecheck'],
    ['lint', 'lint'],
  ],
  [['unit', 'test:unit']],
  [['ui', 'test:ui']],
  [['build', 'build']],
  [['e2e', 'test:e2e']],
];

/** Every stage, in order. */
export const STAGES = STEPS.flat();

/** Seconds as "12.3 s" or "4 min 05.6 s". */
export function formatSeconds(seconds) {
  const s = Math.round(seconds * 10) / 10;
  if (s < 60) return `${s.toFixed(1)} s`;
  const min = Math.floor(s / 60);
  return `${min} min ${(s - 60 * min).toFixed(1).padStart(4, '0')} s`;
}

/** The closing table: one line per stage run, then the wall time of the whole. */
export function stageTable(rows, wall = rows.reduce((sum, r) => sum + r.seconds, 0)) {
  const width = Math.max(5, ...rows.map((r) => r.name.length));
  const line = (name, secs, note = '') => `  ${name.padEnd(width)}  ${formatSeconds(secs).padStart(13)}${note ? `  ${note}` : ''}`;
  return [
    'npm test stage times:',
    ...rows.map((r) => line(r.name, r.seconds, r.code === 0 ? '' : `FAILED (exit ${r.code})`)),
    line('total', wall, rows.length > 1 ? 'wall time (stages of one step run at once)' : ''),
  ].join('\n');
}

/**
 * Runs the steps in order with `run(script)` (a promise of the exit code); the stages of one step run
 * at once. Stops after the first step in which a stage fails. Gives each stage run with its time, the
 * exit code for the whole (0, or the first failed stage's) and the wall time.
 */
export async function runStages(steps, run, now = () => performance.now()) {
  const rows = [];
  const begin = now();
  for (const step of steps) {
    const done = await Promise.all(
      step.map(async ([name, script]) => {
        const start = now();
        const code = await run(script);
        return { name, script, seconds: (now() - start) / 1000, code };
      }),
    );
    rows.push(...done);
    const failed = done.find((r) => r.code !== 0);
    if (failed) return { rows, code: failed.code, wall: (now() - begin) / 1000 };
  }
  return { rows, code: 0, wall: (now() - begin) / 1000 };
}

async function main() {
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const { rows, code, wall } = await runStages(
    STEPS,
    (script) =>
      new Promise((resolve) => {
        const child = spawn(npm, ['run', script], { stdio: 'inherit' });
        child.on('error', (error) => {
          console.error(`npm test: could not start npm run ${script}: ${error.message}`);
          resolve(1);
        });
        child.on('close', (status) => resolve(status ?? 1));
      }),
  );
  const failed = rows.find((r) => r.code !== 0);
  if (failed) {
    console.error(
      `\nnpm test: stage ${failed.name} (npm run ${failed.script}) failed with exit code ${failed.code}; later stages not run.`,
    );
  }
  console.log(`\n${stageTable(rows, wall)}`);
  process.exitCode = code;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) void main();
