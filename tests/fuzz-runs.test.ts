/**
 * The test run's own knobs: property tests at FUZZ_RUNS (1,000 in `npm test`, 10,000 in
 * `npm run test:fuzz`, which CI runs too), and `npm test`'s stages with their times.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatSeconds, runStages, stageTable, STAGES, STEPS } from '../scripts/test-stages.mjs';
import { DEFAULT_FUZZ_RUNS, fuzzRunsFrom } from './fuzz-runs';

const read = (path: string): string => readFileSync(new URL(`../${path}`, import.meta.url), 'utf8');
const scripts = (JSON.parse(read('package.json')) as { scripts: Record<string, string> }).scripts;

function propFiles(): string[] {
  const out: string[] = [];
  for (const dir of ['tests/core', 'tests/state']) {
    for (const f of readdirSync(new URL(`../${dir}`, import.meta.url))) if (f.endsWith('.prop.test.ts')) out.push(join(dir, f));
  }
  return out;
}

describe('FUZZ_RUNS', () => {
  it('is 1,000 unless set, and takes only a positive whole number', () => {
    expect(DEFAULT_FUZZ_RUNS).toBe(1000);
    expect(fuzzRunsFrom(undefined)).toBe(1000);
    expect(fuzzRunsFrom('')).toBe(1000);
    expect(fuzzRunsFrom('10000')).toBe(10000);
    for (const bad of ['0', '-5', '1.5', 'many', 'NaN', 'Infinity']) expect(() => fuzzRunsFrom(bad), bad).toThrow(/FUZZ_RUNS/);
  });

  it("sets every property file's run count: none is hard-coded at 10,000", () => {
    const files = propFiles();
    expect(files.length).toBeGreaterThanOrEqual(4);
    for (const f of files) {
      const text = read(f);
      expect(text, f).toMatch(/import \{ RUNS \} from '\.\.\/fuzz-runs';/);
      expect(text, f).not.toMatch(/numRuns:\s*10_?000\b/);
    }
  });

  it('npm run test:fuzz runs the property files at 10,000 into reports/fuzz.json, and CI runs it after npm test', () => {
    expect(scripts['test:fuzz']).toMatch(/^FUZZ_RUNS=10000 vitest run \.prop\.test /);
    expect(scripts['test:fuzz']).toContain('--outputFile.json=reports/fuzz.json');
    const ci = read('.ci/run');
    expect(ci.indexOf('npm run test:fuzz')).toBeGreaterThan(ci.indexOf('npm test'));
    expect(ci.indexOf('npm run test:fuzz')).toBeLessThan(ci.indexOf('node scripts/test-summary.mjs'));
  });
});

describe('npm test stages', () => {
  it('are typecheck, lint, unit, ui, build and e2e, each an npm script', () => {
    expect(scripts.test).toBe('node scripts/test-stages.mjs');
    expect(STAGES.map(([name]) => name)).toEqual(['typecheck', 'lint', 'unit', 'ui', 'build', 'e2e']);
    for (const [, script] of STAGES) expect(scripts[script], script).toBeTypeOf('string');
  });

  it('run in order (typecheck and lint at once), stop after the first failing step with its exit code, and time each stage', async () => {
    expect(STEPS.map((step) => step.map(([name]) => name))).toEqual([['typecheck', 'lint'], ['unit'], ['ui'], ['build'], ['e2e']]);
    let clock = 0;
    const started: string[] = [];
    const finish: (() => void)[] = [];
    const run = (script: string): Promise<number> => {
      started.push(script);
      return new Promise((resolve) => {
        finish.push(() => {
          clock += 1500;
          resolve(script === 'test:ui' ? 3 : 0);
        });
      });
    };
    const done = runStages(STEPS, run, () => clock);
    // The type check and the linter both start before either ends.
    await Promise.resolve();
    expect(started).toEqual(['typecheck', 'lint']);
    while (finish.length) {
      finish.shift()!();
      await new Promise((r) => setTimeout(r, 0));
    }
    const { rows, code, wall } = await done;
    expect(started).toEqual(['typecheck', 'lint', 'test:unit', 'test:ui']);
    expect(code).toBe(3);
    expect(rows.map((r) => [r.name, r.seconds, r.code])).toEqual([
      ['typecheck', 1.5, 0],
      ['lint', 3, 0],
      ['unit', 1.5, 0],
      ['ui', 1.5, 3],
    ]);
    expect(wall).toBe(6);
    expect((await runStages(STEPS, () => Promise.resolve(0))).code).toBe(0);
  });

  it('print a table of stage times with the total', () => {
    expect(formatSeconds(21.34)).toBe('21.3 s');
    expect(formatSeconds(257.2)).toBe('4 min 17.2 s');
    expect(formatSeconds(119.97)).toBe('2 min 00.0 s');
    expect(
      stageTable([
        { name: 'typecheck', seconds: 21.3, code: 0 },
        { name: 'ui', seconds: 5, code: 1 },
      ]).split('\n'),
    ).toEqual([
      'npm test stage times:',
      '  typecheck         21.3 s',
      '  ui                 5.0 s  FAILED (exit 1)',
      '  total             26.3 s  wall time (stages of one step run at once)',
    ]);
    expect(stageTable([{ name: 'unit', seconds: 2, code: 0 }], 2.5).split('\n')[2]).toBe('  total          2.5 s');
  });
});
