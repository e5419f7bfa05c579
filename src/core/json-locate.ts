/**
 * JSON parsing with a readable error position. Browsers and Node word JSON.parse errors
 * differently, and some give no position at all, so when JSON.parse fails a small scanner of the
 * JSON grammar (RFC 8259) finds the first error itself and says what was expected, with the line
 * and column (both from 1) and the line's text for a caret.
 */

export interface JsonProblem {
  message: string;
  /** Offset in the text (UTF-16 units), line and column from 1. */
  offset: number;
  line: number;
  column: number;
  /** The line holding the error (cut to a window around it when long), and the caret's column in it. */
  excerpt: string;
  caret: number;
}

export type JsonResult = { ok: true; value: unknown } | { ok: false; problem: JsonProblem };

class Located extends Error {
  constructor(
    readonly at: number,
    readonly reason: string,
  ) {
    super(reason);
  }
}

const WS = new Set([' ', '\t', '\n', '\r']);
const ESCAPES = new Set(['"', '\\', '/', 'b', 'f', 'n', 'r', 't']);

function shown(c: string): string {
  if (c === '\n') return 'a line break';
  if (c === "'") return "a single quote (')";
  const code = c.charCodeAt(0);
  if (code < 0x20 || code === 0x7f) return `the control character U+${code.toString(16).padStart(4, '0').toUpperCase()}`;
  return `"${c}"`;
}

/** The first syntax error in text, or null when it is valid JSON. */
export function findJsonError(text: string): { at: number; reason: string } | null {
  const n = text.length;
  let i = 0;
  const ws = (): void => {
    while (i < n && WS.has(text[i] as string)) i++;
  };
  const fail = (at: number, reason: string): never => {
    throw new Located(at, reason);
  };
  const unexpected = (where: string): never => {
    if (i >= n) return fail(i, `the text ends where ${where} should be`);
    const c = text[i] as string;
    if (c === '/' && (text[i + 1] === '/' || text[i + 1] === '*')) return fail(i, 'JSON does not allow comments');
    return fail(i, `unexpected ${shown(c)} where ${where} should be`);
  };

  /** A string, number or literal (the caller has skipped white space). */
  function scalar(): void {
    const c = text[i];
    if (c === '"') return string();
    if (c === '-' || (c !== undefined && c >= '0' && c <= '9')) return number();
    for (const word of ['true', 'false', 'null']) {
      if (text.startsWith(word, i)) {
        i += word.length;
        return;
      }
    }
    if (c === "'") fail(i, 'JSON strings need double quotes ("), not single quotes');
    unexpected('a value');
  }

  /** A property name and its colon, at the start of an object member. */
  function member(): void {
    ws();
    if (text[i] !== '"') {
      if (text[i] === '}') fail(i, 'a comma cannot come just before "}"');
      if (text[i] === "'") fail(i, 'property names need double quotes ("), not single quotes');
      unexpected('a property name in double quotes');
    }
    string();
    ws();
    if (text[i] !== ':') unexpected('":" after the property name');
    i++;
  }

  /**
   * One value, however deeply nested: an explicit stack of the open objects and lists (their
   * closing marks) instead of recursion, so that 100,000 "[" cannot overflow the call stack.
   */
  function value(): void {
    const open: ('}' | ']')[] = [];
    for (;;) {
      ws();
      const c = text[i];
      if (c === '{' || c === '[') {
        const close = c === '{' ? '}' : ']';
        i++;
        ws();
        if (text[i] === close) i++;
        else {
          open.push(close);
          if (close === '}') member();
          continue; // to the first member's value or the first item
        }
      } else scalar();
      // A value is complete: close what it completes, then go on to the next value.
      for (;;) {
        const close = open[open.length - 1];
        if (close === undefined) return;
        ws();
        if (text[i] === ',') {
          i++;
          if (close === '}') member();
          else {
            ws();
            if (text[i] === ']') fail(i, 'a comma cannot come just before "]"');
          }
          break;
        }
        if (text[i] === close) {
          i++;
          open.pop();
          continue;
        }
        if (close === '}') {
          if (i >= n) fail(i, 'the text ends inside an object: expected "," or "}"');
          fail(i, text[i] === '"' ? 'expected "," between two properties (a comma is missing)' : `expected "," or "}" after a property value, found ${shown(text[i] as string)}`);
        }
        if (i >= n) fail(i, 'the text ends inside a list: expected "," or "]"');
        fail(i, `expected "," or "]" after a list item, found ${shown(text[i] as string)}`);
      }
    }
  }

  function string(): void {
    const start = i;
    i++; // opening quote
    for (;;) {
      if (i >= n) fail(start, 'this string is never closed (a closing " is missing)');
      const c = text[i] as string;
      if (c === '"') {
        i++;
        return;
      }
      if (c === '\\') {
        const e = text[i + 1];
        if (e === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) fail(i, 'a \\u escape needs four hexadecimal digits');
          i += 6;
        } else if (e !== undefined && ESCAPES.has(e)) i += 2;
        else fail(i, `"\\${e ?? ''}" is not a JSON escape`);
        continue;
      }
      if (c.charCodeAt(0) < 0x20) {
        fail(i, c === '\n' || c === '\r' ? 'a string cannot run past the end of its line (a closing " is missing)' : `${shown(c)} cannot appear inside a string`);
      }
      i++;
    }
  }

  function digits(what: string): void {
    const from = i;
    while (i < n && (text[i] as string) >= '0' && (text[i] as string) <= '9') i++;
    if (i === from) unexpected(what);
  }

  function number(): void {
    if (text[i] === '-') i++;
    if (text[i] === '0') {
      i++;
      if (text[i] !== undefined && (text[i] as string) >= '0' && (text[i] as string) <= '9') fail(i - 1, 'numbers cannot start with 0 (leading zeros are not allowed)');
    } else digits('a digit');
    if (text[i] === '.') {
      i++;
      digits('a digit after the decimal point');
    }
    if (text[i] === 'e' || text[i] === 'E') {
      i++;
      if (text[i] === '+' || text[i] === '-') i++;
      digits('a digit in the exponent');
    }
  }

  try {
    ws();
    if (i >= n) fail(i, 'the text is empty');
    value();
    ws();
    if (i < n) fail(i, `unexpected ${shown(text[i] as string)} after the end of the JSON (one value only)`);
    return null;
  } catch (e) {
    if (e instanceof Located) return { at: e.at, reason: e.reason };
    throw e;
  }
}

