import { playwright } from '@vitest/browser-playwright';
import { defineConfig } from 'vitest/config';
import { tfjsNoUrlFlags } from './build/tfjs-no-url-flags.ts';
import { CHROMIUM_ARGS } from './tests/e2e/browser-args.ts';
import { assertChromium, CHROMIUM } from './tests/e2e/chromium-path.ts';

assertChromium();

/**
 * The Chromium half of the side-by-side benchmark (bench/peers-chromium.test.ts, run by
 * bench/peers.ts): moe-lab's training and forward figures in Debian's headless Chromium.
 * PEERS_BATCH and PEERS_SECONDS as for the Node half.
 */
export default defineConfig({
  plugins: [tfjsNoUrlFlags()],
  define: {
    __PEERS_BATCH__: JSON.stringify(process.env.PEERS_BATCH ?? '72'),
    __PEERS_SECONDS__: JSON.stringify(process.env.PEERS_SECONDS ?? '4'),
  },
  test: {
    include: ['bench/peers-chromium.test.ts'],
    testTimeout: 600_000,
    disableConsoleIntercept: true,
    browser: {
      enabled: true,
      headless: true,
      provider: playwright({ launchOptions: { executablePath: CHROMIUM, args: CHROMIUM_ARGS } }),
      instances: [{ browser: 'chromium' }],
    },
  },
});
