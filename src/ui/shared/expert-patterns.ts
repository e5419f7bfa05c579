/**
 * The experts' looks beyond their colour: experts 8 and up repeat the eight colours, each round of
 * eight with its own pattern (palette.ts `expertPattern`: solid, stripes, dots, grid), so 32 experts
 * have 32 different looks; above 32 the looks repeat and the expert's number, printed on or beside
 * every mark, tells them apart.
 *
 * - SVG: `expertPatternDefs(prefix, experts)` inside `<defs>`, then `fill=${expertFill(e, prefix)}`.
 *   `expertPatternMarkup` is the same as text, for the exported picture.
 * - HTML: `background: expertBackground(e)` (CSS layers ending with the colour; prepend more layers
 *   with a comma).
 *
 * The marks are black over colours that carry white text and white over colours that carry black
 * text (palette.ts `markOn`), so text written in `textOn(expertColour(e))` stays as legible.
 */
import { svg, type SVGTemplateResult } from 'lit';
import { expertColour, expertPattern, markOn, type ExpertPattern } from './palette';

/** Side of one pattern tile, in the drawing's units (SVG) or pixels (HTML). */
const TILE = 6;

interface Mark {
  tag: 'rect' | 'circle';
  attrs: Record<string, number>;
}

/** The marks of one tile of a pattern (none for solid). */
function marks(pattern: ExpertPattern): Mark[] {
  switch (pattern) {
    case 'stripes':
      // Drawn upright in a tile turned by 45°: diagonal stripes 2 wide every 6.
      return [{ tag: 'rect', attrs: { x: 0, y: 0, width: 2, height: TILE } }];
    case 'dots':
      return [{ tag: 'circle', attrs: { cx: TILE / 2, cy: TILE / 2, r: 1.6 } }];
    case 'grid':
      return [
        { tag: 'rect', attrs: { x: 0, y: 0, width: TILE, height: 1.5 } },
        { tag: 'rect', attrs: { x: 0, y: 0, width: 1.5, height: TILE } },
      ];
    default:
      return [];
  }
}

/** The experts among `experts` that need a pattern, each once, in order. */
function patterned(experts: Iterable<number>): number[] {
  return [...new Set(experts)].filter((e) => expertPattern(e) !== 'solid').sort((a, b) => a - b);
}

/** The id of expert `e`'s pattern: `${prefix}-e${e}`. */
export function expertPatternId(e: number, prefix: string): string {
  return `${prefix}-e${e}`;
}

/** What to fill expert `e`'s SVG marks with: its colour, or `url(#prefix-e…)` when it has a pattern. */
export function expertFill(e: number, prefix: string): string {
  return expertPattern(e) === 'solid' ? expertColour(e) : `url(#${expertPatternId(e, prefix)})`;
}

/** `<pattern>` elements (for an SVG's `<defs>`) of the given experts that have a pattern. */
export function expertPatternDefs(prefix: string, experts: Iterable<number>): SVGTemplateResult {
  return svg`${patterned(experts).map((e) => {
    const colour = expertColour(e);
    const mark = markOn(colour);
    const pattern = expertPattern(e);
    return svg`<pattern id=${expertPatternId(e, prefix)} data-pattern=${pattern} width=${TILE} height=${TILE} patternUnits="userSpaceOnUse"
      patternTransform=${pattern === 'stripes' ? 'rotate(45)' : 'rotate(0)'}><rect width=${TILE} height=${TILE} fill=${colour}></rect>${marks(
        pattern,
      ).map((m) =>
        m.tag === 'circle'
          ? svg`<circle cx=${m.attrs['cx']} cy=${m.attrs['cy']} r=${m.attrs['r']} fill=${mark.colour} fill-opacity=${mark.opacity}></circle>`
          : svg`<rect x=${m.attrs['x']} y=${m.attrs['y']} width=${m.attrs['width']} height=${m.attrs['height']} fill=${mark.colour} fill-opacity=${mark.opacity}></rect>`,
      )}</pattern>`;
  })}`;
}

/** The same `<pattern>` elements as SVG text (for a standalone SVG document; the values need no escaping). */
export function expertPatternMarkup(prefix: string, experts: Iterable<number>): string {
  return patterned(experts)
    .map((e) => {
      const colour = expertColour(e);
      const mark = markOn(colour);
      const pattern = expertPattern(e);
      const turn = pattern === 'stripes' ? ' patternTransform="rotate(45)"' : '';
      const body = marks(pattern)
        .map((m) => {
          const a = Object.entries(m.attrs)
            .map(([k, v]) => ` ${k}="${v}"`)
            .join('');
          return `<${m.tag}${a} fill="${mark.colour}" fill-opacity="${mark.opacity}"/>`;
        })
        .join('');
      return `<pattern id="${expertPatternId(e, prefix)}" width="${TILE}" height="${TILE}" patternUnits="userSpaceOnUse"${turn}><rect width="${TILE}" height="${TILE}" fill="${colour}"/>${body}</pattern>`;
    })
    .join('');
}

/** Expert `e`'s CSS background: its pattern's layers (if any) over its colour. */
export function expertBackground(e: number): string {
  const colour = expertColour(e);
  const m = markOn(colour).css;
  const px = (v: number) => `${v}px`;
  switch (expertPattern(e)) {
    case 'stripes':
      return `repeating-linear-gradient(45deg, ${m} 0 ${px(2)}, transparent ${px(2)} ${px(TILE)}), ${colour}`;
    case 'dots':
      return `radial-gradient(circle at center, ${m} 0 ${px(1.6)}, transparent ${px(2.1)}) 0 0 / ${px(TILE)} ${px(TILE)}, ${colour}`;
    case 'grid':
      return `linear-gradient(${m} 0 ${px(1.5)}, transparent ${px(1.5)}) 0 0 / ${px(TILE)} ${px(TILE)}, linear-gradient(90deg, ${m} 0 ${px(1.5)}, transparent ${px(1.5)}) 0 0 / ${px(TILE)} ${px(TILE)}, ${colour}`;
    default:
      return colour;
  }
}
