import { defineConfig, type TestProjectInlineConfiguration } from 'vitest/config';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

/**
 * Files that measure time in the page (main-thread tasks, steps per second): they run one at a
 * time after the rest, with no other Chromium competing for the cores.
 */
const TIMED = [
  'tests/e2e/training-heavy.test.ts',
  'tests/e2e/scale-limits.test.ts',
  'tests/e2e/training.test.ts',
  'tests/e2e/balance.test.ts',
];

/**
 * The longest files (measured in CI), started first: four files run at once, so a long file started
 * last keeps one worker busy after the others have finished (on a fresh clone vitest has no timings
 * of its own to order by). Files not listed follow in vitest's own order.
 */
const LONGEST_FIRST = [
  'lessons',
  'a11y-pages',
  'tour-reveal',
  'language',
  'garbage-urls',
  'link-forms',
  'a11y-simulator',
  'a11y-input',
  'hardening',
  'long-text-notices',
  'lesson-pages',
  'simulator',
  'csp',
  'capacity-page',
  'theme',
  'picture',
];

class LongestFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const base = await super.sort(files);
    const rank = (f: TestSpecification) => {
      const i = LONGEST_FIRST.findIndex((name) => f.moduleId.endsWith(`/${name}.test.ts`));
      return i < 0 ? LONGEST_FIRST.length : i;
    };
    return base
      .map((f, i) => ({ f, i }))
      .sort((a, b) => rank(a.f) - rank(b.f) || a.i - b.i)
      .map((x) => x.f);
  }
}

const shared = {
  environment: 'node',
  globalSetup: ['tests/e2e/global-setup.ts'],
  setupFiles: ['tests/e2e/close-pages.ts'],
  testTimeout: 60000,
  hookTimeout: 60000,
  // expect.poll waits for the page to reach a state (the check itself is unchanged). Its default of
  // 1 s is too short on two busy cores: with four Chromiums running, 5 training steps on the cpu
  // backend took longer than that in CI.
  expect: { poll: { timeout: 15000 } },
} satisfies TestProjectInlineConfiguration['test'];

/**
 * End-to-end tests: Node drives Debian's Chromium (playwright-core) against the built site. Most
 * of their time is spent waiting on the page (a whole run uses about 3 of its 5 minutes of wall time
 * as CPU on this two-core machine), so four files run at once; then the timed files alone.
 */
export default defineConfig({
  test: {
    sequence: { sequencer: LongestFirst },
    projects: [
      { test: { ...shared, name: 'e2e', include: ['tests/e2e/**/*.test.ts'], exclude: TIMED, maxWorkers: 4, sequence: { groupOrder: 0 } } },
      { test: { ...shared, name: 'e2e-timed', include: TIMED, fileParallelism: false, sequence: { groupOrder: 1 } } },
    ],
  },
});
