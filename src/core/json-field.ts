/**
 * Where a field that a config error names belongs in the pasted JSON text (src/ui/scale/scale-page.ts):
 * its value, or the closing brace of the object that lacks it; the field may be the outermost
 * object's own or nested one level down (Llama 4's text_config). The text is valid JSON (parsed first).
 */
import { locate, type JsonProblem } from './json-locate';

/** JSON's whitespace. */
const WS = new Set([' ', '\t', '\n', '\r']);

/**
 * In the object that opens at `from` (a "{"): the offset of `key`'s value among its own keys (the
 * last, the one JSON.parse keeps), or -1; and the offset of its closing brace, or -1 when unclosed.
 */
function scanObject(text: string, from: number, key: string): { value: number; close: number } {
  const n = text.length;
  let depth = 0;
  let found = -1;
  let i = from;
  while (i < n) {
    const c = text[i];
    if (c === '"') {
      const start = i;
      i++;
      while (i < n && text[i] !== '"') i += text[i] === '\\' ? 2 : 1;
      i++;
      if (depth !== 1) continue;
      let j = i;
      while (j < n && WS.has(text[j] as string)) j++;
      if (text[j] !== ':' || !sameKey(text.slice(start, i), key)) continue;
      j++;
      while (j < n && WS.has(text[j] as string)) j++;
      found = j;
      i = j;
      continue;
    }
    if (c === '{' || c === '[') depth++;
    else if (c === '}' || c === ']') {
      depth--;
      if (depth === 0) return { value: found, close: i };
    }
    i++;
  }
  return { value: found, close: -1 };
}

/** Whether a JSON string literal (quotes included) spells `key`. */
function sameKey(literal: string, key: string): boolean {
  try {
    return JSON.parse(literal) === key;
  } catch {
    return false;
  }
}

/**
 * Where a field an error names belongs in JSON text: its value when it is there (as locateKey), or
 * else the closing brace of the object that lacks it, so that a missing field has a line and column
 * too. The object is the outermost one, or the value of its key `within` (Llama 4's text_config).
 * Null when there is no such object.
 */
export function locateField(text: string, key: string, within: string | null = null): JsonProblem | null {
  let start = 0;
  while (start < text.length && WS.has(text[start] as string)) start++;
  if (text[start] !== '{') return null;
  if (within !== null) {
    const outer = scanObject(text, start, within);
    if (outer.value < 0 || text[outer.value] !== '{') return null;
    start = outer.value;
  }
  const { value, close } = scanObject(text, start, key);
  if (value >= 0) return locate(text, value);
  return close >= 0 ? locate(text, close) : null;
}
