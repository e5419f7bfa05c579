import { describe, expect, it } from 'vitest';
import { findJsonError, locate, locateKey, parseJson } from '../../src/core/json-locate';
import { presetById, presetText } from '../../src/core/presets';
import { Rng } from '../../src/core/rng';
import { en } from '../words';

function problem(text: string) {
  const r = parseJson(text);
  if (r.ok) throw new Error(`expected an error for ${JSON.stringify(text)}`);
  return r.problem;
}

describe('parseJson', () => {
  it('parses valid JSON', () => {
    expect(parseJson('{"a": [1, 2.5e3, -0.1, true, null, "x\\u00e9\\n"]}')).toEqual({
      ok: true,
      value: { a: [1, 2500, -0.1, true, null, 'xé\n'] },
    });
    expect(parseJson(presetText(presetById('deepseek-v3')!))).toEqual({ ok: true, value: presetById('deepseek-v3')!.config });
  });

  /** Text, line, column, the problem's code and arguments, and words of its English (the catalogue's, src/ui/i18n/problems.ts). */
  const cases: [string, number, number, string, object, string][] = [
    ['{\n  "a": 1\n  "b": 2\n}', 3, 3, 'json.missingComma', {}, 'expected "," between two properties (a comma is missing)'],
    ['{"a": 1,}', 1, 9, 'json.commaBeforeBrace', {}, 'a comma cannot come just before "}"'],
    ['[1, 2,]', 1, 7, 'json.commaBeforeBracket', {}, 'a comma cannot come just before "]"'],
    ["{'a': 1}", 1, 2, 'json.singleQuoteName', {}, 'property names need double quotes'],
    [
      '{a: 1}',
      1,
      2,
      'json.unexpected',
      { found: 'a', where: 'propertyName' },
      'unexpected "a" where a property name in double quotes should be',
    ],
    ['{"a": \'x\'}', 1, 7, 'json.singleQuoteString', {}, 'JSON strings need double quotes'],
    ['{"a": tru}', 1, 7, 'json.unexpected', { found: 't', where: 'value' }, 'unexpected "t" where a value should be'],
    ['{"a": NaN}', 1, 7, 'json.unexpected', { found: 'N', where: 'value' }, 'unexpected "N" where a value should be'],
    ['{"a": 01}', 1, 7, 'json.leadingZero', {}, 'numbers cannot start with 0'],
    [
      '{"a": 1.}',
      1,
      9,
      'json.unexpected',
      { found: '}', where: 'fractionDigit' },
      'unexpected "}" where a digit after the decimal point should be',
    ],
    ['{"a": 1e}', 1, 9, 'json.unexpected', { found: '}', where: 'exponentDigit' }, 'a digit in the exponent'],
    ['{"a": -}', 1, 8, 'json.unexpected', { found: '}', where: 'digit' }, 'unexpected "}" where a digit should be'],
    ['{"a": "x\n"}', 1, 9, 'json.stringPastLine', {}, 'a string cannot run past the end of its line'],
    ['{"a": "x\\q"}', 1, 9, 'json.badEscape', { escape: 'q' }, '"\\q" is not a JSON escape'],
    ['{"a": "\\u12"}', 1, 8, 'json.unicodeEscape', {}, 'a \\u escape needs four hexadecimal digits'],
    ['{"a": "x\t"}', 1, 9, 'json.controlInString', { found: '\t' }, 'the control character U+0009 cannot appear inside a string'],
    ['{"a": 1', 1, 8, 'json.endsInObject', {}, 'the text ends inside an object: expected "," or "}"'],
    ['[1, 2', 1, 6, 'json.endsInList', {}, 'the text ends inside a list'],
    ['{"a": ', 1, 7, 'json.endsWhere', { where: 'value' }, 'the text ends where a value should be'],
    ['{"a" 1}', 1, 6, 'json.unexpected', { found: '1', where: 'colon' }, 'unexpected "1" where ":" after the property name should be'],
    ['[1 2]', 1, 4, 'json.afterItem', { found: '2' }, 'expected "," or "]" after a list item, found "2"'],
    ['{"a": 1 "b"}', 1, 9, 'json.missingComma', {}, 'a comma is missing'],
    ['{"a": 1} x', 1, 10, 'json.afterEnd', { found: 'x' }, 'unexpected "x" after the end of the JSON (one value only)'],
    ['// comment\n{}', 1, 1, 'json.comment', {}, 'JSON does not allow comments'],
    ['{"a": 1, /* c */ "b": 2}', 1, 10, 'json.comment', {}, 'JSON does not allow comments'],
    ['   ', 1, 4, 'json.empty', {}, 'the text is empty'],
    ['', 1, 1, 'json.empty', {}, 'the text is empty'],
    ['{\r\n"a": 1\r\n"b": 2}', 3, 1, 'json.missingComma', {}, 'a comma is missing'],
    ['{"a": "unclosed', 1, 7, 'json.unclosedString', {}, 'this string is never closed'],
  ];
  for (const [text, line, column, code, args, words] of cases) {
    it(`${JSON.stringify(text)} → line ${line}, column ${column}`, () => {
      const p = problem(text);
      expect({ code: p.code, args: p.args }).toEqual({ code, args });
      expect(en(p)).toContain(words);
      expect([p.line, p.column]).toEqual([line, column]);
    });
  }

  it('points at the error with a caret in a window of a long (minified) line', () => {
    const minified = JSON.stringify(presetById('deepseek-v3')!.config);
    const at = minified.indexOf('"n_group"');
    const broken = `${minified.slice(0, at - 1)}${minified.slice(at)}`; // the comma before "n_group" removed
    const p = problem(broken);
    expect(p.line).toBe(1);
    expect(p.column).toBe(at);
    expect(p.excerpt.length).toBeLessThan(80);
    expect(p.excerpt.startsWith('…')).toBe(true);
    expect(p.excerpt.endsWith('…')).toBe(true);
    expect(p.excerpt.slice(p.caret, p.caret + 9)).toBe('"n_group"');
  });

  it('the caret points at the offending character on an ordinary line', () => {
    const p = problem('{\n  "hidden_size": 7168\n  "vocab_size": 10\n}');
    expect(p.excerpt).toBe('  "vocab_size": 10');
    expect(p.excerpt[p.caret]).toBe('"');
  });
});

