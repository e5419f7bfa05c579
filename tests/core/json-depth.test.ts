/** A pasted config.json nested far too deeply: a located message, no stack overflow (issue 12, item 7). */
import { describe, expect, it } from 'vitest';
import { MAX_JSON_DEPTH, parseJson } from '../../src/core/json-locate';

function problem(text: string) {
  const r = parseJson(text);
  if (r.ok) throw new Error('expected a problem');
  return r.problem;
}

describe('parseJson on deeply nested text', () => {
  it('refuses 10,000 levels with the line and column of the first level too deep', () => {
    const p = problem(`${'['.repeat(10_000)}${']'.repeat(10_000)}`);
    expect(p.code).toBe('json.tooDeep');
    expect(p.args).toEqual({ max: MAX_JSON_DEPTH });
    expect([p.line, p.column]).toEqual([1, MAX_JSON_DEPTH + 1]);
  });

  it('points into a config, across lines, objects and lists alike', () => {
    const deep = `${'{"a": ['.repeat(60)}1${']}'.repeat(60)}`;
    const p = problem(`{\n  "model_type": "mixtral",\n  "x": ${deep}\n}`);
    expect(p.code).toBe('json.tooDeep');
    expect(p.line).toBe(3);
    // Level 1 is the outer object; level 101 is the 50th "[" of deep.
    expect(p.column).toBe('  "x": '.length + 1 + 49 * '{"a": ['.length + '{"a": '.length);
  });

  it('gives an earlier syntax error first, and reads nesting up to the limit', () => {
    expect(problem(`{"a": 01, "b": ${'['.repeat(500)}`).code).toBe('json.leadingZero');
    const ok = parseJson(`${'['.repeat(MAX_JSON_DEPTH)}${']'.repeat(MAX_JSON_DEPTH)}`);
    expect(ok.ok).toBe(true);
    // Brackets inside strings are not nesting.
    expect(parseJson(JSON.stringify({ s: '['.repeat(5000) })).ok).toBe(true);
  });

  it('a result that is too deep never reaches a walker that would overflow the stack', () => {
    const r = parseJson(`{"a": ${'{"b": '.repeat(20_000)}1${'}'.repeat(20_000)}}`);
    expect(r.ok).toBe(false);
  });
});
