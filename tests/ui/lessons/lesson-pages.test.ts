/**
 * The lesson pages' leaf components in Chromium, from hand-made data: the controls (events up, a
 * refused change next to its control), the sweep and granularity tables (current setting marked
 * with text, exact combinations), the per-token table (parts add up) and the shared-expert loads.
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG, updateConfig, type MoeConfig } from '../../../src/core/config';
import { granularityRows, sharedSweep } from '../../../src/core/lesson-math';
import { toyParams } from '../../../src/core/params';
import type { Routing } from '../../../src/core/router';
import { buildTrace, layerTrace } from '../../../src/core/trace';
import type { ConfigChangeEvent, ViewChangeEvent } from '../../../src/ui/shared/events';
import { setLang } from '../../../src/ui/i18n/locale';
import { approxPower, groupedBigInt } from '../../../src/ui/lessons/granularity-table';
import '../../../src/ui/lessons/granularity-table';
import '../../../src/ui/lessons/lesson-controls';
import '../../../src/ui/lessons/real-sparsity';
import '../../../src/ui/lessons/shared-usage';
import '../../../src/ui/lessons/sparsity-sweep';
import '../../../src/ui/lessons/token-active-table';

const text = (el: Element | null | undefined): string => (el?.textContent ?? '').replace(/\s+/g, ' ').trim();

type Leaf = 'lesson-controls' | 'sparsity-sweep' | 'granularity-table' | 'token-active-table' | 'shared-usage' | 'real-sparsity';

async function mount<K extends Leaf>(tag: K, props: Partial<HTMLElementTagNameMap[K]>): Promise<HTMLElementTagNameMap[K]> {
  const el = document.createElement(tag);
  Object.assign(el, props);
  document.body.append(el);
  await el.updateComplete;
  return el;
}

/** Two tokens, 8 experts, one shared: token 0 used experts E0 and E1; token 1 had its choice of E0 dropped. */
function trace(config: MoeConfig = { ...DEFAULT_CONFIG, sharedExperts: 1, capacityFactor: 0.5 }) {
  const p = toyParams(config, 10);
  const E = 8;
  const routing: Routing = {
    scores: new Float64Array(2 * E).fill(1 / E),
    routes: [
      { experts: [0, 1], weights: [0.6, 0.4], dropped: [false, false] },
      { experts: [0, 2], weights: [0.7, 0.3], dropped: [true, false] },
    ],
    capacity: 1,
    demand: [2, 1, 1, 0, 0, 0, 0, 0],
    load: [1, 1, 1, 0, 0, 0, 0, 0],
  };
  const layer = layerTrace(0, { routing, logits: new Float32Array(2 * E), sharedLoad: [2] }, config, p);
  const tokens = [
    { text: 'red', id: 1, category: 'colour' as const, unknown: false },
    { text: 'fox', id: 2, category: 'animal' as const, unknown: false },
  ];
  return buildTrace(config, tokens, false, [layer], p);
}

describe('<lesson-controls>', () => {
  it('has labelled controls with visible values and sends intent up', async () => {
    const el = await mount('lesson-controls', {
      config: { ...DEFAULT_CONFIG },
      text: 'the fox',
      fields: ['experts', 'topk', 'shared', 'granularity', 'seed', 'sentence'],
    });
    const root = el.shadowRoot!;
    const labels = [...root.querySelectorAll('label')].map((l) => text(l));
    expect(labels).toEqual([
      'Routed experts (E)',
      'Experts per token (top-k)',
      'Shared experts (s)',
      'Expert granularity (m)',
      'Seed',
      'Sentence',
      'Presets',
    ]);
    expect(text(root.getElementById('lc-experts-value'))).toBe('8');
    const got: unknown[] = [];
    el.addEventListener('config-change', (e: ConfigChangeEvent) => got.push(e.change));
    el.addEventListener('view-change', (e: ViewChangeEvent) => got.push(e.change));
    const k = root.getElementById('lc-topk') as HTMLInputElement;
    k.value = '3';
    k.dispatchEvent(new Event('input'));
    const m = root.getElementById('lc-granularity') as HTMLSelectElement;
    m.value = '4';
    m.dispatchEvent(new Event('change'));
    const seed = root.getElementById('lc-seed') as HTMLInputElement;
    seed.value = '';
    seed.dispatchEvent(new Event('change'));
    const sentence = root.getElementById('lc-sentence') as HTMLInputElement;
    sentence.value = 'a cat';
    sentence.dispatchEvent(new Event('change'));
    expect(got).toEqual([{ topK: 3 }, { granularity: 4 }, { seed: Number.NaN }, { text: 'a cat' }]);
    el.remove();
  });

  it('shows a refused change next to its control, linked for screen readers, and moves the slider back', async () => {
    const el = await mount('lesson-controls', { config: { ...DEFAULT_CONFIG }, fields: ['experts', 'topk'] });
    const k = el.shadowRoot!.getElementById('lc-topk') as HTMLInputElement;
    k.value = '12';
    const refused = updateConfig({ ...DEFAULT_CONFIG }, { topK: 12 });
    el.problem = { control: 'topk', problems: refused.ok ? [] : refused.problems };
    await el.updateComplete;
    const alert = el.shadowRoot!.querySelector('[role="alert"]')!;
    expect(alert.id).toBe('lc-topk-problem');
    expect(k.getAttribute('aria-describedby')).toBe('lc-topk-problem');
    expect(text(alert)).toContain('top-k (12) cannot exceed');
    expect(k.value).toBe('2');
    // The problems keep their codes, so they are worded in the page's language.
    setLang('zh', { url: false });
    await el.updateComplete;
    const zh = text(el.shadowRoot!.querySelector('[role="alert"]'));
    setLang('en', { url: false });
    expect(zh).not.toContain('cannot exceed');
    expect(zh).toMatch(/[\u4e00-\u9fff]/);
    el.remove();
  });
});

