import { describe, expect, it } from 'vitest';
import { layersLayout, NODE_WIDTH, overlaps, topExpert } from '../../../src/ui/routing/layers-layout';
import { bigTrace, threeWords } from './layers-fixture';

/** Layer 1: the → E2, fox → E5, runs → E2. Layer 2: the → E1, fox → E0 (first choice E3 dropped), runs → none. */
const trace = threeWords();

describe('layersLayout', () => {
  it('takes the first kept choice as the top expert, none when every choice was dropped', () => {
    expect(trace.layers.map((l) => l.tokens.map((r) => topExpert(r)))).toEqual([
      [2, 5, 2],
      [1, 0, null],
    ]);
  });

  it('places the words column left of one column per layer, evenly spaced, inside the width', () => {
    const g = layersLayout(trace, { width: 600, selected: 1 });
    expect(g.columns).toHaveLength(2);
    expect(g.wordX).toBeLessThan(g.columns[0]!);
    expect(g.columns[1]! - g.columns[0]!).toBeCloseTo(g.columns[0]! - g.wordX, 6);
    expect(g.columns[1]! + NODE_WIDTH / 2).toBeLessThan(600);
  });

  it('draws one box per top expert and layer, in expert order, the none lane last, height in proportion to its words', () => {
    const g = layersLayout(trace, { width: 600, selected: 1 });
    const col = (l: number) => g.nodes.filter((n) => n.layer === l);
    expect(col(0).map((n) => [n.expert, n.tokens])).toEqual([
      [2, [0, 2]],
      [5, [1]],
    ]);
    expect(col(1).map((n) => [n.expert, n.tokens])).toEqual([
      [0, [1]],
      [1, [0]],
      [null, [2]],
    ]);
    const [a, b] = col(0);
    expect(a!.height).toBeCloseTo(2 * b!.height, 6);
    expect(a!.y + a!.height).toBeLessThan(b!.y);
    for (const n of g.nodes) expect(n.x + n.width / 2).toBeCloseTo(g.columns[n.layer]!, 6);
    expect(g.nodes.filter((n) => n.selected).map((n) => [n.layer, n.expert])).toEqual([
      [0, 5],
      [1, 0],
    ]);
  });

  it('gives one path per token through its boxes, flags the selected one, breaks where no expert ran', () => {
    const g = layersLayout(trace, { width: 600, selected: 1 });
    expect(g.paths.map((p) => p.token)).toEqual([0, 1, 2]);
    expect(g.paths.map((p) => p.selected)).toEqual([false, true, false]);
    for (const p of g.paths) {
      expect(p.points.map((q) => q.layer)).toEqual([0, 1]);
      for (const q of p.points) {
        const box = g.nodes.find((n) => n.layer === q.layer && n.expert === q.expert)!;
        expect(box.tokens).toContain(p.token);
        expect(q.y).toBeGreaterThan(box.y);
        expect(q.y).toBeLessThan(box.y + box.height);
      }
      expect(p.d.startsWith('M')).toBe(true);
    }
    // "runs" had no expert at layer 2: its line stops after layer 1 (one move, no second piece).
    expect(g.paths[2]!.d.match(/M/g)).toHaveLength(1);
    expect(g.paths[0]!.d.match(/M/g)).toHaveLength(1);
    // Words in sentence order, top to bottom.
    const ys = g.paths.map((p) => p.start.y);
    expect([...ys].sort((x, y) => x - y)).toEqual(ys);
    // Nothing selected out of range.
    expect(layersLayout(trace, { width: 600, selected: 9 }).paths.some((p) => p.selected)).toBe(false);
  });

  it('names every box and word when there is room, with the layer headings', () => {
    const g = layersLayout(trace, { width: 600, selected: 0, heading: (n) => `Layer ${n}` });
    expect(g.hidden).toBe(0);
    expect(g.labels.filter((l) => l.kind === 'heading').map((l) => l.text)).toEqual(['Layer 1', 'Layer 2']);
    expect(
      g.labels
        .filter((l) => l.kind === 'word')
        .map((l) => l.text)
        .sort(),
    ).toEqual(['fox', 'runs', 'the']);
    expect(
      g.labels
        .filter((l) => l.kind === 'expert')
        .map((l) => `${l.layer}:${l.text}`)
        .sort(),
    ).toEqual(['0:E2', '0:E5', '1:E0', '1:E1', '1:✕']);
  });

  it('at 256 experts, 4 layers and 60 tokens: no two label boxes overlap, all inside, the selected word and its experts named', () => {
    const big = bigTrace(60, 4, 256);
    for (const width of [320, 600, 900, 1280]) {
      for (const selected of [0, 31, 59]) {
        const g = layersLayout(big, { width, selected, heading: (n) => `Layer ${n}`, shortHeading: (n) => `L${n}` });
        expect(g.paths).toHaveLength(60);
        for (let i = 0; i < g.labels.length; i++)
          for (let j = i + 1; j < g.labels.length; j++)
            expect(overlaps(g.labels[i]!.box, g.labels[j]!.box, 0), `${width}: ${g.labels[i]!.text} / ${g.labels[j]!.text}`).toBe(false);
        for (const l of g.labels) {
          expect(l.box.x).toBeGreaterThanOrEqual(0);
          expect(l.box.x + l.box.width).toBeLessThanOrEqual(g.width + 0.5);
        }
        expect(g.labels.filter((l) => l.kind === 'heading')).toHaveLength(4);
        expect(g.labels.some((l) => l.kind === 'word' && l.token === selected)).toBe(true);
        // The selected token's experts carry their numbers, as long as its boxes do not share a height.
        const named = g.labels.filter((l) => l.kind === 'expert').map((l) => `${l.layer}:${l.expert}`);
        const sel = g.paths[selected]!.points;
        expect(named).toContain(`0:${sel[0]!.expert}`);
        // Every box lies inside the picture and boxes of a column do not overlap.
        for (const n of g.nodes) {
          expect(n.y).toBeGreaterThanOrEqual(0);
          expect(n.y + n.height).toBeLessThanOrEqual(g.height);
        }
        for (let l = 0; l < 4; l++) {
          const col = g.nodes.filter((n) => n.layer === l);
          for (let i = 1; i < col.length; i++) expect(col[i]!.y).toBeGreaterThanOrEqual(col[i - 1]!.y + col[i - 1]!.height);
          expect(col.reduce((a, n) => a + n.tokens.length, 0)).toBe(60);
        }
      }
    }
  });
});
