import { afterEach, describe, expect, it } from 'vitest';
import type { Trace } from '../../../src/core/trace';
import { CATALOGUE } from '../../../src/ui/i18n/all';
import { setLang } from '../../../src/ui/i18n/locale';
import '../../../src/ui/routing/flop-counters';
import type { FlopCounters } from '../../../src/ui/routing/flop-counters';
import { BY_HAND, fixedTrace, mixedTrace } from '../../flop-traces';

const { flops: F } = BY_HAND;
const text = (el: Element) => (el.shadowRoot?.textContent ?? '').replace(/\s+/g, ' ');

async function mount(trace: Trace | null, current: number): Promise<FlopCounters> {
  const el = document.createElement('flop-counters');
  el.trace = trace;
  el.current = current;
  document.body.append(el);
  await el.updateComplete;
  return el;
}

/** A counter's exact number, its step, the number shown, and its bar's width. */
function counter(el: FlopCounters, kind: 'sparse' | 'dense') {
  const c = el.shadowRoot!.querySelector<HTMLElement>(`[data-counter="${kind}"]`)!;
  return {
    value: Number(c.dataset['value']),
    step: Number(c.dataset['step']),
    shown: c.querySelector('.num')!.textContent!,
    width: c.querySelector<HTMLElement>('.fill')!.style.width,
    text: c.textContent!.replace(/\s+/g, ' '),
  };
}

afterEach(() => {
  document.body.replaceChildren();
  setLang('en', { url: false, document: false });
});

describe('<flop-counters>', () => {
  it('shows Σ FLOPs of tokens 0..current and (current + 1) × the dense FLOPs per token', async () => {
    const t = mixedTrace();
    const el = await mount(t, 2);
    // Tokens 0..2: 25,728 + 13,440 + 25,728 = 64,896; dense 3 × 99,456 = 298,368.
    const s = counter(el, 'sparse');
    const d = counter(el, 'dense');
    expect(s).toMatchObject({ value: 64896, step: F.two, shown: '64,896' });
    expect(d).toMatchObject({ value: 298368, step: F.dense, shown: '298,368' });
    expect(s.value).toBe(t.perToken.slice(0, 3).reduce((a, c) => a + c.flops, 0));
    expect(d.value).toBe(3 * t.flops.densePerToken);
    // Multiply-adds are half the FLOPs (2 FLOPs each): 32,448 and 149,184.
    expect(s.text).toContain('32,448');
    expect(d.text).toContain('149,184');
    expect(s.text).toContain('+25,728');
    expect(el.dataset['tokens']).toBe('3');
    // 298,368 / 64,896 ≈ 4.60× fewer; 1 − 64,896/298,368 ≈ 78.2% saved.
    const ratio = el.shadowRoot!.querySelector('.ratio')!.textContent!;
    expect(ratio).toContain('4.60×');
    expect(ratio).toContain('78.2%');
  });

  it('stepping from token 2 to 3 grows sparse by exactly perToken[3].flops and dense by densePerToken', async () => {
    const t = mixedTrace();
    const el = await mount(t, 2);
    const s2 = counter(el, 'sparse').value;
    const d2 = counter(el, 'dense').value;
    el.current = 3;
    await el.updateComplete;
    // The final numbers are in the DOM as soon as the update is done (no count-up to wait for).
    expect(counter(el, 'sparse').value - s2).toBe(t.perToken[3]!.flops);
    expect(counter(el, 'dense').value - d2).toBe(t.flops.densePerToken);
    expect(counter(el, 'sparse')).toMatchObject({ value: 66048, step: F.none, shown: '66,048' });
    expect(counter(el, 'dense')).toMatchObject({ value: 397824, shown: '397,824' });
  });

  it('draws both bars on one scale, the dense FLOPs of the whole sentence', async () => {
    const t = fixedTrace();
    const el = await mount(t, 1);
    // Scale 4 × 99,456: dense so far 2/4 = 50%; sparse 2 × 25,728 / 397,824 ≈ 12.934%.
    expect(counter(el, 'dense').width).toBe('50%');
    expect(counter(el, 'sparse').width).toBe(`${((2 * F.two * 100) / (4 * F.dense)).toFixed(3)}%`);
    el.current = 3;
    await el.updateComplete;
    expect(counter(el, 'dense').width).toBe('100%');
  });

  it('is a labelled group whose text holds the numbers, without a live region of its own', async () => {
    const el = await mount(mixedTrace(), 1);
    const group = el.shadowRoot!.querySelector('[role="group"]')!;
    expect(group.getAttribute('aria-label')).toContain('2');
    expect(group.getAttribute('aria-label')).toContain('4');
    expect(el.shadowRoot!.querySelector('[aria-live], [role="status"]')).toBeNull();
    expect(text(el)).toContain('39,168');
    expect(text(el)).toContain('198,912');
  });

  it('says so when nothing is counted', async () => {
    const el = await mount(null, 0);
    expect(text(el).trim()).toBe(CATALOGUE.en.flops.counters.none);
    expect(el.shadowRoot!.querySelector('[data-counter]')).toBeNull();
  });

  it('speaks Simplified Chinese with the same numbers', async () => {
    setLang('zh', { url: false, document: false });
    const el = await mount(mixedTrace(), 3);
    const zh = CATALOGUE.zh.flops.counters;
    expect(text(el)).toContain(zh.title);
    expect(text(el)).toContain(zh.sparse);
    expect(text(el)).toContain('66,048');
    expect(text(el)).toContain(zh.multiplyAdds('33,024'));
    expect(el.shadowRoot!.querySelector('[role="group"]')!.getAttribute('aria-label')).toBe(zh.groupLabel('4', '4'));
  });
  it("draws the first counters without a flash; a step's new line flashes, a language switch does not restart it", async () => {
    const el = await mount(null, 0);
    const steps = () => [...el.shadowRoot!.querySelectorAll('.step')];
    el.trace = mixedTrace();
    await el.updateComplete;
    expect(steps()).toHaveLength(2);
    expect(steps().every((s) => !s.classList.contains('flash'))).toBe(true);
    el.current = 1;
    await el.updateComplete;
    expect(steps().every((s) => s.classList.contains('flash'))).toBe(true);
    const shown = steps();
    setLang('zh', { url: false, document: false });
    await el.updateComplete;
    expect(steps()).toEqual(shown);
    expect(steps().every((s) => s.classList.contains('flash'))).toBe(true);
  });
});
