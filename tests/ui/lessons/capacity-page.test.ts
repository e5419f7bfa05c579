import { memory } from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { dropShare, dropsOf } from '../../../src/core/capacity';
import { SWEEP_FACTORS } from '../../../src/state/capacity-sweep';
import '../../../src/ui/lessons/capacity-page';

const text = (el: Element | null | undefined) => (el?.textContent ?? '').replace(/\s+/g, ' ').trim();

describe('<capacity-page>', () => {
  it('routes the sentence and the sweep on the live model, follows the controls and leaks no tensors', async () => {
    const el = document.createElement('capacity-page');
    document.body.append(el);
    await el.settled();
    const root = el.shadowRoot!;
    expect(el.trace!.tokens).toHaveLength(10);
    expect(el.sweep.map((p) => p.factor)).toEqual([...SWEEP_FACTORS]);
    const summary = root.querySelector('drop-summary')!.shadowRoot!;
    expect(text(summary.querySelector('#dropped-count'))).toBe('0 of 20 token-expert choices dropped (0.0%)');

    const before = memory().numTensors;
    const controls = root.querySelector('capacity-controls')!.shadowRoot!;
    const slider = controls.getElementById('capacity') as HTMLInputElement;
    for (const stop of ['0', '2', '5', '1', '15', '0']) {
      slider.value = stop;
      slider.dispatchEvent(new Event('input'));
    }
    await el.settled();
    expect(el.trace!.config.capacityFactor).toBe(0.5);
    const d = dropsOf(el.trace!.layers[0]!);
    expect(d.dropped).toBeGreaterThan(0);
    expect(text(summary.querySelector('#dropped-count'))).toBe(
      `${d.dropped} of 20 token-expert choices dropped (${(dropShare(d) * 100).toFixed(1)}%)`,
    );
    // The moves came faster than the model: only the latest setting counts, and 0.5 is one of the lesson's factors.
    expect(el.sweep.map((p) => p.factor)).toEqual([...SWEEP_FACTORS]);
    expect(memory().numTensors).toBe(before);
    // A factor between the lesson's is measured on top of them.
    slider.value = '5';
    slider.dispatchEvent(new Event('input'));
    await el.settled();
    expect(el.sweep.map((p) => p.factor)).toEqual([0.5, 0.75, 1, 1.25, 1.5, 1.75, 2, 3, null]);
    expect(
      root.querySelector('capacity-sweep-chart')!.shadowRoot!.querySelector('tr[aria-current="true"]')!.getAttribute('data-factor'),
    ).toBe('1.75');
    slider.value = '0';
    slider.dispatchEvent(new Event('input'));
    await el.settled();

    const steady = memory().numTensors;
    const topk = controls.getElementById('topk') as HTMLInputElement;
    for (const k of ['3', '1', '2']) {
      topk.value = k;
      topk.dispatchEvent(new Event('input'));
      await el.settled();
    }
    expect(memory().numTensors).toBe(steady);
    expect(location.search).toContain('cf=0.5');

    el.remove();
    await new Promise((r) => setTimeout(r, 50));
    expect(memory().numTensors).toBeLessThan(steady);
  });
});
