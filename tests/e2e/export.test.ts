/** The export buttons on the real simulator page: each download is a non-empty, valid file. */
import { readFileSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser, openPage } from './browser';

let browser: Browser;
const base = inject('baseUrl');

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser.close();
});

describe('export from the simulator', () => {
  it('downloads PNG, SVG, CSV and JSON of the current view, and offers the link', async () => {
    const { page, errors, offsite } = await openPage(browser, `${base}?e=16&k=2&cf=1&pos=3`);
    await expect.poll(() => page.getByRole('button', { name: 'Download CSV' }).isEnabled(), { timeout: 20000 }).toBe(true);
    const files: Record<string, Buffer> = {};
    for (const kind of ['PNG', 'SVG', 'CSV', 'JSON']) {
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: `Download ${kind}` }).click()]);
      const path = await download.path();
      files[kind] = readFileSync(path);
      expect(download.suggestedFilename()).toMatch(new RegExp(`^moe-lab-softmax-topk-16x2-seed1\\.${kind.toLowerCase()}$`));
    }
    expect([...files.PNG!.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    expect(files.PNG!.length).toBeGreaterThan(5000);
    const svg = files.SVG!.toString('utf8');
    expect(svg.startsWith('<svg') || svg.startsWith('<?xml')).toBe(true);
    expect(svg).toContain('“fox”: active');
    const csv = files.CSV!.toString('utf8').split('\r\n').filter(Boolean);
    expect(csv[0]).toBe('token_index,text,category,unknown,layer,rank,expert,gate_weight,dropped');
    expect(csv).toHaveLength(1 + 10 * 2);
    const json = JSON.parse(files.JSON!.toString('utf8')) as { format: string; trace: { tokens: unknown[] } };
    expect(json.format).toBe('moe-lab-trace');
    expect(json.trace.tokens).toHaveLength(10);
    await page.getByRole('button', { name: 'Copy link' }).click();
    await expect.poll(async () => (await page.getByRole('status').allTextContents()).join(' ')).toMatch(/Link copied|Copy the link/);
    expect(errors).toEqual([]);
    expect(offsite).toEqual([]);
  });
});
