/** Number formatting shared by the views. */
const whole = new Intl.NumberFormat('en', { maximumFractionDigits: 0 });

export function formatCount(n: number): string {
  return whole.format(n);
}

export function formatPercent(fraction: number, digits = 1): string {
  return `${(fraction * 100).toFixed(digits)}%`;
}

export function formatWeight(w: number): string {
  return w.toFixed(2);
}

/** A ratio such as "6.02" (as in "6.02× fewer"). */
export function formatRatio(r: number, digits = 2): string {
  return r.toFixed(digits);
}

/** A signed change: "+6,144", "−6,144" (a true minus sign), "0". */
export function formatSigned(n: number): string {
  if (n === 0) return '0';
  return `${n > 0 ? '+' : '\u2212'}${whole.format(Math.abs(n))}`;
}

/**
 * A text's width in Latin-character units, for deciding whether a label fits: a CJK character
 * (Chinese text and full-width punctuation) is about as wide as 1.6 Latin characters.
 */
export function textUnits(text: string): number {
  let units = 0;
  for (const ch of text) units += (ch.codePointAt(0) ?? 0) >= 0x2e80 ? 1.6 : 1;
  return units;
}
