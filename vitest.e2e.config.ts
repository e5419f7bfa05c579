import { defineConfig } from 'vitest/config';

/** End-to-end tests: Node drives Debian's Chromium (playwright-core) against the built site. */
export default defineConfig({
  test: {
    include: ['tests/e2e/**/*.test.ts'],
    environment: 'node',
    globalSetup: ['tests/e2e/global-setup.ts'],
    testTimeout: 60000,
    hookTimeout: 60000,
    fileParallelism: false,
  },
});
