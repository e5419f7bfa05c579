/**
 * Property-based tests of what the real-scale page does with pasted text (src/ui/scale/scale-page.ts,
 * onText): parseJson (src/core/json-locate.ts), then scaleModelFromConfig → countParams
 * (src/core/params.ts, real-config.ts), then locateField for the field an error names (its value, or
 * the end of the object that lacks it). For any text
 * and any JSON object the result is either counts (finite, whole, non-negative, active ≤ total) or
 * a problem that gives a line and column or names a field; nothing else is ever thrown.
 * FUZZ_RUNS generated inputs per property (tests/fuzz-runs.ts: 1,000 in `npm test`, 10,000 in
 * `npm run test:fuzz`); the deep-nesting one uses 300 (each text is up to 1 MB).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { locateField } from '../../src/core/json-field';
import { findJsonError, MAX_JSON_DEPTH, parseJson, type JsonProblem } from '../../src/core/json-locate';
import { PARTS, type RealParams } from '../../src/core/params';
import { presetById } from '../../src/core/presets';
import { ConfigFieldError, MAX_FIELD, MODEL_TYPES } from '../../src/core/real-config';
import { REAL_LIMITS } from '../../src/core/real-limits';
import { MAX_ROUTE_WORK, routeRandomToken } from '../../src/core/real-route';
import { scaleModelFromConfig, type ScaleModel } from '../../src/core/scale-model';
import { RUNS } from '../fuzz-runs';
import { en } from '../words';
import { OLMOE, QWEN2, QWEN3 } from '../real-config-fixtures';

/** src/ui/scale/config-input.ts's MAX_CONFIG_CHARS (a lit module, not importable in Node). */
const MAX_CONFIG_CHARS = 1_000_000;

type Pasted =
  | { kind: 'empty' }
  | { kind: 'counted'; model: ScaleModel }
  | { kind: 'problem'; message: string; field?: string; within?: string | null; at?: JsonProblem | null };

/** The steps of ScalePage.onText, with the core functions it calls. Throws only if they do. */
function paste(raw: string): Pasted {
  const text = raw.replace(/^\uFEFF/, '');
  if (text.trim() === '') return { kind: 'empty' };
  if (text.length > MAX_CONFIG_CHARS) return { kind: 'problem', message: 'too long' };
  const parsed = parseJson(text);
  if (!parsed.ok) {
    const { code: _code, args: _args, ...at } = parsed.problem;
    return { kind: 'problem', message: en(parsed.problem), at };
  }
  try {
    return { kind: 'counted', model: scaleModelFromConfig(parsed.value, { id: 'custom', name: 'your config.json' }) };
  } catch (err) {
    if (!(err instanceof ConfigFieldError)) throw err;
    const at = err.field !== 'config' ? locateField(text, err.field, err.within) : null;
    return { kind: 'problem', message: en(err), field: err.field, within: err.within, at };
  }
}

/* ---------------------------------------------------------------- configs to start from */

const BASES: Record<string, unknown>[] = [
  ...['deepseek-v3', 'deepseek-v2', 'mixtral-8x7b'].map((id) => presetById(id)!.config as Record<string, unknown>),
  QWEN2,
  QWEN3,
  OLMOE,
];
const FIELDS = [...new Set(BASES.flatMap((b) => Object.keys(b)))];
const POLLUTING = ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty'];

/** Counts at and past the page's limits on experts, groups and top-k (REAL_LIMITS), and the sizes that once froze it. */
const HUGE = [63, 64, 65, 255, 256, 257, 512, 4095, 4096, 4097, 8192, 65_536, 100_000, 1_000_000, 2 ** 20, 2 ** 26];

