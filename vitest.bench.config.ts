import { defineConfig } from 'vitest/config';

/**
 * The Node benchmarks (bench/forward.ts, bench/training.ts) run inside vitest because tfjs-core's
 * gradients ship only as extensionless ES modules that Node cannot load; vitest lets vite bundle the
 * tfjs packages, as the unit tests do. They print their tables straight to the terminal.
 * BENCH=forward or BENCH=training runs one of them.
 */
export default defineConfig({
  test: {
    include: ['bench/node-bench.test.ts'],
    environment: 'node',
    testTimeout: 3_600_000,
    fileParallelism: false,
    disableConsoleIntercept: true,
    server: { deps: { inline: [/@tensorflow\//] } },
  },
});
