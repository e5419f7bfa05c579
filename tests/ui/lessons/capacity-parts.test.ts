import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG, updateConfig, type MoeConfig } from '../../../src/core/config';
import type { LayerTrace, TokenRouting } from '../../../src/core/trace';
import type { SweepPoint } from '../../../src/state/capacity-sweep';
import { axisTop } from '../../../src/ui/lessons/capacity-sweep-chart';
import { CAPACITY_STOPS, capacityStop } from '../../../src/ui/routing/capacity-stops';
import type { ConfigChangeEvent, ViewChangeEvent } from '../../../src/ui/shared/events';
import { setLang } from '../../../src/ui/i18n/locale';
import '../../../src/ui/lessons/capacity-controls';
import '../../../src/ui/lessons/capacity-sweep-chart';
import '../../../src/ui/lessons/drop-summary';
import '../../../src/ui/lessons/imbalance-note';

const text = (el: Element | ShadowRoot | null | undefined) => (el?.textContent ?? '').replace(/\s+/g, ' ').trim();
const config: MoeConfig = { ...DEFAULT_CONFIG, capacityFactor: 1 };

// Hand-made: T=10, k=2, E=8, factor 1 → 3 slots. Tokens 0–3 all put expert 0 first, so token 3's
// choice of expert 0 is the 4th and is dropped. Demand [4, 2, 2, 2, 2, 3, 3, 2]: mean 2.5, max/mean 1.6.
const picks = [
  [0, 1],
  [0, 2],
  [0, 3],
  [0, 4],
  [5, 6],
  [5, 7],
  [6, 7],
  [1, 2],
  [3, 4],
  [6, 5],
];
const demand = [4, 2, 2, 2, 2, 3, 3, 2];
function layer(): LayerTrace {
  const tokens = picks.map((experts, t): TokenRouting => {
    const dropped = experts.map((e) => t === 3 && e === 0);
    return { logits: [], scores: [], experts, weights: [0.6, 0.4], dropped, used: dropped.filter((d) => !d).length, skipped: false };
  });
  return {
    index: 0,
    tokens,
    experts: demand.map((d, e) => ({ index: e, demand: d, load: Math.min(d, 3), params: 1 })),
    capacity: 3,
    droppedChoices: 1,
    skippedTokens: 0,
    balance: { maxOverMean: 1.6, cv: 0.2 },
  };
}

const point = (factor: number | null, dropped: number, skippedTokens = 0): SweepPoint => ({
  factor,
  dropped,
  choices: 200,
  tokens: 100,
  skippedTokens,
  batches: 10,
  maxOverMean: { mean: 1.9, max: 3 },
});

const mounted: HTMLElement[] = [];
async function mount<T extends HTMLElement & { updateComplete: Promise<boolean> }>(el: T): Promise<T> {
  document.body.append(el);
  mounted.push(el);
  await el.updateComplete;
  return el;
}
afterEach(() => {
  setLang('en', { url: false });
  for (const el of mounted.splice(0)) el.remove();
});

describe('<drop-summary>', () => {
  it('works the capacity out with the batch’s numbers and counts the dropped choices', async () => {
    const el = document.createElement('drop-summary');
    el.layer = layer();
    el.config = config;
    await mount(el);
    const root = el.shadowRoot!;
    expect(text(root.querySelector('#capacity-formula'))).toBe('capacity = max(1, ⌈1 × 10 × 2 / 8⌉) = max(1, ⌈2.5⌉) = 3 slots per expert');
    expect(text(root.querySelector('#dropped-count'))).toBe('1 of 20 token-expert choices dropped (5.0%)');
    expect(text(root.querySelector('#skipped'))).toBe('Every token kept at least one expert.');

    el.config = { ...config, capacityFactor: null };
    el.layer = { ...layer(), capacity: null };
    await el.updateComplete;
    expect(text(root.querySelector('#capacity-formula'))).toBe('No capacity limit: every choice is processed.');

    setLang('zh', { url: false });
    el.config = config;
    el.layer = layer();
    await el.updateComplete;
    expect(text(root.querySelector('#dropped-count'))).toBe('20 个词元-专家选择中有 1 个被丢弃（5.0%）');
  });
});

