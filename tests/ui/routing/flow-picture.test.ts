/**
 * <flow-picture> in Chromium with a hand-made trace (tests/flop-traces.ts): its accessible name says
 * where the current token went, with the weights, and follows `position`; "Whole sentence" draws a
 * band per kept choice and names the idle experts; frozen early in the motion nothing is lit yet but
 * the router's bars are drawn (and its name names no expert), and let go it plays on from there; with
 * Animate off nothing plays; in Chinese it speaks Chinese.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { Trace } from '../../../src/core/trace';
import { setLang } from '../../../src/ui/i18n/locale';
import '../../../src/ui/routing/flow-picture';
import type { FlowPicture } from '../../../src/ui/routing/flow-picture';
import { formatWeight } from '../../../src/ui/shared/format';
import { expertColour } from '../../../src/ui/shared/palette';
import { handTrace } from '../../flop-traces';
import { mount, unmountAll } from '../scale/scale-helpers';

/** the → E1 0.62, E4 0.38; red → E6 0.7, E2 0.3; fox → E3 0.55, E5 dropped. E0 and E7 idle all along. */
function trace(): Trace {
  return handTrace(
    [
      { experts: [1, 4], weights: [0.62, 0.38], dropped: [false, false] },
      { experts: [6, 2], weights: [0.7, 0.3], dropped: [false, false] },
      { experts: [3, 5], weights: [0.55, 0.45], dropped: [false, true] },
    ],
    { capacityFactor: 1 },
  );
}

const svgOf = (el: FlowPicture) => el.shadowRoot!.querySelector('svg[role="img"]')!;
const nameOf = (el: FlowPicture) => svgOf(el).getAttribute('aria-label') ?? '';
const radios = (el: FlowPicture) => [...el.shadowRoot!.querySelectorAll<HTMLButtonElement>('[role="radio"]')];
const checkbox = (el: FlowPicture) => el.shadowRoot!.querySelector<HTMLInputElement>('input[type="checkbox"]')!;
const reducedMotion = () => matchMedia('(prefers-reduced-motion: reduce)').matches;

/** "E1 … 0.62" with nothing but the label's own words between. */
const named = (label: string, weight: number) => new RegExp(`${label}\\b[^,;.E]*${formatWeight(weight).replace('.', '\\.')}`);

afterEach(() => {
  unmountAll();
  setLang('en', { url: false });
});