/** JSON values at and past every edge of what a field accepts. */
const edgyJson: fc.Arbitrary<unknown> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.constantFrom(
      0,
      -1,
      1,
      2,
      3,
      7,
      8,
      64,
      0.5,
      1.5,
      -0.5,
      1e-300,
      MAX_FIELD,
      MAX_FIELD + 1,
      2 ** 31,
      2 ** 53,
      2 ** 53 + 2,
      1e300,
      -1e300,
      10_000,
      10_001,
      100_000,
    ),
  },
  { weight: 2, arbitrary: fc.constantFrom(...HUGE) },
  { weight: 3, arbitrary: fc.integer({ min: -10, max: 300 }) },
  { weight: 1, arbitrary: fc.integer({ min: 0, max: MAX_FIELD }) },
  { weight: 1, arbitrary: fc.double({ noNaN: true, noDefaultInfinity: true }) },
  {
    weight: 2,
    arbitrary: fc.constantFrom(
      null,
      true,
      false,
      '',
      '8',
      'none',
      'noaux_tc',
      'greedy',
      'group_limited_greedy',
      'sigmoid',
      'softmax',
      ...MODEL_TYPES,
    ),
  },
  { weight: 1, arbitrary: fc.array(fc.integer({ min: -2, max: 70 }), { maxLength: 6 }) },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 2 }) },
);

/** A published or hand-made config with fields removed, replaced, added or nested, model_type included. */
const configLike: fc.Arbitrary<Record<string, unknown>> = fc
  .tuple(
    fc.constantFrom(...BASES),
    fc.array(
      fc.tuple(
        fc.oneof(
          { weight: 8, arbitrary: fc.constantFrom(...FIELDS) },
          { weight: 1, arbitrary: fc.constantFrom(...POLLUTING, 'vision_config', 'text_config') },
          { weight: 1, arbitrary: fc.string({ maxLength: 6 }) },
        ),
        fc.option(edgyJson, { nil: undefined }),
      ),
      { maxLength: 5 },
    ),
    fc.option(fc.subarray(FIELDS, { maxLength: 4 }), { nil: undefined }),
  )
  .map(([base, edits, nested]) => {
    const out: Record<string, unknown> = {};
    // Nested copies first, so that a search for "field": finds them before the real one.
    if (nested) out.text_config = Object.fromEntries(nested.map((f) => [f, 'nested']));
    for (const [k, v] of Object.entries(base)) out[k] = v;
    for (const [k, v] of edits) {
      if (v === undefined) delete out[k];
      else Object.defineProperty(out, k, { value: v, enumerable: true, writable: true, configurable: true });
    }
    return out;
  });

/** Counts that a page can show: whole, finite, non-negative, active ≤ total, parts adding up. */
function expectSaneCounts(p: Pick<RealParams, 'total' | 'active' | 'embedding' | 'activeWithoutEmbedding' | 'parts'>): void {
  for (const v of [p.total, p.active, p.embedding, p.activeWithoutEmbedding]) {
    expect(Number.isSafeInteger(v) && v >= 0).toBe(true);
  }
  expect(p.active).toBeLessThanOrEqual(p.total);
  expect(p.activeWithoutEmbedding).toBe(p.active - p.embedding);
  let total = 0;
  let active = 0;
  for (const part of PARTS) {
    const c = p.parts[part];
    expect(Number.isSafeInteger(c.total) && Number.isSafeInteger(c.active) && c.active >= 0 && c.active <= c.total).toBe(true);
    total += c.total;
    active += c.active;
  }
  expect(total).toBe(p.total);
  expect(active).toBe(p.active);
}

/** A config error names its field: "config" for the whole, or the field in quotes in the message. */
function expectNamedField(e: ConfigFieldError): void {
  expect(en(e).trim().length).toBeGreaterThan(0);
  expect(/\p{Cs}/u.test(en(e))).toBe(false);
  if (e.field !== 'config') expect(en(e)).toContain(`"${e.field}"`);
}

function countSafely(config: unknown): ScaleModel | ConfigFieldError {
  try {
    return scaleModelFromConfig(config, { id: 'custom', name: 'x' });
  } catch (e) {
    expect(e).toBeInstanceOf(ConfigFieldError);
    return e as ConfigFieldError;
  }
}

/* ---------------------------------------------------------------- texts */

/** JSON text of a value, formatted as editors and hands do. */
function formatted(v: unknown, style: number): string {
  if (style === 0) return JSON.stringify(v);
  if (style === 1) return JSON.stringify(v, null, 2);
  if (style === 2) return JSON.stringify(v, null, '\t').replace(/\n/g, '\r\n');
  return `\uFEFF${JSON.stringify(v, null, 4)}\n`;
}