describe('<sparsity-sweep>', () => {
  it('marks the current setting with text, adding it to the axes when it is off the grid', async () => {
    const el = await mount('sparsity-sweep', { config: { ...DEFAULT_CONFIG, routedExperts: 10, topK: 3 }, vocabSize: 10 });
    const current = el.shadowRoot!.querySelectorAll('td.current');
    expect(current).toHaveLength(1);
    expect(current[0]!.getAttribute('data-e')).toBe('10');
    expect(current[0]!.getAttribute('data-k')).toBe('3');
    expect(text(current[0])).toMatch(/^★ your setting/);
    const heads = [...el.shadowRoot!.querySelectorAll('thead th')].map(text);
    expect(heads).toEqual(['Routed experts E', 'top-k = 1', 'top-k = 2', 'top-k = 3', 'top-k = 4', 'top-k = 8']);
    expect(text(el.shadowRoot!.querySelector('tbody tr'))).toContain('not possible (k > E)');
    el.remove();
  });
});

describe('<granularity-table>', () => {
  it('prints the combinations exactly, grouped, and marks the current m', async () => {
    const el = await mount('granularity-table', { rows: granularityRows({ ...DEFAULT_CONFIG }, 10), current: 4 });
    const sets = [...el.shadowRoot!.querySelectorAll('.sets')].map(text);
    expect(sets).toEqual(['28', '1,820', '10,518,300', '488,526,937,079,580']);
    expect(text(el.shadowRoot!.querySelector('tr.current th'))).toBe('4 ★ your setting');
    expect(groupedBigInt(1234567n)).toBe('1,234,567');
    expect(approxPower(488526937079580n)).toBe('4.89 × 10¹⁴');
    expect(approxPower(99960000n)).toBe('1.00 × 10⁸');
    el.remove();
  });
});

describe('<token-active-table>', () => {
  it('breaks each token’s active parameters into parts and crosses out a dropped choice', async () => {
    const t = trace();
    const el = await mount('token-active-table', { trace: t });
    const rows = el.shadowRoot!.querySelectorAll('tbody tr');
    expect(rows).toHaveLength(2);
    // By hand (vocabulary 10): embedding 320, router 256, one expert 6,144, one shared 6,144.
    // Token 0: 320 + 256 + 6,144 + 2·6,144 = 19,008; token 1 (one dropped): 12,864; total 320 + 256 + 9·6,144 = 55,872.
    const cells = (i: number) => [...rows[i]!.querySelectorAll('td')].map(text);
    expect(cells(0).slice(1, 6)).toEqual(['320', '256', '6,144', '12,288', '19,008']);
    expect(cells(1).slice(1, 6)).toEqual(['320', '256', '6,144', '6,144', '12,864']);
    // Experts are numbered from 0, as on the main page: E0, E1, …
    expect(cells(0)[0]).toBe('E0, E1');
    expect(cells(1)[0]).toBe('✕E0 (dropped), E2');
    expect(rows[1]!.querySelector('.dropped')).not.toBeNull();
    expect(text(el.shadowRoot!.getElementById('average'))).toBe(
      'Sentence average: 15,936 of 55,872 parameters active per token (28.5%), over 2 tokens.',
    );
    el.remove();
  });
});

describe('<shared-usage>', () => {
  it('shows that each shared expert processed every token, from the trace', async () => {
    const t = trace();
    const el = await mount('shared-usage', { trace: t, rows: sharedSweep(t.config, 10), current: 1 });
    const shared = el.shadowRoot!.querySelectorAll('tr.shared-row');
    expect(shared).toHaveLength(1);
    // Shared experts are S0…, routed ones E0…, as on the main page.
    expect([...shared[0]!.querySelectorAll('th, td')].map(text).slice(0, 4)).toEqual(['S0', 'shared', '2', '100%']);
    expect([...el.shadowRoot!.querySelectorAll('tr.routed-row th')].map(text).slice(0, 3)).toEqual(['E0', 'E1', 'E2']);
    expect(text(el.shadowRoot!.getElementById('shared-verdict'))).toBe(
      'The shared expert processed all 2 tokens; the busiest routed expert processed 1.',
    );
    expect(text(el.shadowRoot!.querySelector('tr.current th'))).toBe('1 ★ your setting');
    el.remove();
  });
});

describe('<real-sparsity>', () => {
  it('gives the published models’ counts to 3 significant figures, with the toy beside them', async () => {
    const el = await mount('real-sparsity', { config: { ...DEFAULT_CONFIG }, vocabSize: 10 });
    const row = (id: string) => [...el.shadowRoot!.querySelectorAll(`tr[data-id="${id}"] td`)].map(text);
    expect(row('deepseek-v3').slice(1, 4)).toEqual(['671B', '37.6B', '5.60%']);
    expect(row('deepseek-v2').slice(1, 4)).toEqual(['236B', '21.4B', '9.07%']);
    expect(row('mixtral-8x7b').slice(1, 4)).toEqual(['46.7B', '12.9B', '27.6%']);
    // The toy with vocabulary 10: 320 + 256 + 8·6,144 = 49,728 total, 12,864 active.
    expect(row('toy').slice(1, 4)).toEqual(['49,728', '12,864', '25.9%']);
    expect(el.shadowRoot!.querySelector('.chart')!.getAttribute('aria-hidden')).toBe('true');
    el.remove();
  });
});
