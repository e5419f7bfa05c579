/** Debian's Chromium, unless MOE_LAB_CHROMIUM names another binary. */
export const CHROMIUM = process.env.MOE_LAB_CHROMIUM ?? '/usr/bin/chromium';
