import { describe, expect, it } from 'vitest';
import type { LatentErrors, LatentEvaluation } from '../../../src/core/latent-attention';
import '../../../src/ui/memory/latent-toy';
import type { LatentSizeEvent } from '../../../src/ui/memory/latent-toy';

const TOKENS = ['the', 'cat', 'runs'];
const point = (dc: number): LatentErrors => ({
  dc,
  attentionMoved: (4 - dc) / 10,
  attentionMaxDiff: (4 - dc) / 5,
  outputError: (4 - dc) / 4,
  kvError: (4 - dc) / 4,
  energyKept: dc / 4,
  cacheFull: 16,
  cacheLatent: dc,
});
// Two heads over three tokens; causal rows.
const full = [Float32Array.from([1, 0, 0, 0.5, 0.5, 0, 0.2, 0.3, 0.5]), Float32Array.from([1, 0, 0, 0.9, 0.1, 0, 0.1, 0.1, 0.8])];
const latent = [Float32Array.from([1, 0, 0, 0.4, 0.6, 0, 0.2, 0.3, 0.5]), Float32Array.from([1, 0, 0, 0.9, 0.1, 0, 0.1, 0.1, 0.8])];
const result = (dc: number): LatentEvaluation => ({ ...point(dc), tokens: 3, heads: 2, attentionFull: full, attentionLatent: latent });

async function mount(dc = 2) {
  const el = document.createElement('latent-toy');
  Object.assign(el, {
    dc,
    fullRank: 4,
    width: 4,
    heads: 2,
    headDim: 4,
    tokens: TOKENS,
    sweep: [1, 2, 3, 4].map(point),
    result: result(dc),
  });
  document.body.append(el);
  await el.updateComplete;
  await Promise.all(
    [...el.shadowRoot!.querySelectorAll('attention-map, error-chart')].map(
      (c) => (c as HTMLElementTagNameMap['error-chart']).updateComplete,
    ),
  );
  return el;
}

const $ = <T extends Element = HTMLElement>(el: HTMLElement, sel: string) => el.shadowRoot!.querySelector(sel) as T;

describe('<latent-toy>', () => {
  it('shows both caches from the evaluation, and the errors', async () => {
    const el = await mount(2);
    expect($(el, '#cache-full').textContent).toBe('16 numbers per token');
    expect($(el, '#cache-latent').textContent).toBe('2 numbers per token');
    expect(el.shadowRoot!.textContent).toContain('48 numbers for these 3 tokens');
    expect(el.shadowRoot!.textContent).toContain('6 numbers for these 3 tokens: 8× less');
    expect($(el, '#moved').textContent).toBe('20.0%');
    expect($(el, '#output-error').textContent).toBe('50.0%');
    el.remove();
  });

  it('the slider is named “Latent size d_c”, shows its value and sends the new d_c up', async () => {
    const el = await mount(2);
    const slider = $<HTMLInputElement>(el, 'input[type="range"]');
    expect(slider.getAttribute('aria-label')).toBe('Latent size d_c');
    expect(slider.max).toBe('4');
    expect(slider.getAttribute('aria-valuetext')).toBe('2 numbers per token');
    expect($(el, 'output').textContent).toBe('2 numbers per token');
    const got: number[] = [];
    el.addEventListener('latent-size', (e: LatentSizeEvent) => got.push(e.dc));
    slider.value = '3';
    slider.dispatchEvent(new Event('input'));
    expect(got).toEqual([3]);
    el.remove();
  });

  it('draws full, latent and difference maps for the chosen head; the head can be changed', async () => {
    const el = await mount(2);
    const maps = [...el.shadowRoot!.querySelectorAll('attention-map')];
    expect(maps.map((m) => m.label)).toEqual(['Full attention, head 1', 'Latent, d_c = 2, head 1', 'Difference, head 1']);
    const diff = maps[2]!;
    expect(Array.from(diff.matrix as Float32Array).map((v) => Math.round(v * 10) / 10)).toEqual([0, 0, 0, -0.1, 0.1, 0, 0, 0, 0]);
    expect(diff.tone).toBe('diff');
    const radios = el.shadowRoot!.querySelectorAll<HTMLInputElement>('input[type="radio"]');
    expect(radios).toHaveLength(2);
    radios[1]!.click();
    await el.updateComplete;
    expect([...el.shadowRoot!.querySelectorAll('attention-map')].map((m) => m.label)[0]).toBe('Full attention, head 2');
    el.remove();
  });

  it('renders no figures or maps before the first result', async () => {
    const el = document.createElement('latent-toy');
    document.body.append(el);
    await el.updateComplete;
    expect($(el, '#cache-latent')).toBeNull();
    expect(el.shadowRoot!.querySelectorAll('attention-map')).toHaveLength(0);
    el.remove();
  });
});
