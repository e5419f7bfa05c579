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
