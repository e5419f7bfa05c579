/**
 * The whole-sentence routing picture as a pure function of the trace (sentence-flow-layout.ts):
 * one band per kept, non-zero choice, as wide as |weight| × unit; idle experts exactly those no
 * token used; token and expert labels thinned so that none overlap, the current token's always
 * kept; at 60 tokens × 256 experts. Hand-made traces (tests/flop-traces.ts).
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { Trace } from '../../../src/core/trace';
import { flowWords } from '../../../src/ui/i18n/flow-picture';
import { setLang } from '../../../src/ui/i18n/locale';
import { sentenceFlowLayout, type SentenceFlow, type SentenceNode } from '../../../src/ui/routing/sentence-flow-layout';
import { handTrace, mixedTrace, type HandRoute } from '../../flop-traces';

const FONT = 13.6;
const WIDTH = 900;
/** The height <flow-picture> gives the sentence picture: enough for 40 token rows at most. */
const height = (tokens: number) => Math.round(Math.max(FONT * 15, Math.min(WIDTH * 0.3, FONT * 26), Math.min(tokens, 40) * FONT * 1.25));

function layout(trace: Trace, current = 0): SentenceFlow {
  return sentenceFlowLayout({ trace, layer: 0, width: WIDTH, height: height(trace.tokens.length), fontSize: FONT, current });
}

/** 60 tokens, 256 experts, top-8 from a few busy regions, every 7th token's first choice dropped, every 11th's last weight 0. */
function big(): Trace {
  const routes: HandRoute[] = Array.from({ length: 60 }, (_, t) => {
    const experts = Array.from({ length: 8 }, (_, i) => ((t % 5) * 40 + i * 3 + (t % 3)) % 256);
    const weights = [0.3, 0.2, 0.15, 0.1, 0.1, 0.05, 0.05, 0.05];
    if (t % 11 === 0) weights[7] = 0;
    return { experts, weights, dropped: experts.map((_, i) => t % 7 === 0 && i === 0) };
  });
  return handTrace(routes, { routedExperts: 256, topK: 8, capacityFactor: 1 });
}

/** The kept, non-zero choices of the trace, as "token→expert". */
function keptChoices(t: Trace): string[] {
  return t.layers[0]!.tokens.flatMap((r, i) =>
    r.experts.flatMap((e, j) => (!r.dropped[j] && Math.abs(r.weights[j] ?? 0) > 0 ? [`${i}→${e}`] : [])),
  );
}

/** Labelled nodes' centres, top to bottom, are at least font × 1.15 apart. */
function checkThinned(nodes: SentenceNode[]): void {
  const ys = nodes
    .filter((n) => n.labelled)
    .map((n) => n.y + n.h / 2)
    .sort((a, b) => a - b);
  for (let i = 1; i < ys.length; i++) expect(ys[i]! - ys[i - 1]!).toBeGreaterThanOrEqual(FONT * 1.15 - 1e-9);
}

function notFinite(value: unknown, at = 'flow'): string[] {
  if (typeof value === 'number') return Number.isFinite(value) ? [] : [at];
  if (typeof value === 'string') return /NaN|Infinity/.test(value) ? [at] : [];
  if (Array.isArray(value)) return value.flatMap((v, i) => notFinite(v, `${at}[${i}]`));
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => notFinite(v, `${at}.${k}`));
  return [];
}

afterEach(() => setLang('en', { url: false }));