describe('<imbalance-note>', () => {
  it('explains drops at factor 1 from the demand: max 4 against a mean of 2.5', async () => {
    const el = document.createElement('imbalance-note');
    el.layer = layer();
    el.config = config;
    el.atOne = point(1, 30);
    await mount(el);
    const root = el.shadowRoot!;
    expect(text(root.querySelector('#even-share'))).toBe(
      'Factor 1 gives each expert ⌈10 × 2 / 8⌉ = ⌈2.5⌉ = 3 slots: enough only if the choices were spread evenly.',
    );
    expect(text(root.querySelector('#max-over-mean'))).toBe(
      'In this sentence the busiest expert was chosen 4 times against a mean of 2.5: max/mean = 1.60.',
    );
    expect(text(root.querySelector('#at-one'))).toBe(
      'So at factor 1, 1 choice is dropped. Any factor of at least max/mean keeps every choice of this sentence.',
    );
    expect(text(root.querySelector('#all-sentences'))).toBe(
      'Over all 10 built-in sentences, max/mean averages 1.90 (at most 3.00), and at factor 1, 15.0% of the choices are dropped.',
    );
    el.config = { ...config, router: 'expert-choice' };
    await el.updateComplete;
    expect(text(root)).toContain('With expert choice every expert takes exactly its capacity');
  });
});

describe('<capacity-sweep-chart>', () => {
  const points = [point(0.5, 80, 9), point(1, 30, 2), point(2, 2), point(null, 0)];

  it('draws one bar per factor and the same numbers in a table; the current setting is marked in words', async () => {
    const el = document.createElement('capacity-sweep-chart');
    el.style.width = '700px'; // wide: one decimal on the bars (a phone gets whole percents)
    el.points = points;
    el.current = 1;
    await mount(el);
    const root = el.shadowRoot!;
    expect(root.querySelectorAll('rect.bar')).toHaveLength(4);
    expect([...root.querySelectorAll('text.value')].map((t) => t.textContent)).toEqual(['40.0%', '15.0%', '1.0%', '0.0%']);
    expect(root.querySelectorAll('rect.bar.current')).toHaveLength(1);
    expect(text(root.querySelector('g[data-factor="1"] text.mark'))).toBe('▲ current');
    expect(root.querySelector('svg')!.getAttribute('aria-label')).toBe(
      'Share of choices dropped, by capacity factor: 0.5: 40.0%, 1: 15.0%, 2: 1.0%, no limit: 0.0%. Current setting: 1.',
    );
    const rows = [...root.querySelectorAll('tbody tr')].map((r) => [...r.children].map(text));
    expect(rows).toEqual([
      ['0.5', '80 of 200', '40.0%', '9 of 100 (9.0%)'],
      ['1(current setting)', '30 of 200', '15.0%', '2 of 100 (2.0%)'],
      ['2', '2 of 200', '1.0%', '0 of 100 (0.0%)'],
      ['no limit', '0 of 200', '0.0%', '0 of 100 (0.0%)'],
    ]);
    expect(root.querySelector('tr[aria-current="true"]')!.getAttribute('data-factor')).toBe('1');
  });

  it('expert choice: the bars show tokens with no expert; the axis fits the largest share', async () => {
    const el = document.createElement('capacity-sweep-chart');
    el.style.width = '700px'; // wide: one decimal on the bars (a phone gets whole percents)
    el.points = points;
    el.current = null;
    el.measure = 'skipped';
    await mount(el);
    const root = el.shadowRoot!;
    expect([...root.querySelectorAll('text.value')].map((t) => t.textContent)).toEqual(['9.0%', '2.0%', '0.0%', '0.0%']);
    expect(root.querySelector('tr[aria-current="true"]')!.getAttribute('data-factor')).toBe('none');
    expect([0, 0.004, 0.01, 0.03, 0.09, 0.2, 0.4, 0.6, 1].map(axisTop)).toEqual([0.01, 0.01, 0.01, 0.05, 0.1, 0.2, 0.5, 1, 1]);
  });
});

