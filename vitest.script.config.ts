import { defineConfig } from 'vitest/config';

/**
 * Runs one Node script that needs tfjs gradients (e.g. `npm run train:model`) inside vitest, for the
 * same reason as vitest.bench.config.ts: tfjs-core's gradients ship as extensionless ES modules
 * that only a bundler loads. The script is scripts/run-script.test.ts, which imports SCRIPT.
 */
export default defineConfig({
  test: {
    include: ['scripts/run-script.test.ts'],
    environment: 'node',
    testTimeout: 3_600_000,
    fileParallelism: false,
    disableConsoleIntercept: true,
    server: { deps: { inline: [/@tensorflow\//] } },
  },
});
