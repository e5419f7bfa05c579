import { existsSync } from 'node:fs';

/** Debian's Chromium, unless MOE_LAB_CHROMIUM names another binary. */
export const CHROMIUM = process.env.MOE_LAB_CHROMIUM ?? '/usr/bin/chromium';

/** Fails with the way to get Chromium; browser tests never skip silently. */
export function assertChromium(): void {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `No Chromium at ${CHROMIUM}. The browser tests drive Debian's Chromium: install it with ` +
        '`sudo apt-get update && sudo apt-get install -y chromium` (or set MOE_LAB_CHROMIUM to a Chromium binary).',
    );
  }
}