describe('<flow-picture>', () => {
  it("names the current token's experts with their weights, and follows the position", async () => {
    const el = await mount('flow-picture', { trace: trace(), position: 0 });
    expect(svgOf(el)).not.toBeNull();
    let name = nameOf(el);
    expect(name).toContain('the');
    expect(name).toMatch(named('E1', 0.62));
    expect(name).toMatch(named('E4', 0.38));
    expect(name.indexOf('E1')).toBeLessThan(name.indexOf('E4'));
    expect(name).toMatch(/\b6\b\D+\b8\b/);
    el.position = 1;
    await el.updateComplete;
    name = nameOf(el);
    expect(name).toContain('red');
    expect(name).toMatch(named('E6', 0.7));
    expect(name).toMatch(named('E2', 0.3));
    expect(name).not.toContain('E1');
    el.position = 2;
    await el.updateComplete;
    name = nameOf(el);
    expect(name).toMatch(named('E3', 0.55));
    // The dropped choice is named, without a weight as if it ran.
    expect(name).toContain('E5');
    expect(name).not.toMatch(named('E5', 0.45));
    expect(name).toMatch(/\b7\b\D+\b8\b/);
  });

  it('Whole sentence: one band per kept choice in its expert colour, the idle experts named', async () => {
    const el = await mount('flow-picture', { trace: trace(), position: 0 });
    const [one, whole] = radios(el);
    expect(one!.getAttribute('aria-checked')).toBe('true');
    whole!.click();
    await el.updateComplete;
    expect(whole!.getAttribute('aria-checked')).toBe('true');
    expect(one!.getAttribute('aria-checked')).toBe('false');
    expect(el.mode).toBe('sentence');
    const bands = [...el.shadowRoot!.querySelectorAll('path.band')];
    expect(bands).toHaveLength(5);
    const colours = bands.map((b) => b.getAttribute('stroke')).sort();
    expect(colours).toEqual([1, 4, 6, 2, 3].map((e) => expertColour(e)).sort());
    expect(el.shadowRoot!.querySelectorAll('path.band.current')).toHaveLength(2);
    const name = nameOf(el);
    expect(name).toMatch(/\b3\b\D+\b5\b\D+\b8\b/);
    expect(name).toContain('E0, E5, E7');
    expect(el.shadowRoot!.querySelectorAll('.snode.idle')).toHaveLength(3);
  });

  it("Whole sentence with the tour hiding tokens from 1 on: only the first token's bands, the rest idle", async () => {
    const el = await mount('flow-picture', { trace: trace(), position: 0, mode: 'sentence', conceal: 1 });
    const bands = [...el.shadowRoot!.querySelectorAll('path.band')];
    expect(bands.map((b) => b.getAttribute('stroke')).sort()).toEqual([1, 4].map((e) => expertColour(e)).sort());
    expect(nameOf(el)).toMatch(/\b1\b\D+\b2\b\D+\b8\b/);
    expect(el.shadowRoot!.querySelectorAll('.snode.idle')).toHaveLength(6);
  });

  it('frozen at 0.3 no expert is lit yet, and the router bars are drawn', async () => {
    const el = await mount('flow-picture', { trace: trace(), position: 0, freeze: 0.3 });
    const root = el.shadowRoot!;
    expect(root.querySelectorAll('.glow')).toHaveLength(0);
    expect(root.querySelectorAll('.expert.lit')).toHaveLength(0);
    const bars = [...root.querySelectorAll('.router rect.bar')];
    expect(bars).toHaveLength(8);
    expect(bars.every((b) => Number(b.getAttribute('height')) > 0)).toBe(true);
    expect(root.querySelectorAll('.router rect.bar.chosen')).toHaveLength(2);
    expect(el.animating).toBe(false);
    // Unfrozen at the end of the motion: the two chosen experts light up.
    el.freeze = 1;
    await el.updateComplete;
    expect(root.querySelectorAll('.glow')).toHaveLength(2);
  });

  it('held after the scores it names no expert yet; let go on the same token, the flow goes on from the scores', async () => {
    const el = await mount('flow-picture', { trace: trace(), position: 0, freeze: 0.3, duration: 5000 });
    expect(nameOf(el)).toContain('“the”');
    expect(nameOf(el)).not.toMatch(named('E1', 0.62));
    el.freeze = null;
    await el.updateComplete;
    expect(nameOf(el)).toMatch(named('E1', 0.62));
    if (reducedMotion()) return;
    expect(el.animating).toBe(true);
    const root = el.shadowRoot!;
    // Not drawn from the start again: the bars stay grown; no link or expert shows its end yet.
    expect(root.querySelector('.router g[transform]')!.getAttribute('transform')).toMatch(/scale\(1 1\)/);
    expect(root.querySelectorAll('.glow')).toHaveLength(0);
  });

  it('with Animate off, a new position draws the final picture at once', async () => {
    const el = await mount('flow-picture', { trace: trace(), position: 0, duration: 5000 });
    if (!reducedMotion()) {
      el.position = 1;
      await el.updateComplete;
      expect(el.animating).toBe(true);
      // A click on the picture ends it.
      (svgOf(el) as SVGElement).dispatchEvent(new MouseEvent('click'));
      await el.updateComplete;
      expect(el.animating).toBe(false);
    }
    const box = checkbox(el);
    expect(box.checked).toBe(!reducedMotion());
    box.checked = false;
    box.dispatchEvent(new Event('change'));
    await el.updateComplete;
    el.position = 2;
    await el.updateComplete;
    expect(el.animating).toBe(false);
    expect(el.shadowRoot!.querySelectorAll('.glow')).toHaveLength(1);
  });

  it('256 experts, 4 shared + top-16: each label’s text inside its tag, no two tags overlapping', async () => {
    const k = 16;
    const big = handTrace(
      [
        {
          experts: Array.from({ length: k }, (_, i) => 100 + i * 9),
          dropped: new Array<boolean>(k).fill(false),
          weights: new Array<number>(k).fill(1 / k),
        },
      ],
      { routedExperts: 256, topK: k, sharedExperts: 4 },
    );
    for (const width of [900, 1280]) {
      const el = await mount('flow-picture', { trace: big, position: 0, freeze: 1 }, width);
      const tags = [...el.shadowRoot!.querySelectorAll<SVGRectElement>('.labels rect.tag')].map((r) => r.getBoundingClientRect());
      const texts = [...el.shadowRoot!.querySelectorAll<SVGTextElement>('.labels text')].map((t) => t.getBoundingClientRect());
      expect(tags).toHaveLength(20);
      expect(texts).toHaveLength(20);
      texts.forEach((t, i) => {
        expect(t.left).toBeGreaterThanOrEqual(tags[i]!.left);
        expect(t.right).toBeLessThanOrEqual(tags[i]!.right);
      });
      for (let i = 0; i < tags.length; i++)
        for (let j = i + 1; j < tags.length; j++) {
          const [a, b] = [tags[i]!, tags[j]!];
          expect(a.left < b.right - 0.01 && b.left < a.right - 0.01 && a.top < b.bottom - 0.01 && b.top < a.bottom - 0.01).toBe(false);
        }
      unmountAll();
    }
  });

  it('speaks Chinese', async () => {
    const el = await mount('flow-picture', { trace: trace(), position: 0 });
    setLang('zh', { url: false });
    await el.updateComplete;
    const name = nameOf(el);
    expect(name).toContain('路由器把它送到');
    expect(name).toContain(`E1（权重 ${formatWeight(0.62)}）`);
    expect(radios(el).map((r) => r.textContent!.trim())).toEqual(['单个词元', '整句']);
    setLang('en', { url: false });
    await el.updateComplete;
    expect(nameOf(el)).toMatch(named('E1', 0.62));
  });
  it('draws the first trace it is given at once (the page opening is no step); a new trace after it plays', async () => {
    const el = await mount('flow-picture', { trace: null, position: 0, duration: 5000 });
    el.trace = trace();
    await el.updateComplete;
    expect(el.animating).toBe(false);
    expect(el.shadowRoot!.querySelectorAll('.glow')).toHaveLength(2);
    el.trace = trace();
    await el.updateComplete;
    expect(el.animating).toBe(!reducedMotion());
  });
});
