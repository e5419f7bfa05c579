import { memory } from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import '../../../src/ui/memory/memory-page';
import { LatentSizeEvent } from '../../../src/ui/memory/latent-toy';

describe('<memory-page>', () => {
  it('runs the toy, follows the d_c slider, keeps the calculator’s toy row in step and leaks no tensors', async () => {
    const el = document.createElement('memory-page');
    document.body.append(el);
    await el.settled();
    const toy = el.shadowRoot!.querySelector('latent-toy')!;
    await toy.updateComplete;
    expect(toy.sweep).toHaveLength(32);
    expect(toy.result?.dc).toBe(8);
    expect(toy.result?.tokens).toBe(10);
    expect(toy.shadowRoot!.querySelector('#cache-latent')!.textContent).toBe('8 numbers per token');

    const before = memory().numTensors;
    for (const dc of [1, 32, 5, 17, 3, 9, 30, 2]) toy.dispatchEvent(new LatentSizeEvent(dc));
    await el.settled();
    await toy.updateComplete;
    expect(toy.result?.dc).toBe(2);
    expect(toy.result?.cacheLatent).toBe(2);
    const calc = el.shadowRoot!.querySelector('kv-calculator')!;
    expect(calc.presets.find((p) => p.id === 'toy')?.shape.latentDim).toBe(2);

    // A new sentence re-runs the sweep; the model never leaks.
    const text = el.shadowRoot!.querySelector<HTMLInputElement>('input[type="text"]')!;
    text.value = 'two red birds sing in the old tree .';
    text.dispatchEvent(new Event('change'));
    await el.settled();
    expect(toy.result?.tokens).toBe(9);
    expect(memory().numTensors).toBe(before);

    // A bad seed is refused with a message; the good one rebuilds the model with no leak.
    const seed = el.shadowRoot!.querySelector<HTMLInputElement>('input[type="number"]')!;
    seed.value = '1.5';
    seed.dispatchEvent(new Event('change'));
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('#seed-problem')!.textContent).toBe(
      'Seed must be a whole number from 0 to 4,294,967,295, not 1.5.',
    );
    seed.value = '7';
    seed.dispatchEvent(new Event('change'));
    await el.settled();
    expect(el.shadowRoot!.querySelector('#seed-problem')).toBeNull();
    expect(memory().numTensors).toBe(before);

    el.remove();
    await new Promise((r) => setTimeout(r, 0));
    expect(memory().numTensors).toBe(before - 3);
  });
});
