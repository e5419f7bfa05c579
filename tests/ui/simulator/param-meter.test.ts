import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../../../src/core/config';
import { toyParams } from '../../../src/core/params';
import { buildTrace, layerTrace } from '../../../src/core/trace';
import type { Routing } from '../../../src/core/router';
import type { Trace } from '../../../src/core/trace';
import '../../../src/ui/simulator/param-meter';
import type { ParamMeter } from '../../../src/ui/simulator/param-meter';
import { CATALOGUE } from '../../../src/ui/i18n/all';
import { setLang } from '../../../src/ui/i18n/locale';
import { fixedTrace, handTrace, mixedTrace } from '../../flop-traces';

/** A hand-made two-token trace: token 0 used 2 experts, token 1 had one of its two choices dropped. */
function trace() {
  const config = { ...DEFAULT_CONFIG, capacityFactor: 0.5 };
  const p = toyParams(config, 10);
  const E = 8;
  const routing: Routing = {
    scores: new Float64Array(2 * E).fill(1 / E),
    routes: [
      { experts: [0, 1], weights: [0.6, 0.4], dropped: [false, false] },
      { experts: [0, 2], weights: [0.7, 0.3], dropped: [true, false] },
    ],
    capacity: 1,
    demand: [2, 1, 1, 0, 0, 0, 0, 0],
    load: [1, 1, 1, 0, 0, 0, 0, 0],
  };
  const layer = layerTrace(0, { routing, logits: new Float32Array(2 * E) }, config, p);
  const tokens = [
    { text: 'red', id: 1, category: 'colour' as const, unknown: false },
    { text: 'fox', id: 2, category: 'animal' as const, unknown: false },
  ];
  return { t: buildTrace(config, tokens, false, [layer], p), p };
}

describe('<param-meter>', () => {
  it('announces active of total parameters for the current token, from the trace', async () => {
    const { t, p } = trace();
    // By hand: embedding 10·32 = 320 (also the tied output head), router 32·8 = 256, one expert
    // 3·32·64 = 6,144; total 320 + 256 + 8·6,144 = 49,728.
    expect(p.total).toBe(49728);
    const el = document.createElement('param-meter');
    el.trace = t;
    el.current = 0;
    document.body.append(el);
    await el.updateComplete;
    const status = el.shadowRoot!.querySelector('[role="status"]')!;
    // Token 0: 320 + 256 + 2·6,144 = 12,864 → 25.9%.
    expect(status.textContent!.replace(/\s+/g, ' ').trim()).toBe('“red”: active 12,864 of 49,728 parameters (25.9%)');
    el.current = 1;
    await el.updateComplete;
    // Token 1: one choice dropped → 320 + 256 + 6,144 = 6,720 → 13.5%.
    expect(el.shadowRoot!.querySelector('[role="status"]')!.textContent!.replace(/\s+/g, ' ').trim()).toBe(
      '“fox”: active 6,720 of 49,728 parameters (13.5%)',
    );
    // Mean (12,864 + 6,720)/2 = 9,792; FLOPs for token 1 (head = the embedding, once): 2·(320 + 256 + 6,144) = 13,440
    // vs dense 2·(320 + 256 + 49,152) = 99,456.
    const text = el.shadowRoot!.textContent!.replace(/\s+/g, ' ');
    expect(text).toContain('Sentence average: 9,792 active (19.7%)');
    expect(text).toContain('13,440 FLOPs against 99,456');
    el.remove();
  });

  it('says so when there are no tokens', async () => {
    const el = document.createElement('param-meter');
    document.body.append(el);
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('[role="status"]')!.textContent).toBe('No tokens to route.');
    el.remove();
  });

  describe('the change from the previous token', () => {
    async function meter(t: Trace, current: number): Promise<ParamMeter> {
      const el = document.createElement('param-meter');
      el.trace = t;
      el.current = current;
      document.body.append(el);
      await el.updateComplete;
      return el;
    }
    const change = (el: ParamMeter) => el.shadowRoot!.querySelector<HTMLElement>('[data-change]');
    const words = (el: ParamMeter) => change(el)!.textContent!.replace(/\s+/g, ' ').trim();

    it('shows the signed change when the count differs (drops over capacity, skipped tokens)', async () => {
      // Active 12,864; 6,720; 12,864; 576 (see tests/flop-traces.ts).
      const el = await meter(mixedTrace(), 0);
      expect(change(el)).toBeNull();
      el.current = 1;
      await el.updateComplete;
      expect(change(el)!.dataset['change']).toBe('down');
      expect(words(el)).toBe('−6,144 vs the previous token (12,864).');
      el.current = 2;
      await el.updateComplete;
      expect(change(el)!.dataset['change']).toBe('up');
      expect(words(el)).toContain('+6,144');
      expect(words(el)).toContain('6,720');
      el.current = 3;
      await el.updateComplete;
      expect(words(el)).toContain('−12,288');
      // The live region still says only the token's own count.
      expect(el.shadowRoot!.querySelector('[role="status"]')!.textContent).toContain('576');
      expect(el.shadowRoot!.querySelector('[role="status"]')!.textContent).not.toContain('12,288');
      el.remove();
    });

    it('says when the count equals the previous token’s', async () => {
      const t = handTrace([
        { experts: [0, 1], dropped: [false, false] },
        { experts: [2, 3], dropped: [false, false] },
        { experts: [4, 5], dropped: [true, false] },
      ]);
      const el = await meter(t, 1);
      expect(change(el)!.dataset['change']).toBe('same');
      expect(words(el)).toBe(CATALOGUE.en.flops.meter.same);
      el.remove();
    });

    it('with a fixed k, says every token uses the same number and only which experts change', async () => {
      const el = await meter(fixedTrace(), 0);
      expect(change(el)!.dataset['change']).toBe('fixed-k');
      expect(words(el)).toBe(CATALOGUE.en.flops.meter.fixedK(2));
      expect(words(el)).toContain('only which experts change');
      el.current = 3;
      await el.updateComplete;
      expect(change(el)!.dataset['change']).toBe('fixed-k');
      el.remove();
    });

    it('when an expert-choice sentence happens to give every token the same count, says that without claiming a fixed k', async () => {
      const t = handTrace(
        [
          { experts: [0], dropped: [false] },
          { experts: [1], dropped: [false] },
        ],
        { router: 'expert-choice' },
      );
      const el = await meter(t, 1);
      expect(change(el)!.dataset['change']).toBe('all-same');
      expect(words(el)).toBe(CATALOGUE.en.flops.meter.allSame);
      el.remove();
    });

    it('speaks Simplified Chinese', async () => {
      setLang('zh', { url: false, document: false });
      try {
        const el = await meter(mixedTrace(), 1);
        expect(words(el)).toBe(CATALOGUE.zh.flops.meter.change('−6,144', '12,864'));
        el.remove();
      } finally {
        setLang('en', { url: false, document: false });
      }
    });
  });
});
