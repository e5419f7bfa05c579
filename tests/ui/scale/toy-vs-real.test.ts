import { afterEach, describe, expect, it } from 'vitest';
import { formatPercent } from '../../../src/ui/shared/format';
import '../../../src/ui/scale/toy-vs-real';
import { mount, preset, text, toy, unmountAll } from './scale-helpers';

afterEach(unmountAll);

describe('<toy-vs-real>', () => {
  it('the same fraction, same convention, on both', async () => {
    const t = toy();
    const v3 = preset('deepseek-v3');
    const el = await mount('toy-vs-real', { toy: t, real: v3, simulatorHref: '../index.html?e=8' });
    const s = text(el);
    expect(s).toContain(`Fraction active (input embedding counted)${formatPercent(t.active / t.total)}5.6%`);
    expect(s).toContain(`Fraction active without the input embedding${formatPercent(t.activeWithoutEmbedding / t.total)}5.5%`);
    expect(s).toContain('Experts per token, each MoE layer2 of 8 routed8 of 256 routed + 1 shared');
    expect(s).toContain("Routed experts' share of all weights");
    // Bars on one 0-100% scale.
    const fills = [...el.shadowRoot!.querySelectorAll<HTMLElement>('.fill')].map((f) => parseFloat(f.style.width));
    expect(fills[0]).toBeCloseTo((t.active / t.total) * 100, 1);
    expect(fills[1]).toBeCloseTo(5.596, 1);
    expect(el.shadowRoot!.querySelector('a')!.getAttribute('href')).toBe('../index.html?e=8');
    expect(s).toContain('times as many weights as your toy');
  });
  it('follows the toy’s shape', async () => {
    const el = await mount('toy-vs-real', { toy: toy({ routedExperts: 64, topK: 1, sharedExperts: 1 }), real: preset('deepseek-v3') });
    expect(text(el)).toContain('1 of 64 routed + 1 shared');
  });
});
