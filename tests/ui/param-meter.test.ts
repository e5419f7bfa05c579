import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../../src/core/config';
import { toyParams } from '../../src/core/params';
import { buildTrace, layerTrace } from '../../src/core/trace';
import type { Routing } from '../../src/core/router';
import '../../src/ui/param-meter';

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
    // By hand: embedding 10·32 = 320, head 32·10 = 320, router 32·8 = 256, one expert 3·32·64 = 6,144;
    // total 320 + 320 + 256 + 8·6,144 = 50,048.
    expect(p.total).toBe(50048);
    const el = document.createElement('param-meter');
    el.trace = t;
    el.current = 0;
    document.body.append(el);
    await el.updateComplete;
    const status = el.shadowRoot!.querySelector('[role="status"]')!;
    // Token 0: 320 + 320 + 256 + 2·6,144 = 13,184 → 26.3%.
    expect(status.textContent!.replace(/\s+/g, ' ').trim()).toBe('“red”: active 13,184 of 50,048 parameters (26.3%)');
    el.current = 1;
    await el.updateComplete;
    // Token 1: one choice dropped → 320 + 320 + 256 + 6,144 = 7,040 → 14.1%.
    expect(el.shadowRoot!.querySelector('[role="status"]')!.textContent!.replace(/\s+/g, ' ').trim()).toBe('“fox”: active 7,040 of 50,048 parameters (14.1%)');
    // Mean (13,184 + 7,040)/2 = 10,112; FLOPs for token 1: 2·(320 + 256 + 6,144) = 13,440 vs dense 2·(320 + 256 + 49,152) = 99,456.
    const text = el.shadowRoot!.textContent!.replace(/\s+/g, ' ');
    expect(text).toContain('Sentence average: 10,112 active (20.2%)');
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
