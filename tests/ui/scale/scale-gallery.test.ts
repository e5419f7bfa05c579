import { afterEach, describe, expect, it } from 'vitest';
import { countParams } from '../../../src/core/params';
import { PRESETS } from '../../../src/core/presets';
import { setLang } from '../../../src/ui/i18n/locale';
import '../../../src/ui/scale/scale-gallery';
import { barPercent, formatShort, logDomain } from '../../../src/ui/scale/scale-gallery-chart';
import { deep, mount, settle, toy, unmountAll } from './scale-helpers';

afterEach(() => {
  unmountAll();
  setLang('en', { url: false });
});

const cells = (tr: Element) => [...tr.querySelectorAll('th, td')].map((c) => (c.textContent ?? '').replace(/\s+/g, ' ').trim());

describe('formatShort and the log scale', () => {
  it('three significant figures with a unit', () => {
    expect(formatShort(671_026_419_200)).toBe('671B');
    expect(formatShort(37_552_297_472)).toBe('37.6B');
    expect(formatShort(1_026_408_232_448)).toBe('1.03T');
    expect(formatShort(8_030_261_248)).toBe('8.03B');
    expect(formatShort(72_928)).toBe('72.9K');
    expect(formatShort(999_700_000_000)).toBe('1.00T');
    expect(formatShort(512)).toBe('512');
  });
  it('powers of ten from the smallest count to the largest, bars in proportion to the logarithm', () => {
    const d = logDomain([36_064, 1.03e12]);
    expect(d).toEqual({ lo: 4, hi: 13 });
    expect(barPercent(1e4, d)).toBe(0);
    expect(barPercent(1e13, d)).toBeCloseTo(84, 6);
    // Ten times more is always the same step.
    expect(barPercent(1e9, d) - barPercent(1e8, d)).toBeCloseTo(barPercent(1e6, d) - barPercent(1e5, d), 9);
  });
});

describe('<scale-gallery>', () => {
  it('lists every preset and the toy, largest first, with the page’s counts', async () => {
    const t = toy();
    const el = await mount('scale-gallery', { toy: t }, 1200);
    await settle(el);
    const root = el.shadowRoot!;
    const trs = [...root.querySelectorAll('tbody tr')];
    expect(trs).toHaveLength(PRESETS.length + 1);
    const ids = trs.map((tr) => tr.getAttribute('data-id'));
    expect(ids[0]).toBe('kimi-k2');
    expect(ids.at(-1)).toBe('toy');
    for (const p of PRESETS) {
      const tr = trs.find((x) => x.getAttribute('data-id') === p.id)!;
      const c = countParams(p.config);
      const data = [...tr.querySelectorAll('data')].map((d) => Number(d.getAttribute('value')));
      expect(data).toEqual([c.total, c.active]);
      expect(cells(tr)[0]).toBe(p.name);
    }
    const v3 = cells(trs.find((x) => x.getAttribute('data-id') === 'deepseek-v3')!);
    expect(v3).toEqual(['DeepSeek-V3', '671B', '37.6B', '5.6%', '256', '8', '1', '68.6 KiB (MLA)']);
    const llama = cells(trs.find((x) => x.getAttribute('data-id') === 'llama-3.1-8b')!);
    expect(llama).toEqual(['Llama 3.1 8B', '8.03B', '8.03B', '100.0%', 'none (dense)', '—', '—', '128 KiB (GQA)']);
    const toyRow = cells(trs.at(-1)!);
    expect(toyRow).toEqual([
      'Your toy model',
      formatShort(t.total),
      formatShort(t.active),
      `${((t.active / t.total) * 100).toFixed(1)}%`,
      '8',
      '2',
      '0',
      'no attention',
    ]);
  });

  it('the chart: one picture naming the table, two labelled bars per model, on a log scale', async () => {
    const el = await mount('scale-gallery', { toy: toy() }, 1200);
    await settle(el);
    const chart = el.shadowRoot!.querySelector('scale-gallery-chart')!;
    const img = chart.shadowRoot!.querySelector('[role="img"]')!;
    const caption = el.shadowRoot!.querySelector('caption')!.textContent!.trim();
    expect(img.getAttribute('aria-label')).toContain(`“${caption}”`);
    expect(img.getAttribute('aria-label')).toContain('18 models, from Kimi K2 1.03T down to Your toy model 72.9K');
    const models = [...chart.shadowRoot!.querySelectorAll('.model')];
    expect(models).toHaveLength(18);
    const v3 = models.find((m) => m.getAttribute('data-id') === 'deepseek-v3')!;
    expect([...v3.querySelectorAll('.value')].map((v) => v.textContent)).toEqual(['671B', '37.6B']);
    const widths = (m: Element) => [...m.querySelectorAll<HTMLElement>('.bar')].map((b) => parseFloat(b.style.width));
    const [total, active] = widths(v3);
    const d = logDomain([36_064, 1.03e12]);
    expect(total).toBeCloseTo(barPercent(671_026_419_200, d), 1);
    expect(active).toBeCloseTo(barPercent(37_552_297_472, d), 1);
    // Every bar has its value beside it, and the bars shrink down the list.
    expect(chart.shadowRoot!.querySelectorAll('.value')).toHaveLength(36);
    const totals = models.map((m) => widths(m)[0]!);
    for (let i = 1; i < totals.length; i++) expect(totals[i - 1]!).toBeGreaterThanOrEqual(totals[i]!);
    // Names are readable: none is cut off.
    for (const n of chart.shadowRoot!.querySelectorAll<HTMLElement>('.name')) expect(n.scrollWidth).toBeLessThanOrEqual(n.clientWidth + 1);
  });

  it('follows the toy and the language', async () => {
    const el = await mount('scale-gallery', { toy: toy({ routedExperts: 64, topK: 4 }) }, 1200);
    await settle(el);
    const last = cells([...el.shadowRoot!.querySelectorAll('tbody tr')].at(-1)!);
    expect(last.slice(4, 6)).toEqual(['64', '4']);
    setLang('zh', { url: false });
    await settle(el);
    expect(deep(el)).toContain('每个词元的 KV 缓存（bf16）');
    expect(deep(el)).toContain('无（稠密模型）');
  });
});
