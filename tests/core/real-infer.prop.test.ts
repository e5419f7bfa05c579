/**
 * Property tests of reading a config without model_type, or with fields deleted or mistyped
 * (src/core/real-infer.ts, real-config.ts): over configs made from every preset with fields deleted,
 * set to the wrong type, negative, NaN-like strings, huge numbers or nested garbage (at the top and
 * in Llama 4's text_config), reading gives a shape or a ConfigFieldError with a code the catalogue
 * words in English and Chinese, and nothing else is thrown; a config read without model_type says
 * what it was read as; every note is worded; a field at fault is located in the text (its value, or
 * the end of the object that lacks it). At least 2,000 configs per property, FUZZ_RUNS when more.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { locateField } from '../../src/core/json-field';
import { PRESETS } from '../../src/core/presets';
import { ConfigFieldError, MAX_FIELD, MODEL_TYPES, readMoeConfig, type MoeShape } from '../../src/core/real-config';
import { inferModelType } from '../../src/core/real-infer';
import { scaleModelFromConfig } from '../../src/core/scale-model';
import { CATALOGUE } from '../../src/ui/i18n/all';
import { realNoteText } from '../../src/ui/i18n/scale';
import { RUNS } from '../fuzz-runs';
import { en, zh } from '../words';

type Cfg = Record<string, unknown>;

const NUM_RUNS = { numRuns: Math.max(2000, RUNS.numRuns) };
const HAN = /\p{Script=Han}/u;
const BASES: Cfg[] = PRESETS.map((p) => p.config as Cfg);
const FIELDS = [...new Set(BASES.flatMap((b) => [...Object.keys(b), ...Object.keys((b.text_config as Cfg | undefined) ?? {})]))];

/** Nested garbage: objects and lists a few levels deep. */
const garbage: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  node: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.constantFrom(null, 'x', 0, -1, true),
    fc.array(tie('node'), { maxLength: 3 }),
    fc.dictionary(fc.constantFrom('a', 'b', 'hidden_size', 'model_type', '__proto__'), tie('node'), { maxKeys: 3 }),
  ),
})).node;

/** A wrong value for any field: wrong type, negative, NaN-like strings, huge numbers, nested garbage. */
const wrong: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom('NaN', 'Infinity', '-Infinity', '1e999', '', '8', 'null', 'true', '0x10', ' 12 '),
  fc.constantFrom(-1, -0, -1e9, 0, 0.5, 1.5, -2.5, 1e308, -1e308, 2 ** 53, 2 ** 53 + 2, MAX_FIELD + 1, 1e21, Number.MIN_VALUE),
  fc.integer({ min: -1000, max: 1000 }),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.constantFrom(...MODEL_TYPES, 'gpt2', 'llama4_text', 'DeepseekV3ForCausalLM'),
  fc.constantFrom(['MixtralForCausalLM'], ['Qwen3MoeForCausalLM', 3], [null], [], ['GPT2LMHeadModel']),
  garbage,
);

type Edit = { kind: 'delete'; field: string } | { kind: 'set'; field: string; value: unknown; nested: boolean };

const edit: fc.Arbitrary<Edit> = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...FIELDS).map((field): Edit => ({ kind: 'delete', field })) },
  {
    weight: 3,
    arbitrary: fc
      .tuple(fc.oneof(fc.constantFrom(...FIELDS), fc.constantFrom('architectures', 'text_config', 'unknown_field')), wrong, fc.boolean())
      .map(([field, value, nested]): Edit => ({ kind: 'set', field, value, nested })),
  },
);

