/**
 * The experts' colours. Eight hues, none grey (grey means idle), all of medium luminance (WCAG
 * relative luminance 0.16 to 0.25), so each reads at 3.3:1 or better on both themes' page and surface
 * backgrounds (#f6f6f3, #fff, #121212, #1e1e1e) and sits far from the idle greys (tested in
 * tests/ui/shared/palette.test.ts). The hues were chosen, and ordered, for the largest smallest
 * difference between any two of them (OKLab) for normal vision and under simulated protanopia,
 * deuteranopia and tritanopia (Machado et al. 2009): they alternate a darker and a lighter
 * luminance, the one cue every colour vision keeps.
 *
 * With more than eight experts the colours repeat, each round with its own pattern (expertPattern:
 * solid, stripes, dots, grid), so 32 experts have 32 different looks; beyond 32 the printed expert
 * number is what tells two experts apart. Every view prints the number: colour is never the only signal.
 */
export const EXPERT_COLOURS = ['#3a62f0', '#be4b14', '#00968c', '#b47d00', '#9673e1', '#198250', '#b93caf', '#f52d73'] as const;

/** Each round of eight experts has its own pattern over the colour: experts 0–7 solid, 8–15 stripes, 16–23 dots, 24–31 grid, 32–39 solid again. */
export const EXPERT_PATTERNS = ['solid', 'stripes', 'dots', 'grid'] as const;
export type ExpertPattern = (typeof EXPERT_PATTERNS)[number];
/** Experts with a look (colour × pattern) of their own; above this, looks repeat and the number tells them apart. */
export const DISTINCT_LOOKS = EXPERT_COLOURS.length * EXPERT_PATTERNS.length;

/**
 * The marks of a pattern over an expert colour: black over colours that carry white text, white
 * over colours that carry black text, so the marks only ever raise the text's contrast (textOn).
 * `colour` and `opacity` for SVG (fill and fill-opacity, valid in any SVG reader), `css` for HTML.
 */
export const PATTERN_MARKS = {
  dark: { colour: '#000', opacity: 0.4, css: 'rgb(0 0 0 / 0.4)' },
  light: { colour: '#fff', opacity: 0.55, css: 'rgb(255 255 255 / 0.55)' },
} as const;
export type PatternMark = (typeof PATTERN_MARKS)[keyof typeof PATTERN_MARKS];

/**
 * The lessons' and charts' fixed series colours (Okabe & Ito, 2008, and a grey for parts that are
 * not experts): the theme's orange, sky-blue, green, yellow, vermillion, pink and data-grey tokens
 * and the loss and error charts' lines. Not the experts' colours (EXPERT_COLOURS).
 */
export const SERIES_COLOURS = ['#E69F00', '#56B4E9', '#009E73', '#F0E442', '#0072B2', '#D55E00', '#CC79A7', '#7F7F7F'] as const;

/** The shared experts' colour (they run for every token): a near-black that no routed expert has. */
export const SHARED_COLOUR = '#2f2f2f';
/** A token chip's colour before its token is routed (grey means idle). */
export const NO_EXPERT_COLOUR = '#ddd';
/** The dark end of the specialisation map's single-hue scale (ColorBrewer Blues). */
export const HEAT_COLOUR = '#08519c';

/**
 * The exported picture's own colours (src/ui/simulator/picture-*.ts): it is always drawn light, on
 * white paper, whatever the page's theme; the experts in EXPERT_COLOURS, the shared ones in SHARED_COLOUR.
 */
export const PICTURE_COLOURS = {
  ink: '#111',
  muted: '#444',
  outline: '#000',
  paper: '#fff',
  idleFill: '#eceff1',
  idleStroke: '#9aa0a6',
  drop: '#b3261e',
  meter: '#0072b2',
  meterTrack: '#e4e4e4',
  noExpert: '#dddddd',
  chipEdge: '#666',
  scoreIdle: '#b8bec4',
} as const;

/** Thin lines between rows of a heat map, over its colours (the same in both themes). */
export const HEAT_SEPARATOR = 'rgba(0,0,0,0.12)';

/** Black, not near-black: black or white then always reaches 4.5:1 (at worst √21 ≈ 4.58). */
const DARK = '#000';
const LIGHT = '#fff';

const wrap = (n: number, size: number): number => ((n % size) + size) % size;

/** Expert `expert`'s colour (the colours repeat every eight experts; see expertPattern). */
export function expertColour(expert: number): string {
  return EXPERT_COLOURS[wrap(Math.floor(expert), EXPERT_COLOURS.length)] as string;
}

/** Expert `expert`'s pattern: the round of eight it is in, modulo the four patterns. */
export function expertPattern(expert: number): ExpertPattern {
  return EXPERT_PATTERNS[wrap(Math.floor(expert / EXPERT_COLOURS.length), EXPERT_PATTERNS.length)] as ExpertPattern;
}

/** The pattern marks that go over `colour`: away from its text colour, so text on it stays as legible. */
export function markOn(colour: string): PatternMark {
  return textOn(colour) === LIGHT ? PATTERN_MARKS.dark : PATTERN_MARKS.light;
}

function channels(colour: string): [number, number, number] {
  const hex = colour.slice(1);
  const full = hex.length === 3 ? [...hex].map((c) => c + c).join('') : hex;
  const n = parseInt(full, 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}

/** WCAG 2 relative luminance of a #rgb or #rrggbb colour. */
export function luminance(colour: string): number {
  const [r, g, b] = channels(colour).map((c) => {
    const s = c / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** WCAG 2 contrast ratio of two colours (1 to 21). */
export function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

/** Black or white text, whichever has the higher contrast on the colour: at least 4.58:1 on any colour. */
export function textOn(colour: string): string {
  return contrast(DARK, colour) >= contrast(LIGHT, colour) ? DARK : LIGHT;
}

/**
 * `colour` at `percent`% over white, as #rrggbb: the same colour as CSS
 * `color-mix(in srgb, colour percent%, #fff)`, but known here, so the text on it can be chosen.
 */
export function tint(colour: string, percent: number): string {
  const t = Math.max(0, Math.min(100, percent)) / 100;
  return `#${channels(colour)
    .map((c) =>
      Math.round(255 + (c - 255) * t)
        .toString(16)
        .padStart(2, '0'),
    )
    .join('')}`;
}
