/**
 * The exported picture's routing panels: the token strip (each token's chip in its first expert's
 * colour), and the current token's router scores and experts, side by side.
 */
import { SHARED_COLOUR } from '../shared/palette';
import type { PictureWords } from './picture-words';
import { clip, textWidth, weight, wrap } from './picture-text';
import {
  expertPaint,
  attrs,
  CHIP_EDGE,
  DROP,
  heading,
  IDLE_FILL,
  IDLE_STROKE,
  INK,
  MUTED,
  NO_EXPERT,
  OUTLINE,
  PAD,
  PAPER,
  rect,
  SCORE_IDLE,
  line,
  text,
  type Drawn,
  type Scene,
} from './picture-marks';

/** What one token's routing says in words, as on its chip: "E2 E0", "E1 ✕3", "✕3 dropped". */
function choicesText(experts: readonly number[], dropped: readonly boolean[], skipped: boolean, words: PictureWords): string {
  const parts = experts.map((e, j) => (dropped[j] ? `✕${e}` : `E${e}`));
  if (skipped && experts.length > 0) parts.push(words.chipDropped);
  return parts.length ? parts.join(' ') : words.noExpert;
}

export function tokenStrip(s: Scene, width: number, top: number): Drawn {
  const { trace, layer, position, pal, words } = s;
  const out: string[] = [heading(top + 16, words.stripTitle)];
  const lt = trace.layers[layer];
  const boxH = 44;
  const gap = 14;
  let x = PAD;
  let y = top + 30;
  if (trace.tokens.length === 0) {
    out.push(text(PAD, y + 18, words.noTokensToRoute));
    return { body: out.join(''), height: 30 + 30 };
  }
  for (const tok of trace.tokens) {
    const r = lt?.tokens[tok.index];
    const word = clip(tok.text, 24) + (tok.unknown ? ' ?' : '');
    const sub = r ? choicesText(r.experts, r.dropped, r.skipped, words) : '';
    const w = Math.max(44, textWidth(word, 14, true), textWidth(sub, 12)) + 16;
    if (x + w > width - PAD && x > PAD) {
      x = PAD;
      y += boxH + gap;
    }
    const topExpert = r?.experts.find((_, j) => !r.dropped[j]);
    const colour = topExpert === undefined ? NO_EXPERT : pal.expert(topExpert);
    const fill = topExpert === undefined ? NO_EXPERT : expertPaint(pal, topExpert);
    const ink = pal.textOn(colour);
    const current = tok.index === position;
    const skipped = r?.skipped === true;
    out.push(
      `<g${attrs({ class: `token${current ? ' current' : ''}${skipped ? ' dropped' : ''}` })}>`,
      rect({
        x,
        y,
        width: w,
        height: boxH,
        rx: 5,
        fill,
        stroke: current ? OUTLINE : skipped ? DROP : CHIP_EDGE,
        'stroke-width': current ? 3.5 : skipped ? 2 : 1,
        'stroke-dasharray': skipped && !current ? '5 3' : undefined,
      }),
      text(x + 8, y + 19, word, { 'font-size': 14, 'font-weight': 700, fill: ink, 'font-style': tok.unknown ? 'italic' : undefined }),
      text(x + 8, y + 36, sub, { 'font-size': 12, fill: ink }),
    );
    if (current) out.push(text(x + w / 2, y + boxH + 12, '▲', { 'font-size': 10, 'text-anchor': 'middle', fill: OUTLINE }));
    out.push('</g>');
    x += w + gap;
  }
  const notes = [words.chipNote];
  if (trace.truncated) notes.push(words.truncated);
  y += boxH + 24;
  for (const n of notes) {
    for (const chunk of wrap(n, width - 2 * PAD, 12)) {
      out.push(text(PAD, y, chunk, { 'font-size': 12, fill: MUTED }));
      y += 16;
    }
  }
  return { body: out.join(''), height: y - top };
}

