/**
 * Draws the routing picture of one token (flow-layout.ts) as SVG, at a point of its motion:
 * `progress` 0 is the token alone, 1 the whole flow. In between, in order: the router's scores grow,
 * the links to the chosen experts draw in, the chosen experts light up, their outputs merge into
 * the weighted sum, the output appears (see STAGES). Colours come from the palette and the theme's
 * CSS variables (classes styled by flow-picture.ts); text on an expert's colour gets its fill through
 * styleProps, since the stylesheet's rule for text would win over a fill attribute. What the motion does not move (the bars, the
 * idle experts, the groups) is drawn once per layout (lit's guard), so a frame redraws only the few
 * marks that move: at 256 experts that is what keeps a frame cheap.
 */
import { nothing, svg } from 'lit';
import { guard } from 'lit/directives/guard.js';
import { formatWeight } from '../shared/format';
import { expertFill, expertPatternDefs } from '../shared/expert-patterns';
import { expertColour, textOn } from '../shared/palette';
import { styleProps } from '../shared/style-props';
import type { flowWords } from '../i18n/flow-picture';
import type { FlowExpert, FlowLayout } from './flow-layout';

/** Where each stage of the motion starts and ends, as fractions of the whole. */
export const STAGES = {
  scores: [0, 0.3],
  links: [0.3, 0.6],
  light: [0.55, 0.75],
  merge: [0.75, 0.95],
  output: [0.9, 1],
} as const;

/** How far `stage` has gone at `progress` (0 to 1), eased. */
export function stageAt(stage: keyof typeof STAGES, progress: number): number {
  const [a, b] = STAGES[stage];
  const t = Math.min(1, Math.max(0, (progress - a) / (b - a)));
  return t * t * (3 - 2 * t);
}

/** Prefix of the pattern ids (experts 8 and up are patterned: palette.ts, expert-patterns.ts). */
const PATTERNS = 'flow';

function expertLabel(x: { expert: number; shared: boolean }): string {
  return x.shared ? `S${x.expert + 1}` : `E${x.expert}`;
}

function expertMark(x: FlowExpert, light: number, font: number) {
  const colour = x.shared ? null : expertColour(x.expert);
  const label = expertLabel(x);
  const size = font;
  const lit = x.lit && light > 0;
  const fill = x.shared ? 'shared' : lit ? 'lit' : 'idle';
  return svg`<g class="expert ${fill} ${x.dropped ? 'dropped' : ''}">
    <rect class="base" x=${x.x} y=${x.y} width=${x.w} height=${x.h} rx=${Math.min(3, x.w / 6)}></rect>
    ${lit && colour ? svg`<rect class="glow" x=${x.x} y=${x.y} width=${x.w} height=${x.h} rx=${Math.min(3, x.w / 6)} fill=${expertFill(x.expert, PATTERNS)} fill-opacity=${light}></rect>` : nothing}
    ${
      x.labelInside
        ? svg`<text x=${x.x + x.w / 2} y=${x.y + x.h / 2} font-size=${size} class="in" ${styleProps({ fill: lit && colour && light > 0.5 ? textOn(colour) : null })}>${label}</text>`
        : nothing
    }
    ${x.dropped ? svg`<path class="cross" d=${`M${x.x},${x.y}L${x.x + x.w},${x.y + x.h}M${x.x + x.w},${x.y}L${x.x},${x.y + x.h}`}></path>` : nothing}
  </g>`;
}

/** `small`: the size of the picture's small print (the names under the parts), in pixels. */
/**
 * The router's input as a column of d cells, one per number: blue for positive, orange for negative,
 * the stronger the larger (|v| over the largest); a plain column when the trace has no values.
 */
function vectorCells(e: FlowLayout['embedding']) {
  const cellH = e.h / Math.max(1, e.cells);
  if (!e.values || cellH < 1) return svg`<rect class="plain" x=${e.x} y=${e.y} width=${e.w} height=${e.h}></rect>`;
  const top = Math.max(1e-9, ...e.values.map(Math.abs));
  return e.values.map(
    (v, i) =>
      svg`<rect class=${v >= 0 ? 'pos' : 'neg'} x=${e.x} y=${e.y + i * cellH} width=${e.w} height=${Math.max(0.5, cellH - 0.5)} fill-opacity=${(0.15 + (0.85 * Math.abs(v)) / top).toFixed(3)}></rect>`,
  );
}

