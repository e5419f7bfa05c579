/**
 * Colour-blind-safe expert colours (Okabe & Ito, 2008). With more than eight experts the colours
 * repeat, so every view also prints the expert's number: colour is never the only signal.
 */
export const EXPERT_COLOURS = ['#E69F00', '#56B4E9', '#009E73', '#F0E442', '#0072B2', '#D55E00', '#CC79A7', '#7F7F7F'] as const;

export function expertColour(expert: number): string {
  return EXPERT_COLOURS[((expert % EXPERT_COLOURS.length) + EXPERT_COLOURS.length) % EXPERT_COLOURS.length] as string;
}

/** Dark or light text, whichever reads on the colour. */
export function textOn(colour: string): string {
  const n = parseInt(colour.slice(1), 16);
  const [r, g, b] = [(n >> 16) & 255, (n >> 8) & 255, n & 255];
  return 0.299 * r + 0.587 * g + 0.114 * b > 140 ? '#111' : '#fff';
}
