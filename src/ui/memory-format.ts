/** Number formats of the compressed-memory page. */

/** A share as a percentage: 0.175 → "17.5%". */
export function percent(v: number, digits = 1): string {
  return `${(v * 100).toFixed(digits)}%`;
}

/** "57×", "4×", "2.3×": one decimal below 10, none when it is .0. */
export function ratioText(r: number): string {
  const rounded = r < 10 ? Math.round(r * 10) / 10 : Math.round(r);
  return `${rounded}×`;
}