/** A preset with model_type usually deleted, and a few fields deleted or mistyped (in text_config too, where it has one). */
const mangled: fc.Arbitrary<Cfg> = fc
  .tuple(fc.constantFrom(...BASES), fc.boolean(), fc.array(edit, { maxLength: 4 }), fc.double({ min: 0, max: 1, noNaN: true }))
  .map(([base, keepType, edits, dropType]) => {
    const out: Cfg = structuredClone(base);
    if (!keepType || dropType < 0.8) delete out.model_type;
    for (const e of edits) {
      const text = out.text_config;
      const target = e.kind === 'set' && e.nested && text && typeof text === 'object' && !Array.isArray(text) ? (text as Cfg) : out;
      if (e.kind === 'delete') {
        delete target[e.field];
        if (text && typeof text === 'object' && !Array.isArray(text)) delete (text as Cfg)[e.field];
      } else {
        Object.defineProperty(target, e.field, { value: e.value, enumerable: true, writable: true, configurable: true });
      }
    }
    return out;
  });

function read(config: unknown): MoeShape | ConfigFieldError {
  try {
    return readMoeConfig(config);
  } catch (e) {
    expect(e).toBeInstanceOf(ConfigFieldError);
    return e as ConfigFieldError;
  }
}

const PROBLEMS_EN = CATALOGUE.en.problems as unknown as Record<string, unknown>;

describe('reading mangled configs, model_type mostly deleted', () => {
  it('gives a shape or a coded error worded in English and Chinese; nothing else is thrown', () => {
    fc.assert(
      fc.property(mangled, (config) => {
        const r = read(config);
        if (r instanceof ConfigFieldError) {
          expect(r.code.startsWith('hf.')).toBe(true);
          expect(Object.hasOwn(PROBLEMS_EN, r.code), r.code).toBe(true);
          expect(en(r).trim().length).toBeGreaterThan(0);
          expect(zh(r)).toMatch(HAN);
          if (r.field !== 'config') expect(en(r)).toContain(`"${r.field}"`);
          return;
        }
        expect(MODEL_TYPES).toContain(r.modelType);
        const inferred = r.reading.filter((n) => n.code === 'read.inferred');
        if (!Object.hasOwn(config, 'model_type')) {
          // Read without a model_type: the note says what as, and it is what inferModelType says.
          expect(inferred).toHaveLength(1);
          expect((inferred[0]!.args as { type: string }).type).toBe(r.modelType);
          expect(inferModelType(config)?.type).toBe(r.modelType);
        } else expect(inferred).toEqual([]);
        for (const n of [...r.defaults, ...r.leftOut, ...r.reading]) {
          expect(realNoteText(CATALOGUE.en.scale.core.realNotes, n).trim().length).toBeGreaterThan(0);
          expect(realNoteText(CATALOGUE.zh.scale.core.realNotes, n)).toMatch(HAN);
        }
      }),
      NUM_RUNS,
    );
  });

  it('counts what it reads (sane counts) or refuses it; a field at fault is located in the text', () => {
    fc.assert(
      fc.property(mangled, fc.boolean(), (config, pretty) => {
        let counted: ReturnType<typeof scaleModelFromConfig> | ConfigFieldError;
        try {
          counted = scaleModelFromConfig(config, { id: 'custom', name: 'x' });
        } catch (e) {
          expect(e).toBeInstanceOf(ConfigFieldError);
          counted = e as ConfigFieldError;
        }
        if (!(counted instanceof ConfigFieldError)) {
          expect(Number.isSafeInteger(counted.total) && counted.total >= 0).toBe(true);
          expect(counted.active).toBeLessThanOrEqual(counted.total);
          return;
        }
        if (counted.field === 'config') return;
        const text = JSON.stringify(config, null, pretty ? 2 : undefined);
        const at = locateField(text, counted.field, counted.within);
        expect(at, `${counted.field} in ${text.slice(0, 300)}`).toBeTruthy();
        const holder = (counted.within ? config[counted.within] : config) as Cfg;
        if (Object.hasOwn(holder, counted.field)) expect(text[at!.offset]).not.toBe(',');
        else expect(text[at!.offset]).toBe('}');
      }),
      NUM_RUNS,
    );
  });
});
