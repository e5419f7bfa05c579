import { defineConfig } from 'vitest/config';

/** Unit tests: core and state in Node on the cpu backend. (The browser-side projects have their own configs.) */
export default defineConfig({
  test: {
    include: ['tests/core/**/*.test.ts', 'tests/state/**/*.test.ts', 'tests/build/**/*.test.ts', 'tests/*.test.ts'],
    environment: 'node',
    setupFiles: ['tests/setup-node.ts'],
    testTimeout: 60000,
    // Two workers on this two-core machine (vitest's default is one fewer than the cores).
    maxWorkers: 2,
    // Test files in one worker share the module cache: tfjs (inlined below) is bundled and loaded
    // once per worker instead of once per file, which was most of this stage's time. The tests keep
    // no state between files (tfjs tensors are counted as differences; setLang and timers are reset).
    isolate: false,
    // tfjs-core's gradients are only shipped as extensionless ES modules, which Node cannot load:
    // let vite bundle every tfjs package (one engine, the same code the browser runs).
    server: { deps: { inline: [/@tensorflow\//] } },
  },
});
