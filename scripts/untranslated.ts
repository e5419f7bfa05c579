/**
 * Lists English left on a page shown in Chinese, for translators: opens each URL (default: every
 * page of a running dev server) with lang=zh in Debian's Chromium and prints what is not translated.
 *   node scripts/run-ts.mjs scripts/untranslated.ts http://localhost:5173/ [more URLs...]
 * Set WAIT (ms, default 2500) for pages that take longer to render their model.
 */
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS } from '../tests/e2e/browser-args';
import { CHROMIUM } from '../tests/e2e/chromium-path';
import { findUntranslated } from '../tests/e2e/untranslated';

const urls = process.argv.slice(3); // argv[2] is this file (see scripts/run-ts.mjs)
if (urls.length === 0) {
  console.error('usage: node scripts/run-ts.mjs scripts/untranslated.ts <url> [url...]');
  process.exit(2);
}
const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
let total = 0;
for (const raw of urls) {
  const url = new URL(raw);
  url.searchParams.set('lang', 'zh');
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  page.on('pageerror', (e) => console.log(`pageerror: ${e.message}`));
  await page.goto(url.href);
  await page.waitForTimeout(Number(process.env.WAIT ?? 2500));
  const left = await findUntranslated(page);
  total += left.length;
  console.log(`\n${url.href}: ${left.length} untranslated`);
  for (const l of left) console.log(`  ${l.text}\n      at ${l.where.replace(/^document > html > body > /, '')}`);
  await page.close();
}
await browser.close();
process.exit(total ? 1 : 0);
