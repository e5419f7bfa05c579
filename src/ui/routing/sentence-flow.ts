/**
 * Draws the whole-sentence routing picture (sentence-flow-layout.ts) as SVG: token nodes and their
 * words on the left, expert nodes on the right (idle ones dark), and the bands between them in the
 * expert's colour, the current token's bands stronger. Styled by flow-picture.ts.
 */
import { nothing, svg } from 'lit';
import { expertFill, expertPatternDefs } from '../shared/expert-patterns';
import { expertColour } from '../shared/palette';
import type { SentenceFlow } from './sentence-flow-layout';

export function sentenceFlowSvg(l: SentenceFlow, font: number, small: number) {
  return svg`
    <defs>${expertPatternDefs(
      'sflow',
      l.experts.filter((n) => n.value > 0).map((n) => n.index),
    )}</defs>
    <g class="bands">
      ${l.bands.map(
        (b) =>
          svg`<path class=${b.token === l.current ? 'band current' : 'band'} d=${b.path} stroke=${expertColour(b.expert)} stroke-width=${Math.max(0.75, b.width)}></path>`,
      )}
    </g>
    <g class="nodes">
      ${l.tokens.map(
        (n) => svg`<g class="node token">
          <rect x=${n.x} y=${n.y} width=${n.w} height=${n.h}></rect>
          ${n.labelled ? svg`<text x=${n.x - font * 0.4} y=${n.y + n.h / 2} font-size=${font} class=${n.index === l.current ? 'word end' : 'end'} translate="no">${n.label}</text>` : nothing}
        </g>`,
      )}
      ${l.experts.map(
        (n) => svg`<g class=${n.value > 0 ? 'snode lit' : 'snode idle'}>
          <rect x=${n.x} y=${n.y} width=${n.w} height=${n.h} fill=${n.value > 0 ? expertFill(n.index, 'sflow') : nothing}></rect>
          ${n.labelled ? svg`<text x=${n.x + n.w + font * 0.4} y=${n.y + n.h / 2} class="start" font-size=${Math.max(small, font * 0.9)}>${n.label}</text>` : nothing}
        </g>`,
      )}
    </g>`;
}
