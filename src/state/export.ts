/**
 * Exports of the current view (issue 7): the trace as JSON and CSV, and a drawing of the view as a
 * self-contained SVG string. Pure functions of the plain-data trace; no DOM, so Node tests run them.
 *
 * The state layer may not import the ui, so the SVG takes its colours and its words from the caller
 * (the ui passes `src/ui/shared/palette.ts` and the page language's `picture` section of the message
 * catalogue). Every number the colours stand for is printed too: colour is never the only signal, in
 * the picture as on the page. The CSV and JSON are data and stay in English.
 */
import { expertShape } from '../core/config';
import type { Category } from '../core/corpus';
import type { Trace } from '../core/trace';

// ---------------------------------------------------------------------------------------------
// JSON
// ---------------------------------------------------------------------------------------------

/** Bumped when the layout of the exported JSON changes. */
export const EXPORT_FORMAT = 'moe-lab-trace';
export const EXPORT_VERSION = 1;

/** The same data with object keys in sorted order at every depth (arrays keep their order). */
function sortedKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortedKeys);
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) {
      const v = (value as Record<string, unknown>)[key];
      if (v !== undefined) out[key] = sortedKeys(v);
    }
    return out;
  }
  return value;
}

/**
 * The view (the URL's settings, config included) and the whole trace as pretty JSON. Keys are
 * sorted at every depth, so the same view always gives the same text; numbers are written exactly as
 * the trace holds them (JavaScript's shortest round-trip form).
 */
export function traceToJson(trace: Trace, view: unknown): string {
  const doc = { format: EXPORT_FORMAT, version: EXPORT_VERSION, view: sortedKeys(view ?? null), trace: sortedKeys(trace) };
  return `${JSON.stringify(doc, null, 2)}\n`;
}

// ---------------------------------------------------------------------------------------------
// CSV
// ---------------------------------------------------------------------------------------------

export const CSV_HEADER = ['token_index', 'text', 'category', 'unknown', 'layer', 'rank', 'expert', 'gate_weight', 'dropped'] as const;

