import { describe, expect, it } from 'vitest';
import '../../../src/ui/training/updated-params';
import { expertColour } from '../../../src/ui/shared/palette';

async function mount(step = 7) {
  const el = document.createElement('updated-params');
  el.layers = [[0, 2], [1]];
  el.demand = [
    [3, 0, 5, 0],
    [0, 8, 0, 0],
  ];
  el.tokens = 4;
  el.experts = 4;
  el.shared = 1;
  el.sizes = { embedding: 500, router: 64, routedExpert: 300, sharedExpert: 300 };
  el.updatedParams = 1234;
  el.totalParams = 5000;
  el.step = step;
  document.body.append(el);
  await el.updateComplete;
  return el;
}

const text = (el: Element | null | undefined) => (el?.textContent ?? '').replace(/\s+/g, ' ').trim();

describe('<updated-params>', () => {
  it('says how many parameters the step updated and what fraction that is', async () => {
    const el = await mount();
    expect(text(el.shadowRoot!.querySelector('.headline'))).toBe('Step 7 updated 1,234 of 5,000 parameters (24.7%).');
    el.remove();
  });

  it('lights the routed experts that got tokens, one row per layer; router, shared and embedding always', async () => {
    const el = await mount();
    const root = el.shadowRoot!;
    const layers = [...root.querySelectorAll('.layer')];
    expect(layers).toHaveLength(2);
    const lit = (l: Element) => [...l.querySelectorAll('.expert.on')].map((b) => b.getAttribute('data-expert'));
    expect(lit(layers[0]!)).toEqual(['0', '2']);
    expect(lit(layers[1]!)).toEqual(['1']);
    expect([...layers[0]!.querySelectorAll('.expert')].map((b) => text(b))).toEqual(['E0 3', 'E1 0', 'E2 5', 'E3 0']);
    // Updated experts in their own colours; the legend's swatches are theirs (E0, E1, E2).
    const colour = (e: number) => `rgb(${[1, 3, 5].map((i) => parseInt(expertColour(e).slice(i, i + 2), 16)).join(', ')})`;
    expect([...layers[0]!.querySelectorAll('.expert.on')].map((b) => getComputedStyle(b).backgroundColor)).toEqual([colour(0), colour(2)]);
    expect([...root.querySelectorAll<HTMLElement>('.legend [data-swatch]')].map((b) => getComputedStyle(b).backgroundColor)).toEqual(
      [0, 1, 2].map(colour),
    );
    for (const l of layers) {
      expect(l.querySelectorAll('.always')).toHaveLength(2); // router + S0
      expect(l.querySelector('.shared')!.textContent).toBe('S0');
    }
    expect(text(layers[0]!.querySelector('.words'))).toBe(
      '2 of 4 routed experts got a gradient; not updated (no token chose them): E1, E3.',
    );
    expect(layers[0]!.querySelector('.blocks')!.getAttribute('aria-label')).toBe(
      'Layer 1: router and 1 shared expert updated; routed experts updated: E0, E2',
    );
    expect(text(root.querySelector('.row .always'))).toBe('embedding + head');
    expect(text(root.querySelector('.caption'))).toContain('One routed expert has 300 parameters, a router 64, the embedding 500.');
    el.remove();
  });

  it('before the first step, says so', async () => {
    const el = await mount(0);
    expect(text(el.shadowRoot!.querySelector('.empty'))).toBe('No training step yet: press Train or Step.');
    el.remove();
  });
});
