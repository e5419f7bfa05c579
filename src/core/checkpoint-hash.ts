/**
 * The checksums of a checkpoint (./checkpoint): the binary's CRC-32 and the vocabulary's hash.
 */

let crcTable: Uint32Array | null = null;

/** CRC-32 (IEEE, as zlib and PNG), as an unsigned 32-bit number. */
export function crc32(bytes: Uint8Array): number {
  if (!crcTable) {
    crcTable = new Uint32Array(256);
    for (let i = 0; i < 256; i++) {
      let c = i;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      crcTable[i] = c >>> 0;
    }
  }
  const table = crcTable;
  let crc = 0xffffffff;
  for (let i = 0; i < bytes.length; i++) crc = (table[(crc ^ (bytes[i] as number)) & 0xff] as number) ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

/** x as 8 lower-case hex digits. */
export const hex8 = (x: number): string => (x >>> 0).toString(16).padStart(8, '0');

/** The UTF-8 bytes of text (lone surrogates as U+FFFD, as TextEncoder does). */
function utf8(text: string): number[] {
  const out: number[] = [];
  for (const ch of text) {
    let cp = ch.codePointAt(0) as number;
    if (cp >= 0xd800 && cp <= 0xdfff) cp = 0xfffd;
    if (cp < 0x80) out.push(cp);
    else if (cp < 0x800) out.push(0xc0 | (cp >> 6), 0x80 | (cp & 63));
    else if (cp < 0x10000) out.push(0xe0 | (cp >> 12), 0x80 | ((cp >> 6) & 63), 0x80 | (cp & 63));
    else out.push(0xf0 | (cp >> 18), 0x80 | ((cp >> 12) & 63), 0x80 | ((cp >> 6) & 63), 0x80 | (cp & 63));
  }
  return out;
}

/**
 * A hash of a vocabulary in its row order: 64-bit FNV-1a over the UTF-8 bytes of the words joined
 * by "\n", as 16 lower-case hex digits. Pure and deterministic.
 */
export function vocabHash(words: readonly string[]): string {
  // The 64-bit state as two unsigned 32-bit halves; the prime is 2^40 + 0x1b3.
  let hi = 0xcbf29ce4;
  let lo = 0x84222325;
  for (const byte of utf8(words.join('\n'))) {
    lo = (lo ^ byte) >>> 0;
    const low = lo * 0x1b3;
    const carry = Math.floor(low / 0x100000000);
    hi = (hi * 0x1b3 + carry + ((lo << 8) >>> 0)) >>> 0;
    lo = low >>> 0;
  }
  return hex8(hi) + hex8(lo);
}
