import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { DEFAULT_CONFIG } from '../../src/core/config';
import { countParams } from '../../src/core/params';
import { PRESETS } from '../../src/core/presets';
import { formatScale } from '../../src/ui/scale/scale-format';
import { encodeView } from '../../src/state/url';
import { defaultView } from '../../src/state/view';
import { launchBrowser, openPage, screenshot } from './browser';

let browser: Browser;
const base = inject('baseUrl');
const presets = resolve(import.meta.dirname, '../../src/core/presets');
/** The DeepSeek-V3 config as published (the project's copy of ../shared/reference), pasted as it is. */
const V3_TEXT = readFileSync(resolve(presets, 'deepseek-v3.json'), 'utf8');
const MIXTRAL_TEXT = readFileSync(resolve(presets, 'mixtral-8x7b.json'), 'utf8');

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser.close();
});

/** Text of an element including every shadow root inside it (textContent stops at shadow hosts). */
function deepText(locator: Locator): Promise<string> {
  return locator.evaluate((root) => {
    const walk = (n: Node): string =>
      n instanceof Element && n.shadowRoot
        ? walk(n.shadowRoot)
        : n.nodeType === 3
          ? (n.textContent ?? '')
          : [...n.childNodes].map(walk).join('');
    return walk(root).replace(/\s+/g, ' ');
  });
}

const headline = (page: Page) => page.getByRole('group', { name: 'Headline counts' });
const configBox = (page: Page) => page.getByRole('textbox', { name: 'Paste a config.json' });
const modelList = (page: Page) => page.getByRole('combobox', { name: 'Model' });

