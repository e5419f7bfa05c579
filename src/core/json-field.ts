/**
 * Where a field that a config error names belongs in the pasted JSON text (src/ui/scale/scale-page.ts):
 * its value, or the closing brace of the object that lacks it; the field may be the outermost
 * object's own or nested one level down (Llama 4's text_config). The text is valid JSON (parsed first).
 */
import { JSON_WS as WS, locate, scanObject, type JsonProblem } from './json-locate';

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
