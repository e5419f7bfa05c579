/** Number formats of the compressed-memory page. */
import { formatBytes } from '../../core/kv-cache';

import { memoryWords } from '../i18n/memory';

/** A share as a percentage: 0.175 → "17.5%". */
export function percent(v: number, digits = 1): string {
  return `${(v * 100).toFixed(digits)}%`;
}

/** "57×", "4×", "2.3×": one decimal below 10, none when it is .0. */
export function ratioText(r: number): string {
  const rounded = r < 10 ? Math.round(r * 10) / 10 : Math.round(r);
  return `${rounded}×`;
}

/** Bytes in binary units ("8.58 GiB"); a count under 1 KiB says "bytes" in the page's language. */
export function bytesText(bytes: number): string {
  const text = formatBytes(bytes);
  const small = /^(\S+) bytes?$/.exec(text);
  return small ? memoryWords().calc.bytes(small[1] as string, small[1] === '1') : text;
}
