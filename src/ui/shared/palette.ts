/**
 * Colour-blind-safe expert colours (Okabe & Ito, 2008). With more than eight experts the colours
 * repeat, so every view also prints the expert's number: colour is never the only signal.
 */
export const EXPERT_COLOURS = ['#E69F00', '#56B4E9', '#009E73', '#F0E442', '#0072B2', '#D55E00', '#CC79A7', '#7F7F7F'] as const;

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

export function expertColour(expert: number): string {
  return EXPERT_COLOURS[((expert % EXPERT_COLOURS.length) + EXPERT_COLOURS.length) % EXPERT_COLOURS.length] as string;
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
