/** Number formatting for the real-scale page: "671.0B" with the exact count kept for titles. */

import { scaleWords } from '../i18n/scale';

const grouped = new Intl.NumberFormat('en', { maximumFractionDigits: 0 });

const UNITS: [number, string][] = [
  [1e12, 'T'],
  [1e9, 'B'],
  [1e6, 'M'],
  [1e3, 'K'],
];

/** 671026419200 → "671.0B"; 12544 → "12.5K"; 999 → "999". */
export function formatScale(n: number, digits = 1): string {
  const a = Math.abs(n);
  if (a < 1000) return grouped.format(n);
  let i = UNITS.findIndex(([size]) => a >= size);
  // 999.96B rounds to "1000.0B": show "1.0T" instead.
  if (i > 0 && Number((a / (UNITS[i] as [number, string])[0]).toFixed(digits)) >= 1000) i--;
  const [size, unit] = UNITS[i] as [number, string];
  return `${(n / size).toFixed(digits)}${unit}`;
}

/** 671026419200 → "671,026,419,200". */
export function formatExact(n: number): string {
  return grouped.format(n);
}

/** Words for screen readers and titles, in the page's language: "671.0 billion" (6710.3 亿). */
export function formatWords(n: number, digits = 1): string {
  const a = Math.abs(n);
  for (const [size, unit] of scaleWords().format.bigUnits) if (a >= size) return `${(n / size).toFixed(digits)} ${unit}`;
  return grouped.format(n);
}

const SUPERSCRIPT = '⁰¹²³⁴⁵⁶⁷⁸⁹';

/** 3.25e24 → "3.25 × 10²⁴". */
export function formatPower(n: number, digits = 2): string {
  if (n === 0) return '0';
  const exp = Math.floor(Math.log10(Math.abs(n)));
  let mant = n / 10 ** exp;
  let e = exp;
  if (Number(mant.toFixed(digits)) >= 10) {
    mant /= 10;
    e += 1;
  }
  const sup = String(e)
    .split('')
    .map((c) => (c === '-' ? '⁻' : SUPERSCRIPT[Number(c)]))
    .join('');
  return `${mant.toFixed(digits)} × 10${sup}`;
}

/** 5576000 → "$5.58M"; 102.2e6 → "$102.2M"; 52000 → "$52,000". */
export function formatDollars(n: number): string {
  if (Math.abs(n) >= 1e9) return `$${(n / 1e9).toFixed(2)}B`;
  if (Math.abs(n) >= 1e8) return `$${(n / 1e6).toFixed(1)}M`;
  if (Math.abs(n) >= 1e6) return `$${(n / 1e6).toFixed(2)}M`;
  if (Math.abs(n) < 1000) return `$${n.toFixed(2)}`;
  return `$${grouped.format(n)}`;
}

/** 2788000 → "2.788M"; 51.05e6 → "51.05M"; 3100 → "3,100". */
export function formatHours(n: number): string {
  if (Math.abs(n) >= 1e8) return `${(n / 1e6).toFixed(1)}M`;
  if (Math.abs(n) >= 1e7) return `${(n / 1e6).toFixed(2)}M`;
  if (Math.abs(n) >= 1e6) return `${(n / 1e6).toFixed(3)}M`;
  if (Math.abs(n) < 100) return n.toFixed(1);
  return grouped.format(n);
}

/** 56.7 → "56.7 days"; 1039 → "1,039 days (2.8 years)" (in the page's language). */
export function formatDays(days: number): string {
  const m = scaleWords().format;
  if (days >= 365) return m.daysYears(grouped.format(days), (days / 365.25).toFixed(1));
  if (days >= 100) return m.days(grouped.format(days));
  if (days >= 1) return m.days(days.toFixed(1));
  const minutes = days * 24 * 60;
  if (minutes >= 60) return m.hours((minutes / 60).toFixed(1));
  if (minutes >= 1) return m.minutes(Math.round(minutes));
  return m.underMinute;
}

/** A model's name in the page's language: the toy's is worded here, a real model's is its own. */
export function modelName(m: { kind: string; name: string }): string {
  return m.kind === 'toy' ? scaleWords().page.toyName : m.name;
}

/** A model's name inside a sentence ("your toy model", "DeepSeek-V3"), in the page's language. */
export function modelInSentence(m: { kind: string; inSentence: string }): string {
  return m.kind === 'toy' ? scaleWords().page.toyInSentence : m.inSentence;
}