const WINDOW = 36;

/** Line, column (from 1) and an excerpt of the line for an offset in text. */
export function locate(text: string, offset: number): Omit<JsonProblem, 'message'> {
  const at = Math.max(0, Math.min(offset, text.length));
  const lineStart = text.lastIndexOf('\n', at - 1) + 1;
  let lineEnd = text.indexOf('\n', at);
  if (lineEnd < 0) lineEnd = text.length;
  let lineText = text.slice(lineStart, lineEnd).replace(/\r$/, '');
  const line = text.slice(0, lineStart).split('\n').length;
  const column = at - lineStart + 1;
  // A caret just past a line's "\r" (an error at the very end of the text) sits at the line's end.
  let caret = Math.min(column - 1, lineText.length);
  if (lineText.length > 2 * WINDOW) {
    const from = Math.max(0, caret - WINDOW);
    const to = Math.min(lineText.length, caret + WINDOW);
    lineText = `${from > 0 ? '…' : ''}${lineText.slice(from, to)}${to < lineText.length ? '…' : ''}`;
    caret = caret - from + (from > 0 ? 1 : 0);
  }
  return { offset: at, line, column, excerpt: lineText.replace(/\t/g, ' '), caret };
}

/** JSON.parse, with a located, plainly worded problem when it fails. Never throws. */
export function parseJson(text: string): JsonResult {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (e) {
    const found = findJsonError(text);
    if (found) return { ok: false, problem: { message: found.reason, ...locate(text, found.at) } };
    // The scanner should always agree with JSON.parse; if not, fall back to the engine's own words.
    const message = e instanceof Error ? e.message : String(e);
    const pos = /position (\d+)/.exec(message);
    return { ok: false, problem: { message, ...locate(text, pos ? Number(pos[1]) : 0) } };
  }
}

/**
 * Line and column of a top-level key's value in JSON text, for pointing at a field an error names.
 * Only the outermost object's own keys count (not a "hidden_size" inside "vision_config"), and of a
 * key written twice the last one, the one JSON.parse keeps. Null when the key is not there.
 */
export function locateKey(text: string, key: string): Omit<JsonProblem, 'message'> | null {
  const n = text.length;
  let depth = 0;
  let found = -1;
  let i = 0;
  while (i < n) {
    const c = text[i];
    if (c === '"') {
      // A string: find its end, then whether it is a key of the outermost object (followed by ":").
      const start = i;
      i++;
      while (i < n && text[i] !== '"') i += text[i] === '\\' ? 2 : 1;
      i++;
      if (depth !== 1) continue;
      let j = i;
      while (j < n && WS.has(text[j] as string)) j++;
      if (text[j] !== ':') continue;
      let name: unknown;
      try {
        name = JSON.parse(text.slice(start, i));
      } catch {
        continue;
      }
      if (name !== key) continue;
      j++;
      while (j < n && WS.has(text[j] as string)) j++;
      found = j;
      i = j;
      continue;
    }
    if (c === '{' || c === '[') depth++;
    else if (c === '}' || c === ']') depth--;
    i++;
  }
  return found >= 0 ? locate(text, found) : null;
}