/** Characters that make or break JSON. */
const jsonChar = fc.oneof(
  fc.constantFrom(
    '{',
    '}',
    '[',
    ']',
    ',',
    ':',
    '"',
    '\\',
    "'",
    '/',
    '*',
    ' ',
    '\n',
    '\r',
    '\t',
    '0',
    '1',
    '-',
    '+',
    '.',
    'e',
    'E',
    't',
    'n',
    'u',
    'N',
    'I',
    '\u0000',
    '\u00a0',
    '\u2028',
    '\ud83d',
    '\u{1f98a}',
  ),
  fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }),
);

/** Valid JSON with a few characters inserted, deleted or replaced. */
function mutated(base: fc.Arbitrary<string>): fc.Arbitrary<string> {
  return fc
    .tuple(base, fc.array(fc.tuple(fc.nat(), fc.constantFrom('insert', 'delete', 'replace'), jsonChar), { minLength: 1, maxLength: 3 }))
    .map(([text, edits]) => {
      let t = text;
      for (const [at, op, c] of edits) {
        const i = t.length ? at % (t.length + (op === 'insert' ? 1 : 0)) : 0;
        t =
          op === 'insert'
            ? t.slice(0, i) + c + t.slice(i)
            : op === 'delete'
              ? t.slice(0, i) + t.slice(i + 1)
              : t.slice(0, i) + c + t.slice(i + 1);
      }
      return t;
    });
}

const configText = fc.tuple(configLike, fc.integer({ min: 0, max: 3 })).map(([c, s]) => formatted(c, s));
/** A config with one field written twice: JSON.parse keeps the last, and so must any pointer into the text. */
const duplicated = fc
  .tuple(configLike, fc.constantFrom(...FIELDS), edgyJson)
  .map(([c, f, v]) => JSON.stringify(c, null, 2).replace('{', `{\n  ${JSON.stringify(f)}: ${JSON.stringify(v)},`));
const jsonText = fc.tuple(fc.jsonValue({ maxDepth: 4 }), fc.integer({ min: 0, max: 3 })).map(([v, s]) => formatted(v, s));

const anyText: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: configText },
  { weight: 1, arbitrary: duplicated },
  { weight: 3, arbitrary: mutated(fc.oneof(configText, jsonText)) },
  { weight: 1, arbitrary: jsonText },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 60 }) },
  { weight: 1, arbitrary: fc.string({ unit: jsonChar, maxLength: 40 }) },
);

/** Line and column (from 1) of an offset, counted the plain way. */
function lineColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  return { line: before.split('\n').length, column: offset - (before.lastIndexOf('\n') + 1) + 1 };
}

/** The JSON string, number or literal that starts at offset, parsed; null when there is none. */
function primitiveAt(text: string, offset: number): { value: unknown } | null {
  const m = /^(?:"(?:[^"\\]|\\.)*"|-?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?|true|false|null)/.exec(text.slice(offset, offset + 100_000));
  if (!m) return null;
  try {
    return { value: JSON.parse(m[0]) as unknown };
  } catch {
    return null;
  }
}

function expectLocated(text: string, at: JsonProblem): void {
  expect(at.offset >= 0 && at.offset <= text.length).toBe(true);
  expect({ line: at.line, column: at.column }).toEqual(lineColumn(text, at.offset));
  expect(at.excerpt.includes('\n')).toBe(false);
  expect(at.caret >= 0 && at.caret <= at.excerpt.length).toBe(true);
}