export function flowSvg(l: FlowLayout, progress: number, word: string, m: ReturnType<typeof flowWords>, small: number) {
  const font = l.fontSize;
  const grow = stageAt('scores', progress);
  const draw = stageAt('links', progress);
  const light = stageAt('light', progress);
  const merge = stageAt('merge', progress);
  const out = stageAt('output', progress);
  const r = l.router;
  const e = l.embedding;
  return svg`
    <defs>${expertPatternDefs(
      PATTERNS,
      l.links.map((k) => k.expert),
    )}</defs>
    <path class="residual" d=${l.residual}></path>
    <text class="small start" font-size=${small} x=${l.token.x + l.token.w / 2 + font * 0.4} y=${l.height - font * 0.9}>${m.residual}</text>
    <g class="token">
      <rect x=${l.token.x} y=${l.token.y} width=${l.token.w} height=${l.token.h} rx=${font * 0.4}></rect>
      <text x=${l.token.x + l.token.w / 2} y=${l.token.y + l.token.h / 2} font-size=${font * 1.15} class="word" translate="no">${word}</text>
    </g>
    <path class="arrow" d=${`M${l.token.x + l.token.w},${l.token.y + l.token.h / 2}H${e.x}`}></path>
    <g class="embedding">
      ${guard([l], () => vectorCells(e))}
      <text class="small" font-size=${small} x=${e.x + e.w / 2} y=${e.y - font * 1.3}>${m.embedding}</text>
      <text class="small" font-size=${small} x=${e.x + e.w / 2} y=${e.y - font * 0.3}>${m.numbers(e.cells)}</text>
    </g>
    <path class="arrow" d=${`M${e.x + e.w},${l.height / 2}H${r.x}`}></path>
    <g class="router">
      <rect class="box" x=${r.x} y=${r.y} width=${r.w} height=${r.h} rx=${font * 0.4}></rect>
      <text class="title" x=${r.x + r.w / 2} y=${r.y + font * 0.9}>${m.router}</text>
      <g transform=${`translate(0 ${r.baseline * (1 - grow)}) scale(1 ${grow})`}>
        ${guard([l], () => r.bars.map((b) => svg`<rect class=${b.choice >= 0 ? 'bar chosen' : 'bar'} x=${b.x} y=${b.y} width=${b.w} height=${Math.max(0, b.h)} fill=${b.choice >= 0 ? expertFill(b.expert, PATTERNS) : nothing}></rect>`))}
      </g>
      <line class="axis" x1=${r.x + font * 0.3} x2=${r.x + r.w - font * 0.3} y1=${r.baseline} y2=${r.baseline}></line>
      <text class="small" font-size=${small} x=${r.x + r.w / 2} y=${r.baseline + font * 1}>${m.topScore(formatWeight(r.maxScore))}</text>
    </g>
    ${l.wall ? svg`<g class="wall"><line x1=${l.wall.x} x2=${l.wall.x} y1=${l.wall.y1} y2=${l.wall.y2}></line><text class="small" font-size=${small} x=${l.wall.x} y=${l.wall.y2 + font * 0.9}>${m.capacity}</text></g>` : nothing}
    <g class="links">
      ${l.links.map(
        (
          k,
        ) => svg`<path class=${k.dropped ? 'link dropped' : 'link'} d=${k.path} stroke-width=${Math.max(1, k.width)} stroke=${k.dropped ? nothing : expertColour(k.expert)}
          pathLength="1" stroke-dasharray="1 1" stroke-dashoffset=${1 - draw}></path>
          ${k.dropped && draw >= 1 ? svg`<text class="x" x=${k.end.x} y=${k.end.y} font-size=${font * 1.4}>✕</text>` : nothing}`,
      )}
    </g>
    ${guard([l], () => l.groups.map((g) => svg`<rect class="group" x=${g.x} y=${g.y} width=${g.w} height=${g.h}></rect>`))}
    <g class="experts">
      ${guard([l], () => l.experts.filter((x) => !x.lit).map((x) => expertMark(x, 0, font)))}
      ${l.experts.filter((x) => x.lit).map((x) => expertMark(x, x.shared ? 1 : light, font))}
    </g>
    <g class="merges" opacity=${merge > 0 ? 1 : 0}>
      ${l.merges.map(
        (
          k,
        ) => svg`<path class=${k.shared ? 'link shared' : 'link'} d=${k.path} stroke-width=${Math.max(1, k.width)} stroke=${k.shared ? nothing : expertColour(k.expert)}
          pathLength="1" stroke-dasharray="1 1" stroke-dashoffset=${1 - merge}></path>`,
      )}
    </g>
    <g class="labels" opacity=${Math.max(light, 0)}>
      ${l.labels.map(
        (
          b,
        ) => svg`${b.leader ? svg`<line class="leader" x1=${b.leader.x1} y1=${b.leader.y1} x2=${b.leader.x2} y2=${b.leader.y2}></line>` : nothing}
          <rect class=${b.shared ? 'tag shared' : 'tag'} x=${b.x} y=${b.y} width=${b.w} height=${b.h} rx=${font * 0.3} fill=${b.shared ? nothing : expertColour(b.expert)}></rect>
          <text x=${b.x + b.w / 2} y=${b.y + b.h / 2} font-size=${font} ${styleProps({ fill: b.shared ? null : textOn(expertColour(b.expert)) })} class=${b.shared ? 'on-shared' : ''}>${
            b.shared ? m.shared(expertLabel(b)) : `${expertLabel(b)} · ${formatWeight(b.weight)}`
          }</text>`,
      )}
    </g>
    <g class="sum" opacity=${Math.max(0.35, merge)}>
      <circle cx=${l.sum.cx} cy=${l.sum.cy} r=${l.sum.r}></circle>
      <text x=${l.sum.cx} y=${l.sum.cy} font-size=${font * 1.4}>Σ</text>
      <text class="small" font-size=${small} x=${l.sum.cx} y=${l.sum.cy + l.sum.r + font * 0.9}>${m.sum}</text>
    </g>
    <path class="arrow" d=${`M${l.sum.cx + l.sum.r},${l.sum.cy}H${l.output.x}`} opacity=${out}></path>
    <g class="output" opacity=${Math.max(0.35, out)}>
      <rect x=${l.output.x} y=${l.output.y} width=${l.output.w} height=${l.output.h} rx=${font * 0.4}></rect>
      <text x=${l.output.x + l.output.w / 2} y=${l.output.y + l.output.h / 2}>${m.output}</text>
    </g>`;
}
