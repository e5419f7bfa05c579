import { playwright } from '@vitest/browser-playwright';
import { defineConfig } from 'vitest/config';
import { tfjsNoUrlFlags } from './build/tfjs-no-url-flags.ts';
import { CHROMIUM_ARGS } from './tests/e2e/browser-args.ts';
import { assertChromium, CHROMIUM } from './tests/e2e/chromium-path.ts';

assertChromium();

/**
 * Component tests: each lit component rendered in Debian's Chromium (vitest browser mode) from a
 * hand-made trace. lit's dev build runs here, so a class-field shadowing mistake fails loudly.
 */
export default defineConfig({
  plugins: [tfjsNoUrlFlags()],
  test: {
    include: ['tests/ui/**/*.test.ts'],
    // Two at once on this two-core machine (vitest's default is one fewer than the cores).
    maxWorkers: 2,
    browser: {
      enabled: true,
      headless: true,
      provider: playwright({ launchOptions: { executablePath: CHROMIUM, args: CHROMIUM_ARGS } }),
      instances: [{ browser: 'chromium' }],
    },
  },
});
