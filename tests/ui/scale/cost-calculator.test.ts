import { afterEach, describe, expect, it } from 'vitest';
import '../../../src/ui/scale/cost-calculator';
import { DEFAULT_COST } from '../../../src/ui/scale/cost-calculator';
import { byLabel, mount, preset, text, toy, unmountAll } from './scale-helpers';

afterEach(unmountAll);

const cell = (el: Element, row: string, col: 1 | 2) => {
  const tr = [...el.shadowRoot!.querySelectorAll('tbody tr')].find((r) => r.querySelector('th')!.textContent!.startsWith(row))!;
  return tr.children[col]!.textContent!.trim();
};

describe('<cost-calculator>', () => {
  it('the defaults reproduce 2.788M H800 GPU-hours and $5.58M, and show the dense alternative', async () => {
    const el = await mount('cost-calculator', { model: preset('deepseek-v3') });
    expect(cell(el, 'GPU-hours', 1)).toBe('2.788M');
    expect(cell(el, 'Cost at $2.00', 1)).toBe('$5.58M');
    expect(cell(el, 'Days on 2,048 GPUs', 1)).toBe('56.7 days');
    expect(cell(el, 'Compute', 1)).toBe('3.25 × 10²⁴');
    expect(cell(el, 'Weights that multiply', 1)).toBe('36.6B');
    expect(cell(el, 'Weights that multiply', 2)).toBe('670.1B');
    expect(cell(el, 'GPU-hours', 2)).toBe('51.02M');
    expect(cell(el, 'Cost at $2.00', 2)).toBe('$102.0M');
    expect(cell(el, 'Days on 2,048 GPUs', 2)).toBe('1,038 days (2.8 years)');
    const t = text(el);
    expect(t).toContain('✓ Published: 2.788M H800 GPU-hours; this calculator: 2.788M');
    expect(t).toContain('18.3×');
    expect(t).toContain('fitted');
    expect(t).toContain('989 TFLOP/s');
    expect(t).toContain('2,664K pre-training + 119K context extension + 5K post-training');
  });

  it('every slider has a visible label and a value; moving one recomputes', async () => {
    const el = await mount('cost-calculator', { model: preset('deepseek-v3') });
    for (const name of [
      'Training tokens (trillions)',
      'GPU peak (TFLOP/s)',
      'Utilisation of the peak',
      'GPUs',
      'Price per GPU-hour (US$)',
    ]) {
      const input = byLabel(el, name);
      expect(input.type).toBe('range');
      expect(input.getAttribute('aria-valuetext')).toBeTruthy();
    }
    expect(byLabel(el, 'Utilisation of the peak').getAttribute('aria-valuetext')).toBe(`${DEFAULT_COST.utilisationPct.toFixed(2)}%`);
    const gpus = byLabel(el, 'GPUs');
    gpus.value = '4096';
    gpus.dispatchEvent(new Event('input'));
    await el.updateComplete;
    expect(cell(el, 'Days on 4,096 GPUs', 1)).toBe('28.4 days');
    expect(cell(el, 'GPU-hours', 1)).toBe('2.788M');
    const price = byLabel(el, 'Price per GPU-hour (US$)');
    price.value = '4';
    price.dispatchEvent(new Event('input'));
    await el.updateComplete;
    expect(cell(el, 'Cost at $4.00', 1)).toBe('$11.15M');
    expect(text(el)).not.toContain('✓');
    const reset = [...el.shadowRoot!.querySelectorAll('button')].find((b) => b.textContent!.includes('published setup'))!;
    reset.click();
    await el.updateComplete;
    expect(cell(el, 'Cost at $2.00', 1)).toBe('$5.58M');
    expect(reset.disabled).toBe(true);
  });

  it('other models use the same setup; the toy trains in under a minute', async () => {
    const el = await mount('cost-calculator', { model: preset('mixtral-8x7b') });
    expect(text(el)).toContain('Training Mixtral 8x7B on 14.8T tokens');
    expect(text(el)).not.toContain('this calculator:');
    // DeepSeek's published run is a reference only for DeepSeek-V3.
    expect(text(el)).not.toContain('Published for DeepSeek-V3');
    expect(text(el)).toContain("Mixtral 8x7B's own training set-up is not in its config");
    const small = await mount('cost-calculator', { model: toy() });
    expect(text(small)).toContain('Training your toy model on 14.8T tokens');
    expect(cell(small, 'Days on 2,048 GPUs', 1)).toBe('under a minute');
  });
});
