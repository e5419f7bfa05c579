/**
 * JSON parsing with a readable error position. Browsers and Node word JSON.parse errors
 * differently, and some give no position at all, so when JSON.parse fails a small scanner of the
 * JSON grammar (RFC 8259) finds the first error itself and says what was expected, with the line
 * and column (both from 1) and the line's text for a caret.
 */

import type { CodeOf } from './coded';

/** Where a problem is in the text. */
export interface JsonProblem {
  /** Offset in the text (UTF-16 units), line and column from 1. */
  offset: number;
  line: number;
  column: number;
  /** The line holding the error (cut to a window around it when long), and the caret's column in it. */
  excerpt: string;
  caret: number;
}

/** What the scanner expected where it found something else (the catalogue words each). */
export type JsonWhere = 'value' | 'propertyName' | 'colon' | 'digit' | 'fractionDigit' | 'exponentDigit';

/**
 * The syntax errors findJsonError reports, by code, with their arguments (see ./coded). `found` is
 * the character found (the message describes it: "x" in quotes, a line break, a single quote, or
 * a control character by its code point). 'json.engine' is the JSON engine's own words, when the
 * scanner finds nothing (it should not happen).
 */
export interface JsonMessages {
  'json.endsWhere': { where: JsonWhere };
  'json.comment': Record<string, never>;
  'json.unexpected': { found: string; where: JsonWhere };
  'json.singleQuoteString': Record<string, never>;
  'json.commaBeforeBrace': Record<string, never>;
  'json.singleQuoteName': Record<string, never>;
  'json.commaBeforeBracket': Record<string, never>;
  'json.endsInObject': Record<string, never>;
  'json.missingComma': Record<string, never>;
  'json.afterValueInObject': { found: string };
  'json.endsInList': Record<string, never>;
  'json.afterItem': { found: string };
  'json.unclosedString': Record<string, never>;
  'json.unicodeEscape': Record<string, never>;
  'json.badEscape': { escape: string };
  'json.stringPastLine': Record<string, never>;
  'json.controlInString': { found: string };
  'json.leadingZero': Record<string, never>;
  'json.empty': Record<string, never>;
  'json.afterEnd': { found: string };
  'json.engine': { text: string };
  'json.tooDeep': { max: number };
}
export type JsonCode = keyof JsonMessages;

/** A JSON problem: where, and its code and arguments (the ui words it). */
export type CodedJsonProblem = JsonProblem & CodeOf<JsonMessages>;

export type JsonResult = { ok: true; value: unknown } | { ok: false; problem: CodedJsonProblem };

/** The first syntax error: where, and its code and arguments. */
export type JsonError = { at: number } & CodeOf<JsonMessages>;

class Located extends Error {
  constructor(
    readonly at: number,
    readonly coded: CodeOf<JsonMessages>,
  ) {
    super(coded.code);
  }
}

/**
 * Deepest nesting of objects and lists read. A config.json nests a few levels; far deeper text is
 * refused with its line and column before JSON.parse, as walking such a value (JSON.stringify, a
 * comparison) would overflow the call stack.
 */
export const MAX_JSON_DEPTH = 100;

const WS = new Set([' ', '\t', '\n', '\r']);
/** JSON's whitespace (for json-field.ts). */
export const JSON_WS: ReadonlySet<string> = WS;
const ESCAPES = new Set(['"', '\\', '/', 'b', 'f', 'n', 'r', 't']);

