/**
 * A drawing of the current view as a self-contained SVG string (issue 7), for the export menu's
 * Download SVG and PNG. A pure function of the plain-data trace; no DOM, so it runs anywhere.
 *
 * It takes its colours (`src/ui/shared/palette.ts`) and its words (the page language's `picture`
 * section of the message catalogue) from the caller. Every number the colours stand for is printed
 * too: colour is never the only signal, in the picture as on the page.
 */
import type { Trace } from '../../core/trace';
import { escapeXml, clip, wrap } from './picture-text';
import { attrs, DROP, FONT, MUTED, PAD, PAPER, rect, text, type Scene, type SvgPalette } from './picture-marks';
import { expertsGrid, routerScores, tokenStrip } from './picture-panels';
import { loadBars, meter } from './picture-load';
import type { PictureWords } from './picture-words';

export { escapeXml } from './picture-text';
export type { SvgPalette } from './picture-marks';
export type { PictureWords } from './picture-words';

export interface SvgOptions {
  palette: SvgPalette;
  /** Width of the drawing in pixels (default 1200). */
  width?: number;
}

/** The config in one line of words: router, experts, top-k, and what else is set. */
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
  const scene: Scene = { trace, layer: L, position: pos, pal, words };
  const strip = tokenStrip(scene, width, y);
  parts.push(strip.body);
  y += strip.height + 14;
  const colW = (width - 3 * PAD) / 2;
  const scores = routerScores(scene, PAD, colW, y);
  const grid = expertsGrid(scene, 2 * PAD + colW, colW, y);
  parts.push(scores.body, grid.body);
  y += Math.max(scores.height, grid.height) + 14;
  const m = meter(scene, width, y);
  parts.push(m.body);
  y += m.height + 14;
  const load = loadBars(scene, width, y);
  parts.push(load.body);
  y += load.height + PAD;
  const height = Math.ceil(y);
  // The patterns of the experts drawn: every expert a token of this layer chose, and all of them where the load bars are labelled.
  const drawn = new Set((trace.layers[L]?.tokens ?? []).flatMap((r) => r.experts));
  if (trace.shape.experts <= 32) for (let e = 0; e < trace.shape.experts; e++) drawn.add(e);
  const patterns = pal.defs ? pal.defs([...drawn]) : '';
  const title = words.title(tok ? tok.text : null, config);
  const desc = trace.tokens.map((t) => t.text).join(' ');
  return [
    '<?xml version="1.0" encoding="UTF-8"?>\n',
    `<svg xmlns="http://www.w3.org/2000/svg"${attrs({ width, height, viewBox: `0 0 ${width} ${height}`, role: 'img', 'xml:lang': words.lang, 'font-family': FONT })}>`,
    `<title>${escapeXml(title)}</title>`,
    `<desc>${escapeXml(words.sentence(desc))}</desc>`,
    '<defs><pattern id="hatch" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">',
    `<rect width="6" height="6" fill="${PAPER}"/><line x1="0" y1="0" x2="0" y2="6" stroke="${DROP}" stroke-width="3"/></pattern>${patterns}</defs>`,
    rect({ x: 0, y: 0, width, height, fill: PAPER }),
    ...parts,
    '</svg>\n',
  ].join('');
}
