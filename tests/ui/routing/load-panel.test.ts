import { describe, expect, it } from 'vitest';
import type { LayerTrace, TokenRouting } from '../../../src/core/trace';
import '../../../src/ui/routing/load-panel';

// Eight tokens, top-1 over four experts, capacity 3: expert 0 is chosen four times, so its last
// choice is dropped and that token gets no expert. Demand [4, 2, 0, 2]: mean 2, max/mean 2, CV √2/2.
const route = (e: number, dropped = false): TokenRouting => ({
  logits: [0, 0, 0, 0],
  scores: [0.25, 0.25, 0.25, 0.25],
  experts: [e],
  weights: [1],
  dropped: [dropped],
  used: dropped ? 0 : 1,
  skipped: dropped,
});

function layer(capacity: number | null): LayerTrace {
  const dropLast = capacity !== null;
  return {
    index: 0,
    tokens: [route(0), route(1), route(0), route(3), route(0), route(1), route(3), route(0, dropLast)],
    experts: [
      { index: 0, demand: 4, load: dropLast ? 3 : 4, params: 10 },
      { index: 1, demand: 2, load: 2, params: 10 },
      { index: 2, demand: 0, load: 0, params: 10 },
      { index: 3, demand: 2, load: 2, params: 10 },
    ],
    capacity,
    droppedChoices: dropLast ? 1 : 0,
    skippedTokens: dropLast ? 1 : 0,
    balance: { maxOverMean: 2, cv: Math.SQRT2 / 2 },
  };
}

async function mount(l: LayerTrace | null) {
  const el = document.createElement('load-panel');
  el.layer = l;
  document.body.append(el);
  await el.updateComplete;
  await el.shadowRoot!.querySelector('load-bars')?.updateComplete;
  return el;
}

const text = (el: Element | null | undefined) => (el?.textContent ?? '').replace(/\s+/g, ' ').trim();

describe('<load-panel>', () => {
  it("shows each expert's demand, the capacity, what was dropped and the balance in numbers and words", async () => {
    const el = await mount(layer(3));
    const root = el.shadowRoot!;
    const bars = root.querySelector('load-bars')!;
    expect(bars.capacity).toBe(3);
    expect([...bars.shadowRoot!.querySelectorAll('text.value')].map((t) => t.textContent)).toEqual(['4', '2', '0', '2']);
    expect(bars.shadowRoot!.querySelectorAll('rect.drop')).toHaveLength(1);
    expect(text(root.querySelector('.capacity'))).toBe('Capacity 3 tokens per expert 1 expert over it.');
    expect(text(root.querySelector('.dropped dd'))).toBe('1 choice of 8 dropped');
    expect(text(root.querySelector('.dropped dd.more'))).toBe('1 token got no expert at all (it rides the residual connection).');
    expect(text(root.querySelector('.balance dd'))).toBe('max/mean 2.00 · CV 0.71');
    expect(text(root.querySelector('.balance dd.more'))).toBe('1 expert got no tokens.');
    const words = text(root.querySelector('.words'));
    expect(words).toContain('1.00 and CV 0.00 would be perfectly even');
    expect(words).toContain('busiest expert was chosen by 2.00× as many tokens as the average expert');
    expect(words).toContain('71% of the average');
    el.remove();
  });

  it('says "no capacity limit" when capacity is null, and draws no capacity line', async () => {
    const el = await mount(layer(null));
    const root = el.shadowRoot!;
    expect(text(root.querySelector('.capacity dd'))).toBe('no capacity limit');
    expect(text(root.querySelector('.dropped dd'))).toBe('0 choices of 8 dropped');
    expect(text(root.querySelector('.dropped dd.more'))).toBe('0 tokens got no expert at all.');
    expect(root.querySelector('load-bars')!.shadowRoot!.querySelector('line.cap')).toBeNull();
    el.remove();
  });

  it('says so when there is nothing to show', async () => {
    const el = await mount(null);
    expect(text(el.shadowRoot!.querySelector('[role="status"]'))).toBe('No sentence routed yet.');
    el.remove();
  });
});