describe('demos/scale.html', () => {
  it('each of the 17 presets, chosen from the list, shows its counted total and active figures and its published ones', async () => {
    const { page, errors } = await openPage(browser, `${base}demos/scale.html`);
    await expect.poll(() => headline(page).textContent(), { timeout: 20000 }).toContain('671');
    for (const p of PRESETS) {
      await modelList(page).selectOption(p.id);
      const c = countParams(p.config);
      await expect
        .poll(() =>
          page
            .getByRole('status')
            .filter({ hasText: /^Showing:/ })
            .textContent(),
        )
        .toContain(p.name);
      const t = ((await headline(page).textContent()) ?? '').replace(/\s+/g, ' ');
      expect(t, p.id).toContain(`Total weights ${formatScale(c.total)}`);
      expect(t, p.id).toContain(`Active for one token ${formatScale(c.active)}`);
      expect(
        await page
          .getByText(/^Published \(/)
          .first()
          .textContent(),
        p.id,
      ).toContain(p.published.source);
    }
    expect(errors).toEqual([]);
    await page.close();
  });

  it('pasting the DeepSeek-V3 config shows 671B total and about 37B active; broken JSON gives line and column', async () => {
    const { page, errors, offsite } = await openPage(browser, `${base}demos/scale.html`);
    await expect.poll(() => headline(page).textContent(), { timeout: 20000 }).toContain('671.0B');

    // Start from another model, so the numbers below come from the paste.
    await modelList(page).selectOption('mixtral-8x7b');
    await expect.poll(() => headline(page).textContent()).toContain('46.7B');

    await configBox(page).fill(V3_TEXT);
    await expect.poll(() => headline(page).textContent()).toMatch(/671\.0B/);
    const counts = (await headline(page).textContent())!;
    expect(counts).toMatch(/Active for one token\s*37\.\dB/);
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'Showing:' }).textContent()).toContain('DeepSeek-V3 (pasted)');
    expect(await page.getByText('Published (DeepSeek-V3 technical report, arXiv 2412.19437)').textContent()).toContain(
      '671B total, 37B active',
    );
    await screenshot(page, 'scale-pasted-v3-1280x800');

    // Broken JSON: a comma missing at the end of line 3.
    await configBox(page).fill('{\n  "model_type": "deepseek_v3",\n  "vocab_size": 129280\n  "hidden_size": 7168\n}');
    const alert = page.getByRole('alert').filter({ hasText: 'Not valid JSON' });
    await expect.poll(() => alert.textContent()).toContain('Line 4, column 3');
    expect(await alert.textContent()).toContain('a comma is missing');
    expect(await alert.textContent()).toContain('Still showing the last good model');
    // The last good model stays.
    expect(await headline(page).textContent()).toContain('671.0B');
    await screenshot(page, 'scale-broken-json-1280x800');

    // A field that is not a number is named and located.
    await configBox(page).fill(MIXTRAL_TEXT.replace('"hidden_size": 4096', '"hidden_size": "4096"'));
    await expect
      .poll(() => page.getByRole('alert').filter({ hasText: 'Cannot count' }).textContent())
      .toContain('"hidden_size" must be a whole number, not "4096"');

    // Fixed: the error goes and the new model shows.
    await configBox(page).fill(MIXTRAL_TEXT);
    await expect.poll(() => headline(page).textContent()).toContain('46.7B');
    expect(await page.getByRole('alert').filter({ hasText: 'Line' }).count()).toBe(0);

    expect(errors).toEqual([]);
    expect(offsite).toEqual([]);
  });

  it('a config pasted without model_type gives the same total and active figures as its preset, and says what it was read as', async () => {
    const { page, errors, offsite } = await openPage(browser, `${base}demos/scale.html?model=qwen3-30b-a3b`);
    await expect.poll(() => headline(page).textContent(), { timeout: 20000 }).toContain('30.5B');
    // The headline's total and active figures, as shown.
    const figures = async (): Promise<(string | undefined)[]> => {
      const t = (await headline(page).textContent()) ?? '';
      return [/Total weights\s*([\d.]+[BMT])/.exec(t)?.[1], /Active for one token\s*([\d.]+[BMT])/.exec(t)?.[1]];
    };
    const [total, active] = await figures();
    expect(total).toBe('30.5B');
    expect(active).toMatch(/^3\.\dB$/);

    // The published config, less its model_type (and, a second time, less its architectures too).
    const config = JSON.parse(readFileSync(resolve(presets, 'qwen3-30b-a3b.json'), 'utf8')) as Record<string, unknown>;
    delete config.model_type;
    await modelList(page).selectOption('mixtral-8x7b');
    await expect.poll(() => headline(page).textContent()).toContain('46.7B');
    await configBox(page).fill(JSON.stringify(config, null, 2));
    await expect.poll(figures).toEqual([total, active]);
    const note = page.getByRole('status').filter({ hasText: 'No model_type' });
    expect(await note.textContent()).toContain(
      'No model_type: read as qwen3_moe from its architecture (architectures = Qwen3MoeForCausalLM)',
    );
    await screenshot(page, 'scale-inferred-1280x800');

    delete config.architectures;
    await modelList(page).selectOption('mixtral-8x7b');
    await expect.poll(() => headline(page).textContent()).toContain('46.7B');
    await configBox(page).fill(JSON.stringify(config, null, 2));
    await expect.poll(figures).toEqual([total, active]);
    expect(await note.textContent()).toContain('No model_type: read as qwen3_moe from its fields (num_experts, moe_intermediate_size)');
    expect(await page.getByRole('alert').filter({ hasText: 'Cannot count' }).count()).toBe(0);
    // The sections below follow the pasted model: its name and its 128 experts, not DeepSeek-V3's.
    const shown = (
      (await page
        .getByRole('status')
        .filter({ hasText: /^Showing:/ })
        .textContent()) ?? ''
    )
      .replace(/^Showing:\s*/, '')
      .replace(/\s*\(qwen3_moe\)$/, '');
    expect(shown).toBe('your config.json');
    const headings = async () =>
      (await page.getByRole('heading', { level: 2 }).allTextContents()).map((h) => h.replace(/\s+/g, ' ').trim());
    await expect.poll(headings).toContain(`4. Your toy vs ${shown}`);
    expect((await headings()).filter((h) => h.startsWith('3.'))).toEqual([expect.stringContaining(shown)]);
    expect((await headings()).join(' ')).not.toContain('DeepSeek-V3');
    expect(
      await page
        .getByRole('region', { name: `4. Your toy vs ${shown}` })
        .getByText('8 of 128 routed')
        .count(),
    ).toBe(1);

    await page.setViewportSize({ width: 390, height: 844 });
    await screenshot(page, 'scale-inferred-390');
    // The note fits a phone's width (it wraps its field names).
    const box = (await note.boundingBox())!;
    expect(box.x + box.width).toBeLessThanOrEqual(390);
    expect(errors).toEqual([]);
    expect(offsite).toEqual([]);
    await page.close();
  });

  it('routes tokens through all 256 experts, shows the cost of training, at 1280×800 and 768×1024', async () => {
    for (const viewport of [
      { width: 1280, height: 800 },
      { width: 768, height: 1024 },
    ]) {
      const { page, errors, offsite } = await openPage(browser, `${base}demos/scale.html`, viewport);
      const result = page.getByRole('status').filter({ hasText: 'multiply-adds' });
      await expect.poll(() => result.textContent(), { timeout: 20000 }).toContain('Token 1: chosen');
      const layer = page.getByRole('img', { name: /One MoE layer of DeepSeek-V3: 256 routed experts in 8 groups and 1 shared/ });
      expect(await layer.locator('[data-label]').count()).toBe(257);
      await page.getByRole('button', { name: 'Route a token' }).click();
      await expect.poll(() => result.textContent()).toContain('Token 2: chosen');
      expect(await result.textContent()).toMatch(/Groups kept: \d, \d, \d, \d of 8\./);
      expect(await result.textContent()).toContain('1,835,008 multiply-adds');
      // Nothing runs off the side of the page.
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(viewport.width);

      const cost = page.getByRole('region', { name: '5. What did training cost?' });
      expect(await deepText(cost)).toMatch(/GPU-hours\s*2\.788M\s*51\.02M/);
      expect(await deepText(cost)).toMatch(/Cost at \$2\.00 per GPU-hour\s*\$5\.58M\s*\$102\.0M/);
      await page.getByRole('slider', { name: 'GPUs' }).fill('4096');
      await expect.poll(() => deepText(cost)).toMatch(/Days on 4,096 GPUs\s*28\.4 days/);
      await page.getByRole('button', { name: "Back to DeepSeek-V3's published setup" }).click();
      await expect.poll(() => deepText(cost)).toMatch(/Days on 2,048 GPUs\s*56\.7 days/);

      await screenshot(page, `scale-${viewport.width}x${viewport.height}`);
      expect(errors).toEqual([]);
      expect(offsite).toEqual([]);
      await page.close();
    }
  });

  it('reads the toy from a simulator link, opens a config file, and keeps the chosen model in the URL', async () => {
    // The query the simulator writes for its own view (encodeView), as a link from it would carry.
    const query = encodeView({ ...defaultView(), config: { ...DEFAULT_CONFIG, routedExperts: 16, topK: 1, sharedExperts: 1 } });
    const { page, errors, offsite } = await openPage(browser, `${base}demos/scale.html${query}&model=toy`);
    await expect
      .poll(() => page.getByRole('status').filter({ hasText: 'Showing:' }).textContent(), { timeout: 20000 })
      .toContain('Your toy model');
    expect(await modelList(page).inputValue()).toBe('toy');
    expect(await modelList(page).locator('option:checked').textContent()).toMatch(/Your toy model · 16 experts, top-1/);
    const toy = page.getByRole('region', { name: '4. Your toy vs DeepSeek-V3' });
    expect(await deepText(toy)).toContain('1 of 16 routed + 1 shared');
    expect(await toy.getByRole('link', { name: 'Change your toy in the simulator' }).getAttribute('href')).toBe(`../index.html${query}`);

    await page
      .getByLabel('Or open a config.json file:')
      .setInputFiles({ name: 'config.json', mimeType: 'application/json', buffer: Buffer.from(MIXTRAL_TEXT) });
    await expect
      .poll(() => page.getByRole('status').filter({ hasText: 'Showing:' }).textContent())
      .toContain('Mixtral 8x7B (from config.json)');
    expect(await headline(page).textContent()).toContain('46.7B');

    await modelList(page).selectOption('deepseek-v2');
    await expect.poll(() => headline(page).textContent()).toContain('235.7B');
    expect(new URL(page.url()).searchParams.get('model')).toBe('deepseek-v2');
    expect(new URL(page.url()).searchParams.get('e')).toBe('16');
    expect(await page.getByRole('alert').filter({ hasText: 'not understood' }).count()).toBe(0);
    expect(errors).toEqual([]);
    expect(offsite).toEqual([]);
  });
});