export function routerScores(s: Scene, x0: number, w: number, top: number): Drawn {
  const { trace, layer, position, pal, words } = s;
  const r = trace.layers[layer]?.tokens[position];
  const tok = trace.tokens[position];
  const out: string[] = [text(x0, top + 16, words.scoresTitle(clip(tok?.text ?? '', 24)), { 'font-size': 16, 'font-weight': 700 })];
  if (!r || !tok) {
    out.push(text(x0, top + 44, words.noTokenSelected));
    return { body: out.join(''), height: 60 };
  }
  const n = r.scores.length;
  const chartTop = top + 44;
  const chartH = 150;
  const base = chartTop + chartH;
  const max = Math.max(1e-9, ...r.scores);
  const slot = w / Math.max(1, n);
  const bw = Math.max(1, slot * 0.72);
  const labelled = n <= 32;
  for (let e = 0; e < n; e++) {
    const s = r.scores[e] ?? 0;
    const j = r.experts.indexOf(e);
    const chosen = j >= 0;
    const dropped = chosen && r.dropped[j] === true;
    const h = (chartH * Math.max(0, s)) / max;
    const bx = x0 + e * slot + (slot - bw) / 2;
    out.push(
      rect({
        class: chosen ? 'score chosen' : 'score',
        x: bx,
        y: base - h,
        width: bw,
        height: h,
        fill: chosen ? expertPaint(pal, e) : SCORE_IDLE,
        stroke: chosen ? OUTLINE : undefined,
        'stroke-width': chosen ? 1.5 : undefined,
        'stroke-dasharray': dropped ? '4 2' : undefined,
      }),
    );
    if (chosen && (labelled || n <= 64)) {
      const label = dropped ? `✕ ${weight(r.weights[j] ?? 0)}` : weight(r.weights[j] ?? 0);
      out.push(
        text(bx + bw / 2, base - h - 5, label, {
          'font-size': 12,
          'font-weight': 700,
          'text-anchor': 'middle',
          fill: dropped ? DROP : INK,
        }),
      );
    }
    if (labelled) out.push(text(bx + bw / 2, base + 15, `E${e}`, { 'font-size': 11, 'text-anchor': 'middle', fill: MUTED }));
  }
  out.push(line({ x1: x0, x2: x0 + w, y1: base, y2: base, stroke: MUTED }));
  const chosen = r.experts.map((e, j) => words.chosenItem(e, weight(r.weights[j] ?? 0), r.dropped[j] === true));
  let y = base + (labelled ? 34 : 20);
  const note = wrap(words.scoresNote(trace.config.router === 'sigmoid-bias', max.toFixed(3)), w, 12);
  for (const chunk of note) {
    out.push(text(x0, y, chunk, { 'font-size': 12, fill: MUTED }));
    y += 16;
  }
  y += 1;
  for (const chunk of wrap(words.chosen(chosen), w, 12)) {
    out.push(text(x0, y, chunk, { 'font-size': 12 }));
    y += 16;
  }
  return { body: out.join(''), height: y - top };
}

export function expertsGrid(s: Scene, x0: number, w: number, top: number): Drawn {
  const { trace, layer, position, pal, words } = s;
  const out: string[] = [text(x0, top + 16, words.expertsTitle, { 'font-size': 16, 'font-weight': 700 })];
  const lt = trace.layers[layer];
  const r = lt?.tokens[position];
  const n = trace.shape.experts;
  const shared = trace.shape.shared;
  const cols = n <= 8 ? Math.max(1, n) : n <= 64 ? 8 : n <= 256 ? 16 : 32;
  const gap = cols <= 16 ? 6 : 3;
  const cw = (w - gap * (cols - 1)) / cols;
  const ch = Math.max(14, Math.min(52, cw * 0.75));
  const labelled = cw >= 34;
  let y = top + 30;
  for (let s = 0; s < shared; s++) {
    const cx = x0 + (s % cols) * (cw + gap);
    if (s > 0 && s % cols === 0) y += ch + gap;
    out.push(
      rect({ class: 'shared', x: cx, y, width: cw, height: ch, rx: 3, fill: SHARED_COLOUR, stroke: OUTLINE, 'stroke-width': 2 }),
      labelled ? text(cx + cw / 2, y + ch / 2 + 4, `S${s}`, { 'text-anchor': 'middle', fill: PAPER, 'font-weight': 700 }) : '',
    );
  }
  if (shared > 0) y += ch + gap + 4;
  for (let e = 0; e < n; e++) {
    const cx = x0 + (e % cols) * (cw + gap);
    const cy = y + Math.floor(e / cols) * (ch + gap);
    const j = r ? r.experts.indexOf(e) : -1;
    const chosen = j >= 0;
    const dropped = chosen && r?.dropped[j] === true;
    const fill = dropped ? 'url(#hatch)' : chosen ? expertPaint(pal, e) : IDLE_FILL;
    out.push(
      rect({
        class: `expert${chosen ? ' lit' : ''}${dropped ? ' dropped' : ''}`,
        x: cx,
        y: cy,
        width: cw,
        height: ch,
        rx: 3,
        fill,
        stroke: dropped ? DROP : chosen ? OUTLINE : IDLE_STROKE,
        'stroke-width': chosen ? 3 : 1,
      }),
    );
    if (labelled) {
      const ink = chosen && !dropped ? pal.textOn(pal.expert(e)) : INK;
      const label = dropped ? `✕ E${e}` : `E${e}`;
      const two = chosen && ch >= 34;
      out.push(
        text(cx + cw / 2, cy + (two ? ch / 2 - 3 : ch / 2 + 4), label, {
          'text-anchor': 'middle',
          fill: ink,
          'font-weight': chosen ? 700 : 400,
          'font-size': 12,
        }),
      );
      if (two && !dropped)
        out.push(text(cx + cw / 2, cy + ch / 2 + 12, weight(r?.weights[j] ?? 0), { 'text-anchor': 'middle', fill: ink, 'font-size': 12 }));
      if (two && dropped)
        out.push(text(cx + cw / 2, cy + ch / 2 + 12, words.blockDropped, { 'text-anchor': 'middle', fill: INK, 'font-size': 11 }));
    }
  }
  y += Math.ceil(n / cols) * (ch + gap) + 14;
  const lit = r ? r.experts.map((e, k) => words.litItem(e, weight(r.weights[k] ?? 0), r.dropped[k] === true)) : [];
  const sharedLabels = Array.from({ length: shared }, (_, s) => `S${s}`);
  for (const chunk of wrap(words.lit(lit, sharedLabels, n - (r?.used ?? 0), n), w, 12)) {
    out.push(text(x0, y, chunk, { 'font-size': 12 }));
    y += 16;
  }
  return { body: out.join(''), height: y - top };
}
