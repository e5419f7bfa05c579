import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../../../src/core/config';
import { toyParams } from '../../../src/core/params';
import { buildTrace, layerTrace } from '../../../src/core/trace';
import type { Routing } from '../../../src/core/router';
import '../../../src/ui/simulator/param-meter';

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
});