/** The first syntax error in text, or null when it is valid JSON. */
export function findJsonError(text: string): JsonError | null {
  const n = text.length;
  let i = 0;
  const ws = (): void => {
    while (i < n && WS.has(text[i] as string)) i++;
  };
  const fail = <C extends JsonCode>(at: number, code: C, args: JsonMessages[C]): never => {
    throw new Located(at, { code, args } as CodeOf<JsonMessages>);
  };
  const unexpected = (where: JsonWhere): never => {
    if (i >= n) return fail(i, 'json.endsWhere', { where });
    const c = text[i] as string;
    if (c === '/' && (text[i + 1] === '/' || text[i + 1] === '*')) return fail(i, 'json.comment', {});
    return fail(i, 'json.unexpected', { found: c, where });
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
    if (c === "'") fail(i, 'json.singleQuoteString', {});
    unexpected('value');
  }

  /** A property name and its colon, at the start of an object member. */
  function member(): void {
    ws();
    if (text[i] !== '"') {
      if (text[i] === '}') fail(i, 'json.commaBeforeBrace', {});
      if (text[i] === "'") fail(i, 'json.singleQuoteName', {});
      unexpected('propertyName');
    }
    string();
    ws();
    if (text[i] !== ':') unexpected('colon');
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
            if (text[i] === ']') fail(i, 'json.commaBeforeBracket', {});
          }
          break;
        }
        if (text[i] === close) {
          i++;
          open.pop();
          continue;
        }
        const found = text[i] as string;
        if (close === '}') {
          if (i >= n) fail(i, 'json.endsInObject', {});
          if (found === '"') fail(i, 'json.missingComma', {});
          fail(i, 'json.afterValueInObject', { found });
        }
        if (i >= n) fail(i, 'json.endsInList', {});
        fail(i, 'json.afterItem', { found });
      }
    }
  }

  function string(): void {
    const start = i;
    i++; // opening quote
    for (;;) {
      if (i >= n) fail(start, 'json.unclosedString', {});
      const c = text[i] as string;
      if (c === '"') {
        i++;
        return;
      }
      if (c === '\\') {
        const e = text[i + 1];
        if (e === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) fail(i, 'json.unicodeEscape', {});
          i += 6;
        } else if (e !== undefined && ESCAPES.has(e)) i += 2;
        else fail(i, 'json.badEscape', { escape: e ?? '' });
        continue;
      }
      if (c.charCodeAt(0) < 0x20) {
        if (c === '\n' || c === '\r') fail(i, 'json.stringPastLine', {});
        fail(i, 'json.controlInString', { found: c });
      }
      i++;
    }
  }

  function digits(what: JsonWhere): void {
    const from = i;
    while (i < n && (text[i] as string) >= '0' && (text[i] as string) <= '9') i++;
    if (i === from) unexpected(what);
  }

  function number(): void {
    if (text[i] === '-') i++;
    if (text[i] === '0') {
      i++;
      if (text[i] !== undefined && (text[i] as string) >= '0' && (text[i] as string) <= '9') fail(i - 1, 'json.leadingZero', {});
    } else digits('digit');
    if (text[i] === '.') {
      i++;
      digits('fractionDigit');
    }
    if (text[i] === 'e' || text[i] === 'E') {
      i++;
      if (text[i] === '+' || text[i] === '-') i++;
      digits('exponentDigit');
    }
  }

  try {
    ws();
    if (i >= n) fail(i, 'json.empty', {});
    value();
    ws();
    const found = text[i] as string;
    if (i < n) fail(i, 'json.afterEnd', { found });
    return null;
  } catch (e) {
    if (e instanceof Located) return { at: e.at, ...e.coded };
    throw e;
  }
}

const WINDOW = 36;

/** Line, column (from 1) and an excerpt of the line for an offset in text. */
export function locate(text: string, offset: number): JsonProblem {
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

/** Where an object or list (outside strings) first opens deeper than MAX_JSON_DEPTH, or -1. */
function tooDeepAt(text: string): number {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"') {
      i++;
      while (i < text.length && text[i] !== '"') i += text[i] === '\\' ? 2 : 1;
    } else if (c === '{' || c === '[') {
      if (++depth > MAX_JSON_DEPTH) return i;
    } else if (c === '}' || c === ']') depth--;
  }
  return -1;
}

/** The problem at the scanner's first error. */
function located(text: string, found: JsonError): CodedJsonProblem {
  return { ...locate(text, found.at), code: found.code, args: found.args } as CodedJsonProblem;
}

/**
 * JSON.parse, with a located, plainly worded problem when it fails. Never throws. Text nested
 * deeper than MAX_JSON_DEPTH gives its first syntax error, or when it has none, where it is too deep.
 */
export function parseJson(text: string): JsonResult {
  const deep = tooDeepAt(text);
  if (deep >= 0) {
    const found = findJsonError(text);
    if (found) return { ok: false, problem: located(text, found) };
    return { ok: false, problem: { ...locate(text, deep), code: 'json.tooDeep', args: { max: MAX_JSON_DEPTH } } };
  }
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (e) {
    const found = findJsonError(text);
    if (found) return { ok: false, problem: located(text, found) };
    // The scanner should always agree with JSON.parse; if not, fall back to the engine's own words.
    const engine = e instanceof Error ? e.message : String(e);
    const pos = /position (\d+)/.exec(engine);
    return { ok: false, problem: { ...locate(text, pos ? Number(pos[1]) : 0), code: 'json.engine', args: { text: engine } } };
  }
}

/**
 * Line and column of a top-level key's value in JSON text, for pointing at a field an error names.
 * Only the outermost object's own keys count (not a "hidden_size" inside "vision_config"), and of a
 * key written twice the last one, the one JSON.parse keeps. Null when the key is not there.
 */
export function locateKey(text: string, key: string): JsonProblem | null {
  let start = 0;
  while (start < text.length && WS.has(text[start] as string)) start++;
  if (text[start] !== '{') return null;
  const { value } = scanObject(text, start, key);
  return value >= 0 ? locate(text, value) : null;
}

/**
 * In the object that opens at `from` (a "{"): the offset of `key`'s value among its own keys (the
 * last, the one JSON.parse keeps), or -1; and the offset of its closing brace, or -1 when unclosed.
 */
export function scanObject(text: string, from: number, key: string): { value: number; close: number } {
  const n = text.length;
  let depth = 0;
  let found = -1;
  let i = from;
  while (i < n) {
    const c = text[i];
    if (c === '"') {
      // A string: find its end, then whether it is one of this object's own keys (followed by ":").
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