describe('sentenceFlowLayout', () => {
  it('one band per kept, non-zero choice, as wide as |weight| × unit', () => {
    const t = big();
    const l = layout(t);
    expect(notFinite(l)).toEqual([]);
    expect(l.bands.map((b) => `${b.token}→${b.expert}`).sort()).toEqual(keptChoices(t).sort());
    expect(l.unit).toBeGreaterThan(0);
    for (const b of l.bands) {
      const r = t.layers[0]!.tokens[b.token]!;
      expect(b.weight).toBe(r.weights[r.experts.indexOf(b.expert)]);
      expect(b.width).toBeCloseTo(Math.abs(b.weight) * l.unit, 9);
    }
  });

  it('idle experts are exactly those no token used (a dropped choice is no use)', () => {
    const t = big();
    const l = layout(t);
    const used = new Set(keptChoices(t).map((c) => Number(c.split('→')[1])));
    const idle = Array.from({ length: 256 }, (_, e) => e).filter((e) => !used.has(e));
    expect(l.idle).toEqual(idle);
    expect(l.experts.filter((x) => x.value > 0).map((x) => x.index)).toEqual([...used].sort((a, b) => a - b));
    // mixedTrace: E5 was only chosen by a dropped choice, E6 and E7 by nobody.
    const mixed = layout(mixedTrace());
    expect(mixed.idle).toEqual([5, 6, 7]);
    expect(mixed.describe(flowWords())).toContain('E5, E6, E7');
    expect(mixed.describe(flowWords())).toMatch(/\b4\b.*\b5\b.*\b8\b/);
  });

  it('names the idle experts only when there are few (16 at most), and always counts them', () => {
    const l = layout(big());
    expect(l.idle.length).toBeGreaterThan(16);
    const text = l.describe(flowWords());
    expect(text).toMatch(new RegExp(`\\b${l.idle.length}\\b`));
    expect(text).not.toContain(`E${l.idle[0]}`);
    const few = handTrace(
      Array.from({ length: 30 }, (_, t) => ({ experts: [t % 20], dropped: [false] })),
      { routedExperts: 36, topK: 1 },
    );
    const named = layout(few).describe(flowWords());
    expect(layout(few).idle).toHaveLength(16);
    expect(named).toContain('E20, E21');
    expect(named).toContain('E35');
  });

  it('token labels never overlap and the current token is always labelled, at 60 tokens × 256 experts', () => {
    const t = big();
    for (const current of [0, 1, 17, 30, 58, 59]) {
      const l = layout(t, current);
      expect(l.tokens).toHaveLength(60);
      expect(l.experts).toHaveLength(256);
      expect(l.tokens[current]!.labelled).toBe(true);
      checkThinned(l.tokens);
      checkThinned(l.experts);
      expect(l.tokens.filter((n) => n.labelled).length).toBeGreaterThan(10);
      // Nodes inside the picture, tokens left of experts, tokens top to bottom in sentence order.
      for (const n of [...l.tokens, ...l.experts]) {
        expect(n.x).toBeGreaterThanOrEqual(0);
        expect(n.y).toBeGreaterThanOrEqual(0);
        expect(n.x + n.w).toBeLessThanOrEqual(l.width + 1e-6);
        expect(n.y + n.h).toBeLessThanOrEqual(l.height + 1e-6);
      }
      expect(Math.max(...l.tokens.map((n) => n.x + n.w))).toBeLessThanOrEqual(Math.min(...l.experts.map((n) => n.x)));
      for (let i = 1; i < 60; i++) expect(l.tokens[i]!.y).toBeGreaterThanOrEqual(l.tokens[i - 1]!.y);
    }
  });

  it('no NaN for a sentence of no tokens, or of skipped tokens only', () => {
    const empty = layout(handTrace([]));
    expect(notFinite(empty)).toEqual([]);
    expect(empty.bands).toEqual([]);
    expect(empty.idle).toHaveLength(8);
    const skipped = layout(
      handTrace(
        [
          { experts: [0, 1], dropped: [true, true] },
          { experts: [], dropped: [] },
        ],
        { capacityFactor: 1, router: 'expert-choice' },
      ),
      1,
    );
    expect(notFinite(skipped)).toEqual([]);
    expect(skipped.bands).toEqual([]);
    expect(skipped.idle).toHaveLength(8);
    expect(skipped.tokens[1]!.labelled).toBe(true);
  });

  it('names the idle experts in Chinese too', () => {
    setLang('zh', { url: false });
    const text = layout(mixedTrace()).describe(flowWords());
    expect(text).toContain('E5、E6、E7');
    expect(text).toContain('整句');
  });
});
