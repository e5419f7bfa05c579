/**
 * The `<moe-lab>` library build (dist-lib/, `npm run build:lib`) in a host page that is hostile and
 * strict at once: a query string that used to stop tfjs-core loading (malformed escapes, tfjsflags)
 * or that the element must not obey (lang=, backend=, e=), and a Content-Security-Policy without
 * 'unsafe-inline' styles and with `connect-src 'self'`. The element starts on wasm, draws its bars,
 * raises no CSP violation and no console error, and leaves the host's address and language alone.
 */
import { cpSync, existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from './browser';
import { staticServer, type StaticServer } from './static-server';

const LIB = resolve(import.meta.dirname, '../../dist-lib');
/** What a host page needs to allow, as the README's security section states it. */
const HOST_POLICY =
  "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; connect-src 'self'; img-src 'self' data: blob:; object-src 'none'";

const HOST = `<!doctype html>
<html lang="fr">
  <head>
    <meta charset="UTF-8" />
    <meta http-equiv="Content-Security-Policy" content="${HOST_POLICY}" />
    <link rel="icon" href="data:," />
    <title>Une page hôte</title>
    <script type="module" src="./moe-lab.js"></script>
  </head>
  <body>
    <moe-lab experts="8" top-k="2" seed="3" sentence="two red birds sing ."></moe-lab>
  </body>
</html>`;

interface Lab extends HTMLElement {
  trace: { config: { routedExperts: number } } | null;
  settled(): Promise<void>;
  diagnostics(): { backend: string };
}

let browser: Browser;
let server: StaticServer;

beforeAll(async () => {
  if (!existsSync(join(LIB, 'moe-lab.js')))
    throw new Error('No library build in dist-lib/: run `npm run build` first (it builds the library too).');
  const root = mkdtempSync(join(tmpdir(), 'moe-lab-host-'));
  cpSync(LIB, root, { recursive: true });
  writeFileSync(join(root, 'host.html'), HOST);
  server = await staticServer(root);
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('<moe-lab> from the library build in a strict, hostile host page', () => {
  it('starts on wasm with no CSP violation, obeys only its attributes, and leaves the host page alone', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.addInitScript(() => {
      const w = window as unknown as { violations: string[] };
      w.violations = [];
      document.addEventListener('securitypolicyviolation', (e) => w.violations.push(`${e.violatedDirective} ${e.blockedURI.slice(0, 60)}`));
    });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(`${e.name}: ${e.message}`));
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
    const query = '?x=100%25%&e=%&k=%E0%A4%A&tfjsflags=x&lang=zh&backend=cpu&text=evil';
    await page.goto(`${server.url}host.html${query}`);
    await page.waitForFunction(() => (document.querySelector('moe-lab') as Lab | null)?.trace != null, undefined, { timeout: 30000 });
    await page.evaluate(() => (document.querySelector('moe-lab') as Lab).settled());
    expect(await page.evaluate(() => (document.querySelector('moe-lab') as Lab).trace!.config.routedExperts)).toBe(8);
    expect(await page.evaluate(() => (document.querySelector('moe-lab') as Lab).diagnostics().backend)).toBe('wasm');
    // English (the host's lang= is not the element's), and the meter's bar drawn at its width.
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'parameters' }).count()).toBeGreaterThan(0);
    const fill = await page.locator('param-meter .fill').evaluate((el) => getComputedStyle(el).width);
    expect(parseFloat(fill)).toBeGreaterThan(0);
    await page.getByRole('button', { name: 'Next token' }).click();
    await page.evaluate(() => (document.querySelector('moe-lab') as Lab).settled());
    await page.waitForTimeout(400);
    expect(new URL(page.url()).search).toBe(query);
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('fr');
    expect(await page.evaluate(() => (window as unknown as { violations: string[] }).violations)).toEqual([]);
    expect(errors).toEqual([]);
    await page.close();
  });
});
