/**
 * The exported picture's text, without a DOM: XML escaping, a width estimate, clipping and word wrap
 * (between words, and between CJK characters), and the numbers as the page writes them.
 */

/**
 * Text made safe for XML: the five special characters escaped, and what XML 1.0 cannot hold at all
 * (control characters other than tab and line breaks, lone surrogates, U+FFFE/U+FFFF) removed.
 */
export function escapeXml(text: string): string {
  let clean = '';
  for (const ch of text) if (xmlChar(ch.codePointAt(0) as number)) clean += ch;
  return clean.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');
}

/** Whether XML 1.0 can hold the code point (iterating a string by code point leaves lone surrogates as themselves). */
function xmlChar(c: number): boolean {
  if (c < 0x20) return c === 0x09 || c === 0x0a || c === 0x0d;
  if (c >= 0xd800 && c <= 0xdfff) return false;
  return c !== 0xfffe && c !== 0xffff;
}

/** Same as the page's formatCount / formatPercent / formatWeight (src/ui/shared/format.ts), always in English digits. */
const whole = new Intl.NumberFormat('en', { maximumFractionDigits: 0 });
export const count = (n: number): string => whole.format(n);
export const percent = (f: number): string => `${(f * 100).toFixed(1)}%`;
export const weight = (w: number): string => w.toFixed(2);

/** Rough text width without a DOM: average glyph widths of a sans-serif face (a CJK character is a full em, about two Latin letters). */
export function textWidth(text: string, size: number, bold = false): number {
  let em = 0;
  for (const ch of text)
    em += /[✕▲…—“”\u{1F000}-\u{1FFFF}\u{2E80}-\u{FFEF}]/u.test(ch) ? 1 : /[ilj.,:;'!|]/.test(ch) ? 0.3 : bold ? 0.64 : 0.58;
  return em * size;
}

/** At most `max` characters (code points, so emoji stay whole), with "…" when cut. */
export function clip(text: string, max: number): string {
  const chars = [...text];
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join('')}…`;
}

/** Whether a line may break after `a` and before `b` inside a word: beside a CJK character, except before closing and after opening punctuation. */
function breaksBetween(a: string, b: string): boolean {
  const cjk = (ch: string): boolean => (ch.codePointAt(0) ?? 0) >= 0x2e80;
  return (cjk(a) || cjk(b)) && !'，。、；：！？）」』》”’…'.includes(b) && !'（「『《“‘'.includes(a);
}

/** The pieces a line may break between: the words, and within a word the places beside CJK characters (Chinese has no spaces). */
function pieces(s: string): { piece: string; space: boolean }[] {
  const out: { piece: string; space: boolean }[] = [];
  for (const word of s.split(' ')) {
    let cur = '';
    let first = true;
    let prev = '';
    for (const ch of word) {
      if (cur && breaksBetween(prev, ch)) {
        out.push({ piece: cur, space: first });
        first = false;
        cur = '';
      }
      cur += ch;
      prev = ch;
    }
    out.push({ piece: cur, space: first });
  }
  return out;
}

/** Greedy word wrap by estimated width (between words, and between CJK characters). */
export function wrap(s: string, width: number, size: number, bold = false): string[] {
  const lines: string[] = [];
  let cur = '';
  for (const { piece, space } of pieces(s)) {
    const next = cur ? `${cur}${space ? ' ' : ''}${piece}` : piece;
    if (cur && textWidth(next, size, bold) > width) {
      lines.push(cur);
      cur = piece;
    } else cur = next;
  }
  if (cur) lines.push(cur);
  return lines;
}