describe('<capacity-controls>', () => {
  async function controls(c: MoeConfig = config) {
    const el = document.createElement('capacity-controls');
    el.config = c;
    el.text = 'the cat';
    await mount(el);
    const got: unknown[] = [];
    el.addEventListener('config-change', (e: ConfigChangeEvent) => got.push(e.change));
    el.addEventListener('view-change', (e: ViewChangeEvent) => got.push(e.change));
    return { el, root: el.shadowRoot!, got };
  }
  const input = (root: ShadowRoot, id: string, value: string, type = 'input') => {
    const i = root.getElementById(id) as HTMLInputElement;
    i.value = value;
    i.dispatchEvent(new Event(type));
  };

  it('the capacity slider has the main page’s stops, 0.5 … 4 and no limit, with its value in words', async () => {
    expect(CAPACITY_STOPS).toEqual([0.5, 0.75, 1, 1.25, 1.5, 1.75, 2, 2.25, 2.5, 2.75, 3, 3.25, 3.5, 3.75, 4, null]);
    expect([capacityStop(null), capacityStop(1), capacityStop(1.1), capacityStop(4)]).toEqual([15, 2, 2, 14]);
    const { root, got } = await controls();
    expect(root.getElementById('capacity')!.getAttribute('aria-valuetext')).toBe('1');
    input(root, 'capacity', '0');
    input(root, 'capacity', '15');
    input(root, 'topk', '3');
    expect(got).toEqual([{ capacityFactor: 0.5 }, { capacityFactor: null }, { topK: 3 }]);
  });

  it('experts below top-k lower top-k and say so; a typed seed goes up as it is and its refusal is shown by its box, in the page language', async () => {
    const { el, root, got } = await controls({ ...config, topK: 4 });
    input(root, 'experts', '2');
    await el.updateComplete;
    expect(got).toEqual([{ routedExperts: 2, topK: 2 }]);
    expect(text(root.getElementById('experts-note'))).toBe('Top-k lowered to 2: a token cannot choose more experts than there are.');
    expect(root.getElementById('experts')!.getAttribute('aria-describedby')).toBe('experts-note');

    // The seed is validated by the config's own rules (the page's simulator), like every other setting:
    // the control sends what was typed, and shows the problems the page answers with next to the box.
    input(root, 'seed', '1.5', 'change');
    expect(got).toHaveLength(2);
    expect(got.at(-1)).toEqual({ seed: 1.5 });
    const refused = updateConfig(config, { seed: 1.5 });
    expect(refused.ok).toBe(false);
    el.problems = refused.ok ? [] : refused.problems;
    await el.updateComplete;
    expect(text(root.getElementById('seed-problem'))).toBe('seed must be a whole number, not 1.5. The last good seed is kept.');
    expect(root.getElementById('seed')!.getAttribute('aria-invalid')).toBe('true');
    expect(root.getElementById('seed')!.getAttribute('aria-describedby')).toBe('seed-problem');
    setLang('zh', { url: false });
    await el.updateComplete;
    const zh = text(root.getElementById('seed-problem'));
    expect(zh).toMatch(/。仍使用上一个有效的随机种子。$/);
    expect(zh).not.toMatch(/must be|whole number/);
    setLang('en', { url: false });
    await el.updateComplete;
    // A problem of another field is not the seed's.
    el.problems = [{ field: 'topK', code: 'config.topKExceedsExperts', args: { topK: 9, experts: 8 } }];
    await el.updateComplete;
    expect(root.getElementById('seed-problem')).toBeNull();
    input(root, 'seed', '42', 'change');
    expect(got.at(-1)).toEqual({ seed: 42 });
    el.problems = [];
    await el.updateComplete;
    expect(root.getElementById('seed-problem')).toBeNull();
    expect(root.getElementById('seed')!.getAttribute('aria-invalid')).toBe('false');

    const box = root.querySelector<HTMLInputElement>('input[type="text"]')!;
    box.value = 'two red birds';
    box.dispatchEvent(new Event('change'));
    expect(got.at(-1)).toEqual({ text: 'two red birds' });
  });
});