describe('findJsonError agrees with JSON.parse on thousands of broken configs', () => {
  it('valid iff JSON.parse accepts; the position is inside the text', () => {
    const base = presetText(presetById('deepseek-v3')!);
    const rng = new Rng(42);
    const alphabet = '{}[]":,.-+eE0123456789 \n\tabtrue\\/\'';
    let broken = 0;
    for (let n = 0; n < 3000; n++) {
      let t = base;
      const edits = 1 + Math.floor(rng.next() * 3);
      for (let k = 0; k < edits; k++) {
        const at = Math.floor(rng.next() * t.length);
        const c = alphabet[Math.floor(rng.next() * alphabet.length)]!;
        const op = rng.next();
        t =
          op < 0.4 ? t.slice(0, at) + t.slice(at + 1) : op < 0.7 ? t.slice(0, at) + c + t.slice(at) : t.slice(0, at) + c + t.slice(at + 1);
      }
      let valid = true;
      try {
        JSON.parse(t);
      } catch {
        valid = false;
      }
      const found = findJsonError(t);
      expect(found === null, t).toBe(valid);
      if (found) {
        broken++;
        expect(found.at).toBeGreaterThanOrEqual(0);
        expect(found.at).toBeLessThanOrEqual(t.length);
      }
    }
    expect(broken).toBeGreaterThan(1000);
  });
});

describe('locate and locateKey', () => {
  it('line and column from an offset', () => {
    expect(locate('ab\ncd\nef', 4)).toMatchObject({ line: 2, column: 2, excerpt: 'cd', caret: 1 });
    expect(locate('ab\ncd', 99)).toMatchObject({ line: 2, column: 3 });
  });
  it('finds a key’s value', () => {
    const text = presetText(presetById('mixtral-8x7b')!);
    const at = locateKey(text, 'hidden_size')!;
    expect(at.line).toBe(text.split('\n').findIndex((l) => l.includes('"hidden_size"')) + 1);
    expect(at.excerpt.slice(at.caret)).toBe('4096,');
    expect(locateKey(text, 'nope')).toBeNull();
    expect(locateKey('{"a.b": 1}', 'a.b')).toMatchObject({ column: 9 });
  });
  it('points at the outermost object’s key, and at the last of a key written twice (the one JSON.parse keeps)', () => {
    const nested = '{"vision_config": {"hidden_size": 1}, "hidden_size": "x"}';
    expect(nested.slice(locateKey(nested, 'hidden_size')!.offset)).toBe('"x"}');
    const twice = '{"hidden_size": 1,\n "a": [{"hidden_size": 2}],\n "hidden_size": 3}';
    expect(locateKey(twice, 'hidden_size')).toMatchObject({ line: 3, column: 17 });
    expect(locateKey('{"hidden\\u005fsize": 4}', 'hidden_size')).toMatchObject({ column: 22 });
    expect(locateKey('{"a": "\\"hidden_size\\": 5"}', 'hidden_size')).toBeNull();
    expect(locateKey('[{"hidden_size": 1}]', 'hidden_size')).toBeNull();
  });
  it('a caret after a last "\\r" stays on the line', () => {
    expect(locate('\r', 1)).toMatchObject({ line: 1, column: 2, excerpt: '', caret: 0 });
  });
});

describe('deep nesting', () => {
  it('finds the error in 100,000 nested lists without overflowing the call stack', () => {
    const text = '['.repeat(100_000);
    expect(parseJson(text)).toMatchObject({
      ok: false,
      problem: { code: 'json.endsWhere', args: { where: 'value' }, line: 1, column: 100_001 },
    });
    const objects = '{"a":'.repeat(100_000) + '1' + '}'.repeat(99_999) + ']';
    expect(parseJson(objects)).toMatchObject({ ok: false, problem: { code: 'json.afterValueInObject', args: { found: ']' } } });
  });
});