describe('parseJson on any text', () => {
  it('never throws; agrees with JSON.parse; every error has a message, a line and a column that match its offset', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        let engine: { ok: true; value: unknown } | { ok: false } = { ok: false };
        try {
          engine = { ok: true, value: JSON.parse(text) as unknown };
        } catch {
          /* invalid */
        }
        const r = parseJson(text);
        expect(r.ok).toBe(engine.ok);
        // The scanner finds an error exactly when the engine does, so every message is its own, with a position.
        expect(findJsonError(text) === null).toBe(engine.ok);
        if (r.ok && engine.ok) expect(r.value).toEqual(engine.value);
        if (!r.ok) {
          expect(en(r.problem).trim().length).toBeGreaterThan(0);
          expectLocated(text, r.problem);
        }
      }),
      RUNS,
    );
  });

  /** The deepest nesting of objects and lists in text (these texts hold no brackets inside strings). */
  const nesting = (text: string): number => {
    let depth = 0;
    let most = 0;
    for (const c of text) {
      if (c === '[' || c === '{') most = Math.max(most, ++depth);
      else if (c === ']' || c === '}') depth--;
    }
    return most;
  };

  it('stays standing on deeply nested text (300 texts nested up to 200,000 deep, up to 1 MB)', () => {
    const opener = fc.constantFrom('[', '{"a":', '[{"b":[', ' [ ');
    const deep = fc
      .tuple(opener, fc.integer({ min: 1, max: 200_000 }), fc.constantFrom('', '1', '1]', '"x"', ']]]', '}', 'null', '1,'), fc.boolean())
      .map(([o, n, tail, close]) => {
        const depth = Math.min(n, Math.floor(MAX_CONFIG_CHARS / (2 * o.length)));
        return o.repeat(depth) + tail + (close ? (o.includes('{') ? '}' : ']').repeat(depth) : '');
      });
    fc.assert(
      fc.property(deep, (text) => {
        let valid = true;
        try {
          JSON.parse(text);
        } catch {
          valid = false;
        }
        let r: ReturnType<typeof parseJson> | undefined;
        expect(() => (r = parseJson(text))).not.toThrow();
        // Valid JSON nested deeper than MAX_JSON_DEPTH is refused too, with its place (json.tooDeep).
        expect(r!.ok).toBe(valid && nesting(text) <= MAX_JSON_DEPTH);
        if (!r!.ok) expectLocated(text, r!.problem);
        expect(() => paste(text)).not.toThrow();
      }),
      { numRuns: 300 },
    );
  });
});

describe('counting any JSON object', () => {
  it('gives sane counts or a ConfigFieldError naming its field; nothing else is thrown', () => {
    fc.assert(
      fc.property(fc.oneof({ weight: 4, arbitrary: configLike }, { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }) }), (config) => {
        const r = countSafely(config);
        if (r instanceof ConfigFieldError) expectNamedField(r);
        else expectSaneCounts(r);
      }),
      RUNS,
    );
  });
});

describe('pasting any text on the real-scale page', () => {
  it('gives counts, or a problem with a line and column or a named field, pointing at the field that is really read', () => {
    fc.assert(
      fc.property(anyText, (raw) => {
        let r: Pasted | undefined;
        expect(() => (r = paste(raw))).not.toThrow();
        const result = r!;
        if (result.kind === 'counted') {
          expectSaneCounts(result.model);
          return;
        }
        if (result.kind === 'empty') {
          expect(raw.replace(/^\uFEFF/, '').trim()).toBe('');
          return;
        }
        expect(result.message.trim().length).toBeGreaterThan(0);
        const text = raw.replace(/^\uFEFF/, '');
        if (result.field === undefined) {
          expect(result.at).toBeTruthy();
          expectLocated(text, result.at!);
          return;
        }
        if (result.field === 'config') return;
        expect(result.message).toContain(`"${result.field}"`);
        const top = JSON.parse(text) as Record<string, unknown>;
        // A field of Llama 4's text_config is looked for there.
        const parsed = (result.within ? top[result.within] : top) as Record<string, unknown>;
        if (!Object.hasOwn(parsed, result.field)) {
          // Missing: the caret goes to the closing brace of the object that lacks it.
          expect(result.at, `${result.field} missing from ${text.slice(0, 200)}`).toBeTruthy();
          expectLocated(text, result.at!);
          expect(text[result.at!.offset]).toBe('}');
        } else {
          // The field is in the text: the caret goes to its value, the one JSON.parse kept.
          expect(result.at, `${result.field} in ${text.slice(0, 200)}`).toBeTruthy();
          expectLocated(text, result.at!);
          const value = parsed[result.field];
          if (value !== null && typeof value === 'object') expect(text[result.at!.offset]).toBe(Array.isArray(value) ? '[' : '{');
          else expect(primitiveAt(text, result.at!.offset), text).toEqual({ value });
        }
      }),
      RUNS,
    );
  });
});

