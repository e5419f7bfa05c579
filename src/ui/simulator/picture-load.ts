/** The exported picture's cost and load: the parameter meter, and the load per expert against the capacity. */
import { clip, count, percent, textWidth, wrap } from './picture-text';
import { DROP, expertPaint, heading, line, METER, METER_TRACK, MUTED, PAD, rect, text, type Drawn, type Scene } from './picture-marks';

export function meter(s: Scene, width: number, top: number): Drawn {
  const { trace, position, words } = s;
  const cost = trace.perToken[position];
  const tok = trace.tokens[position];
  if (!cost || !tok) return { body: text(PAD, top + 20, words.noTokensToRoute, { 'font-size': 16 }), height: 34 };
  const total = trace.params.total;
  const share = cost.activeParams / total;
  const w = width - 2 * PAD;
  const saved = 1 - cost.flops / trace.flops.densePerToken;
  const out = [
    text(PAD, top + 22, words.meterHead(clip(tok.text, 40), count(cost.activeParams), count(total), percent(share)), {
      'font-size': 19,
      'font-weight': 700,
      class: 'meter',
    }),
    rect({ x: PAD, y: top + 32, width: w, height: 14, rx: 4, fill: METER_TRACK }),
    rect({ x: PAD, y: top + 32, width: Math.max(0, Math.min(1, share)) * w, height: 14, rx: 4, fill: METER }),
  ];
  const note = words.meterNote(
    count(trace.params.activeMean),
    percent(trace.params.activeMean / total),
    count(cost.flops),
    count(trace.flops.densePerToken),
    percent(saved),
  );
  const lines = wrap(note, w, 13);
  lines.forEach((chunk, i) => out.push(text(PAD, top + 66 + 17 * i, chunk, { 'font-size': 13 })));
  return { body: out.join(''), height: 78 + 17 * Math.max(0, lines.length - 1) };
}

export function loadBars(s: Scene, width: number, top: number): Drawn {
  const { trace, layer, pal, words } = s;
  const out: string[] = [heading(top + 16, words.loadTitle)];
  const lt = trace.layers[layer];
  const ex = lt?.experts ?? [];
  if (ex.length === 0) return { body: out.join(''), height: 24 };
  const cap = lt?.capacity ?? null;
  const capLabel = cap === null ? '' : words.capacityLabel(cap);
  const right = cap === null ? 0 : Math.max(110, Math.ceil(textWidth(capLabel, 13, true)) + 12);
  const x0 = PAD + 28;
  const w = width - PAD - x0 - right;
  const chartTop = top + 48;
  const chartH = 130;
  const base = chartTop + chartH;
  const maxDemand = Math.max(...ex.map((e) => e.demand));
  const max = Math.max(1, cap ?? 0, maxDemand);
  const yOf = (v: number): number => base - (chartH * v) / max;
  const slot = w / ex.length;
  const bw = Math.max(1, slot * 0.72);
  const labelled = ex.length <= 32;
  for (const [i, e] of ex.entries()) {
    const bx = x0 + i * slot + (slot - bw) / 2;
    const kept = Math.min(e.load, e.demand);
    out.push(
      rect({ class: 'load', x: bx, y: yOf(kept), width: bw, height: base - yOf(kept), fill: labelled ? expertPaint(pal, e.index) : METER }),
    );
    if (e.demand > kept) {
      out.push(
        rect({
          class: 'over',
          x: bx,
          y: yOf(e.demand),
          width: bw,
          height: yOf(kept) - yOf(e.demand),
          fill: 'url(#hatch)',
          stroke: DROP,
          'stroke-width': 1,
        }),
      );
    }
    if (labelled) {
      const label = e.demand > kept ? `${e.demand} (✕${e.demand - kept})` : String(e.demand);
      out.push(
        text(bx + bw / 2, yOf(e.demand) - 5, label, { 'font-size': 12, 'text-anchor': 'middle' }),
        text(bx + bw / 2, base + 16, `E${e.index}`, { 'font-size': 11, 'text-anchor': 'middle', fill: MUTED }),
      );
    }
  }
  out.push(
    line({ x1: x0, x2: x0 + w, y1: base, y2: base, stroke: MUTED }),
    text(x0 - 5, base + 4, '0', { 'font-size': 11, 'text-anchor': 'end', fill: MUTED }),
    text(x0 - 5, yOf(max) + 4, String(max), { 'font-size': 11, 'text-anchor': 'end', fill: MUTED }),
  );
  if (cap !== null) {
    out.push(
      line({
        class: 'capacity',
        x1: x0,
        x2: x0 + w + 4,
        y1: yOf(cap),
        y2: yOf(cap),
        stroke: DROP,
        'stroke-width': 2,
        'stroke-dasharray': '6 4',
      }),
      text(x0 + w + 8, yOf(cap) + 4, capLabel, { 'font-size': 13, 'font-weight': 700, fill: DROP }),
    );
  }
  const over = cap === null ? 0 : ex.filter((e) => e.demand > e.load).length;
  const tail = cap === null ? words.noCapacity : words.capacityNote(cap, over, lt?.droppedChoices ?? 0);
  const notes = [words.loadNote(tail)];
  if (!labelled) notes.push(words.manyExperts(ex.length, Math.min(...ex.map((e) => e.demand)), maxDemand));
  let y = base + (labelled ? 36 : 22) - 16;
  for (const n of notes) {
    for (const chunk of wrap(n, width - 2 * PAD, 12)) {
      y += 16;
      out.push(text(PAD, y, chunk, { 'font-size': 12 }));
    }
  }
  return { body: out.join(''), height: y + 6 - top };
}