/** One RFC 4180 field: quoted when it holds a comma, a quote or a line break; quotes doubled. */
export function csvField(value: string | number | boolean): string {
  const s = String(value);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/**
 * One row per token × chosen routed expert of one layer, after a header (RFC 4180: CRLF line ends,
 * fields quoted when needed). Indices are the trace's (token, layer and expert from 0, expert 0 is
 * "E0" on the page); rank 1 is the token's first choice. Gate weights are written in full. Shared
 * experts, which every token uses, have no rows; a token that chose nothing (expert choice) has none.
 */
export function traceToCsv(trace: Trace, layer: number): string {
  const lt = trace.layers[layer];
  const lines = [CSV_HEADER.join(',')];
  if (lt) {
    for (const tok of trace.tokens) {
      const r = lt.tokens[tok.index];
      if (!r) continue;
      r.experts.forEach((expert, j) => {
        const row = [tok.index, tok.text, tok.category, tok.unknown, lt.index, j + 1, expert, r.weights[j] ?? 0, r.dropped[j] === true];
        lines.push(row.map(csvField).join(','));
      });
    }
  }
  return `${lines.join('\r\n')}\r\n`;
}

// ---------------------------------------------------------------------------------------------
// File names
// ---------------------------------------------------------------------------------------------

/** `moe-lab-<router>-<experts>x<topk>-seed<seed>.<ext>`, with the experts and top-k that run (after fine-grained splitting). */
export function exportFileName(trace: Trace, ext: string): string {
  const { experts, active } = expertShape(trace.config);
  return `moe-lab-${trace.config.router}-${experts}x${active}-seed${trace.config.seed}.${ext}`;
}

// ---------------------------------------------------------------------------------------------
// SVG
// ---------------------------------------------------------------------------------------------

/** Colours for the drawing; the ui passes its palette (`expertColour`, `textOn`). */
export interface SvgPalette {
  expert(index: number): string;
  /** Black or white, whichever reads on the colour. */
  textOn(colour: string): string;
}

/**
 * Every word the picture draws, in one language (the ui passes `messages().picture`). Numbers come
 * in as numbers, or as text already formatted (counts with separators, percentages, weights) where
 * the parameter is a string. Words of the sentence and the expert labels (E3, S0, ✕) are not here:
 * they are drawn as they are.
 */
export interface PictureWords {
  /** Language tag of these words, written on the drawing (`xml:lang`) so that renderers pick fitting glyphs. */
  lang: string;

  // The config line and the title.
  /** Joins the parts of the config line. */
  list(parts: string[]): string;
  /** The first line: "moe-lab: <config>". */
  heading(config: string): string;
  router(kind: string): string;
  routedExperts(n: number): string;
  topK(k: number): string;
  shared(n: number): string;
  granularity(g: number): string;
  noCapacityLimit: string;
  capacityFactor(factor: number): string;
  noise(noise: number): string;
  groups(groups: number, kept: number): string;
  layers(n: number): string;
  seed(seed: number): string;
  /** The current token: "Token 3 of 10: “cat” (animal)"; `category` is already in words. */
  position(index: number, tokens: number, word: string, category: string, unknown: boolean): string;
  /** Names of the token categories of the vocabulary. */
  categories: Record<Category, string>;
  noTokens: string;
  layer(layer: number, layers: number): string;
  /** The drawing's <title>; `word` is null when there is no token. */
  title(word: string | null, config: string): string;
  /** The drawing's <desc>: the whole sentence. */
  sentence(text: string): string;

  // The token strip.
  stripTitle: string;
  noTokensToRoute: string;
  /** On a chip: the token was dropped altogether. */
  chipDropped: string;
  /** On a chip: the token has no expert. */
  noExpert: string;
  chipNote: string;
  truncated: string;

  // The router scores.
  scoresTitle(word: string): string;
  noTokenSelected: string;
  scoresNote(sigmoid: boolean, highest: string): string;
  chosenItem(expert: number, weight: string, dropped: boolean): string;
  chosen(items: string[]): string;

  // The experts.
  expertsTitle: string;
  /** Under a dropped expert's label. */
  blockDropped: string;
  litItem(expert: number, weight: string, dropped: boolean): string;
  lit(items: string[], shared: string[], idle: number, experts: number): string;

  // The parameter meter (counts and percentages come formatted).
  meterHead(word: string, active: string, total: string, share: string): string;
  meterNote(mean: string, meanShare: string, flops: string, dense: string, saved: string): string;

  // The load per expert.
  loadTitle: string;
  capacityLabel(capacity: number): string;
  noCapacity: string;
  capacityNote(capacity: number, over: number, dropped: number): string;
  loadNote(tail: string): string;
  manyExperts(experts: number, least: number, most: number): string;
}

export interface SvgOptions {
  palette: SvgPalette;
  /** Width of the drawing in pixels (default 1200). */
  width?: number;
}

/**
 * Text made safe for XML: the five special characters escaped, and what XML 1.0 cannot hold at all
 * (control characters other than tab and line breaks, lone surrogates, U+FFFE/U+FFFF) removed.
 */
export function escapeXml(text: string): string {
  let clean = '';
  for (const ch of text) if (xmlChar(ch.codePointAt(0) as number)) clean += ch;
  return clean.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');
}

/** Whether XML 1.0 can hold the code point (iterating a string by code point leaves lone surrogates as themselves). */
function xmlChar(c: number): boolean {
  if (c < 0x20) return c === 0x09 || c === 0x0a || c === 0x0d;
  if (c >= 0xd800 && c <= 0xdfff) return false;
  return c !== 0xfffe && c !== 0xffff;
}

/** Same as the page's formatCount / formatPercent / formatWeight (src/ui/shared/format.ts, which state may not import). */
const whole = new Intl.NumberFormat('en', { maximumFractionDigits: 0 });
const count = (n: number): string => whole.format(n);
const percent = (f: number): string => `${(f * 100).toFixed(1)}%`;
const weight = (w: number): string => w.toFixed(2);

/** Latin faces first, then faces with Chinese glyphs (the picture may be in Chinese, and so may the sentence). */
const FONT =
  'system-ui, -apple-system, Segoe UI, Roboto, Helvetica, Arial, PingFang SC, Microsoft YaHei, Noto Sans CJK SC, Noto Sans SC, sans-serif';
const INK = '#111';
const MUTED = '#444';
const IDLE_FILL = '#eceff1';
const IDLE_STROKE = '#9aa0a6';
const DROP = '#b3261e';
const SHARED = '#2f2f2f';
const METER = '#0072b2';
const PAD = 24;

/** Rough text width without a DOM: average glyph widths of a sans-serif face (a CJK character is a full em, about two Latin letters). */
function textWidth(text: string, size: number, bold = false): number {
  let em = 0;
  for (const ch of text)
    em += /[✕▲…—“”\u{1F000}-\u{1FFFF}\u{2E80}-\u{FFEF}]/u.test(ch) ? 1 : /[ilj.,:;'!|]/.test(ch) ? 0.3 : bold ? 0.64 : 0.58;
  return em * size;
}

/** At most `max` characters (code points, so emoji stay whole), with "…" when cut. */
function clip(text: string, max: number): string {
  const chars = [...text];
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join('')}…`;
}

type Attrs = Record<string, string | number | undefined>;

function attrs(a: Attrs): string {
  return Object.entries(a)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => ` ${k}="${escapeXml(typeof v === 'number' ? num(v) : (v as string))}"`)
    .join('');
}

/** Coordinates with at most two decimals. */
function num(v: number): string {
  return String(Math.round(v * 100) / 100);
}

function rect(a: Attrs): string {
  return `<rect${attrs(a)}/>`;
}

function text(x: number, y: number, content: string, a: Attrs = {}): string {
  return `<text${attrs({ x, y, 'font-size': 13, fill: INK, ...a })}>${escapeXml(content)}</text>`;
}

function line(a: Attrs): string {
  return `<line${attrs(a)}/>`;
}

/** What one token's routing says in words, as on its chip: "E2 E0", "E1 ✕3", "✕3 dropped". */
function choicesText(experts: readonly number[], dropped: readonly boolean[], skipped: boolean, words: PictureWords): string {
  const parts = experts.map((e, j) => (dropped[j] ? `✕${e}` : `E${e}`));
  if (skipped && experts.length > 0) parts.push(words.chipDropped);
  return parts.length ? parts.join(' ') : words.noExpert;
}

interface Drawn {
  body: string;
  height: number;
}

function heading(y: number, label: string): string {
  return text(PAD, y, label, { 'font-size': 16, 'font-weight': 700 });
}

function tokenStrip(
  trace: Trace,
  layer: number,
  position: number,
  width: number,
  pal: SvgPalette,
  words: PictureWords,
  top: number,
): Drawn {
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
    const fill = topExpert === undefined ? '#dddddd' : pal.expert(topExpert);
    const ink = pal.textOn(fill);
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
        stroke: current ? '#000' : skipped ? DROP : '#666',
        'stroke-width': current ? 3.5 : skipped ? 2 : 1,
        'stroke-dasharray': skipped && !current ? '5 3' : undefined,
      }),
      text(x + 8, y + 19, word, { 'font-size': 14, 'font-weight': 700, fill: ink, 'font-style': tok.unknown ? 'italic' : undefined }),
      text(x + 8, y + 36, sub, { 'font-size': 12, fill: ink }),
    );
    if (current) out.push(text(x + w / 2, y + boxH + 12, '▲', { 'font-size': 10, 'text-anchor': 'middle', fill: '#000' }));
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

function routerScores(
  trace: Trace,
  layer: number,
  position: number,
  x0: number,
  w: number,
  pal: SvgPalette,
  words: PictureWords,
  top: number,
): Drawn {
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
        fill: chosen ? pal.expert(e) : '#b8bec4',
        stroke: chosen ? '#000' : undefined,
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

/** Whether a line may break after `a` and before `b` inside a word: beside a CJK character, except before closing and after opening punctuation. */
function breaksBetween(a: string, b: string): boolean {
  const cjk = (ch: string): boolean => (ch.codePointAt(0) ?? 0) >= 0x2e80;
  return (cjk(a) || cjk(b)) && !'，。、；：！？）」』》”’…'.includes(b) && !'（「『《“‘'.includes(a);
}

/** The pieces a line may break between: the words, and within a word the places beside CJK characters (Chinese has no spaces). */
function pieces(s: string): { piece: string; space: boolean }[] {
  const out: { piece: string; space: boolean }[] = [];
  for (const word of s.split(' ')) {
    let cur = '';
    let first = true;
    let prev = '';
    for (const ch of word) {
      if (cur && breaksBetween(prev, ch)) {
        out.push({ piece: cur, space: first });
        first = false;
        cur = '';
      }
      cur += ch;
      prev = ch;
    }
    out.push({ piece: cur, space: first });
  }
  return out;
}

/** Greedy word wrap by estimated width (between words, and between CJK characters). */
function wrap(s: string, width: number, size: number, bold = false): string[] {
  const lines: string[] = [];
  let cur = '';
  for (const { piece, space } of pieces(s)) {
    const next = cur ? `${cur}${space ? ' ' : ''}${piece}` : piece;
    if (cur && textWidth(next, size, bold) > width) {
      lines.push(cur);
      cur = piece;
    } else cur = next;
  }
  if (cur) lines.push(cur);
  return lines;
}

function expertsGrid(
  trace: Trace,
  layer: number,
  position: number,
  x0: number,
  w: number,
  pal: SvgPalette,
  words: PictureWords,
  top: number,
): Drawn {
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
      rect({ class: 'shared', x: cx, y, width: cw, height: ch, rx: 3, fill: SHARED, stroke: '#000', 'stroke-width': 2 }),
      labelled ? text(cx + cw / 2, y + ch / 2 + 4, `S${s}`, { 'text-anchor': 'middle', fill: '#fff', 'font-weight': 700 }) : '',
    );
  }
  if (shared > 0) y += ch + gap + 4;
  for (let e = 0; e < n; e++) {
    const cx = x0 + (e % cols) * (cw + gap);
    const cy = y + Math.floor(e / cols) * (ch + gap);
    const j = r ? r.experts.indexOf(e) : -1;
    const chosen = j >= 0;
    const dropped = chosen && r?.dropped[j] === true;
    const fill = dropped ? 'url(#hatch)' : chosen ? pal.expert(e) : IDLE_FILL;
    out.push(
      rect({
        class: `expert${chosen ? ' lit' : ''}${dropped ? ' dropped' : ''}`,
        x: cx,
        y: cy,
        width: cw,
        height: ch,
        rx: 3,
        fill,
        stroke: dropped ? DROP : chosen ? '#000' : IDLE_STROKE,
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

function meter(trace: Trace, position: number, width: number, words: PictureWords, top: number): Drawn {
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
    rect({ x: PAD, y: top + 32, width: w, height: 14, rx: 4, fill: '#e4e4e4' }),
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

function loadBars(trace: Trace, layer: number, width: number, pal: SvgPalette, words: PictureWords, top: number): Drawn {
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
      rect({ class: 'load', x: bx, y: yOf(kept), width: bw, height: base - yOf(kept), fill: labelled ? pal.expert(e.index) : METER }),
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

function configLine(trace: Trace, words: PictureWords): string {
  const c = trace.config;
  const s = trace.shape;
  const parts = [words.router(c.router), words.routedExperts(s.experts), words.topK(s.active)];
  if (s.shared) parts.push(words.shared(s.shared));
  if (c.granularity > 1) parts.push(words.granularity(c.granularity));
  parts.push(c.capacityFactor === null ? words.noCapacityLimit : words.capacityFactor(c.capacityFactor));
  if (c.router === 'noisy-topk') parts.push(words.noise(c.routerNoise));
  if (c.router === 'sigmoid-bias' && c.nGroup > 1) parts.push(words.groups(c.nGroup, c.topkGroup));
  parts.push(words.layers(c.layers), words.seed(c.seed));
  return words.list(parts);
}

/**
 * The current view drawn from the trace, as a self-contained SVG document (no fonts, images or
 * style sheets from outside; presentation attributes only): the config, the token strip, the
 * current token's router scores and experts, the parameter meter and the load per expert, in the
 * words given (the page's language). Every piece of user text is XML-escaped.
 */
export function viewToSvg(trace: Trace, position: number, layer: number, words: PictureWords, options: SvgOptions): string {
  const width = Math.max(640, options.width ?? 1200);
  const pal = options.palette;
  const L = Math.min(Math.max(0, Math.round(layer)), Math.max(0, trace.layers.length - 1));
  const n = trace.tokens.length;
  const pos = n === 0 ? 0 : Math.min(Math.max(0, Math.round(position)), n - 1);
  const tok = trace.tokens[pos];
  const parts: string[] = [];
  const config = configLine(trace, words);
  let y = 34;
  for (const chunk of wrap(words.heading(config), width - 2 * PAD, 20, true)) {
    parts.push(text(PAD, y, chunk, { 'font-size': 20, 'font-weight': 700 }));
    y += 26;
  }
  const where = tok ? words.position(pos + 1, n, clip(tok.text, 40), words.categories[tok.category], tok.unknown) : words.noTokens;
  parts.push(text(PAD, y - 2, `${where} · ${words.layer(L + 1, trace.layers.length)}`, { 'font-size': 14, fill: MUTED }));
  y += 12;
  const strip = tokenStrip(trace, L, pos, width, pal, words, y);
  parts.push(strip.body);
  y += strip.height + 14;
  const colW = (width - 3 * PAD) / 2;
  const scores = routerScores(trace, L, pos, PAD, colW, pal, words, y);
  const grid = expertsGrid(trace, L, pos, 2 * PAD + colW, colW, pal, words, y);
  parts.push(scores.body, grid.body);
  y += Math.max(scores.height, grid.height) + 14;
  const m = meter(trace, pos, width, words, y);
  parts.push(m.body);
  y += m.height + 14;
  const load = loadBars(trace, L, width, pal, words, y);
  parts.push(load.body);
  y += load.height + PAD;
  const height = Math.ceil(y);
  const title = words.title(tok ? tok.text : null, config);
  const desc = trace.tokens.map((t) => t.text).join(' ');
  return [
    '<?xml version="1.0" encoding="UTF-8"?>\n',
    `<svg xmlns="http://www.w3.org/2000/svg"${attrs({ width, height, viewBox: `0 0 ${width} ${height}`, role: 'img', 'xml:lang': words.lang, 'font-family': FONT })}>`,
    `<title>${escapeXml(title)}</title>`,
    `<desc>${escapeXml(words.sentence(desc))}</desc>`,
    '<defs><pattern id="hatch" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">',
    `<rect width="6" height="6" fill="#fff"/><line x1="0" y1="0" x2="0" y2="6" stroke="${DROP}" stroke-width="3"/></pattern></defs>`,
    rect({ x: 0, y: 0, width, height, fill: '#fff' }),
    ...parts,
    '</svg>\n',
  ].join('');
}