/* ---------------------------------------------------------------- huge experts, groups and top-k */

/** A base config with its expert, group, top-k and shared counts (and width) set to huge or ordinary values. */
const hugeCounts = fc
  .tuple(
    fc.constantFrom(...BASES),
    fc.oneof(fc.constantFrom(...HUGE), fc.integer({ min: 1, max: 5000 })),
    fc.oneof(fc.constantFrom(...HUGE), fc.integer({ min: 1, max: 80 })),
    fc.oneof(fc.constantFrom(...HUGE), fc.constantFrom(1, 2, 4, 8, 16, 32, 64, 128)),
    fc.oneof(fc.constantFrom(...HUGE), fc.integer({ min: 1, max: 8 })),
    fc.oneof(fc.constantFrom(...HUGE), fc.integer({ min: 0, max: 4 })),
    fc.constantFrom(16, 64, 1024, 2048, 16384),
  )
  .map(([base, experts, topK, groups, topkGroup, shared, hidden]) => {
    const out: Record<string, unknown> = { ...base, hidden_size: hidden, head_dim: 16, num_experts_per_tok: topK };
    if (base.model_type === 'mixtral') out.num_local_experts = experts;
    else if (String(base.model_type).startsWith('deepseek'))
      Object.assign(out, {
        n_routed_experts: experts,
        n_group: groups,
        topk_group: topkGroup,
        n_shared_experts: shared,
        topk_method: 'noaux_tc',
      });
    else out.num_experts = experts;
    return out;
  });

describe('huge expert, group and top-k counts', () => {
  it('are counted within the limits, or refused with a coded problem naming the field, located in the text', () => {
    fc.assert(
      fc.property(hugeCounts, (config) => {
        const r = countSafely(config);
        if (!(r instanceof ConfigFieldError)) {
          expectSaneCounts(r);
          expect(r.layer.experts).toBeLessThanOrEqual(REAL_LIMITS.experts);
          expect(r.layer.topK).toBeLessThanOrEqual(REAL_LIMITS.topK);
          expect(r.layer.nGroup).toBeLessThanOrEqual(REAL_LIMITS.groups);
          expect(r.layer.shared).toBeLessThanOrEqual(REAL_LIMITS.shared);
          return;
        }
        expectNamedField(r);
        const coded = r as ConfigFieldError & { code?: string; args?: { value: number; max: number; what: keyof typeof REAL_LIMITS } };
        if (coded.code !== 'hf.limit') return;
        expect(coded.args!.value).toBeGreaterThan(coded.args!.max);
        expect(coded.args!.max).toBe(REAL_LIMITS[coded.args!.what]);
        const text = JSON.stringify(config, null, 2);
        const p = paste(text);
        expect(p.kind === 'problem' && p.field === r.field && p.at).toBeTruthy();
        if (p.kind === 'problem') expect(primitiveAt(text, p.at!.offset)).toEqual({ value: coded.args!.value });
      }),
      RUNS,
    );
  });

  it('anything counted is routed (k distinct experts) or refused past MAX_ROUTE_WORK', () => {
    fc.assert(
      fc.property(
        hugeCounts.map((c) => ({ ...c, hidden_size: (c.hidden_size as number) > 64 ? 64 : c.hidden_size })),
        fc.nat(5),
        (config, seed) => {
          const r = countSafely(config);
          if (r instanceof ConfigFieldError) return;
          expect(r.layer.experts * r.hidden).toBeLessThanOrEqual(MAX_ROUTE_WORK);
          const route = routeRandomToken(r, seed);
          expect(new Set(route.chosen).size).toBe(r.layer.topK);
        },
      ),
      { numRuns: 300 },
    );
  });
});
