/**
 * The real-scale page's notes about a config (src/core/real-config.ts: the fields a config left out
 * and the value each took, what the count leaves out) and the presets' published sources
 * (src/core/presets.ts) in the page's language. Core codes each note (RealNoteMessages) and gives
 * each preset a source id; the catalogue (src/ui/i18n/scale.ts) is the only wording of each code,
 * in English and in Chinese: checked on the presets and on many pasted configs with
 * fields deleted, which between them reach every code.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PRESETS, PUBLISHED_SOURCES, presetById } from '../src/core/presets';
import { readMoeConfig, type MoeShape, type RealNote } from '../src/core/real-config';
import { scaleModelFromConfig, scaleModelFromToy } from '../src/core/scale-model';
import { DEFAULT_CONFIG } from '../src/core/config';
import { CATALOGUE } from '../src/ui/i18n/all';
import { realNoteText, type RealNoteTexts } from '../src/ui/i18n/scale';
import { KEPT_TERMS } from './e2e/untranslated';
import { OLMOE, QWEN2, QWEN3 } from './real-config-fixtures';

const EN: RealNoteTexts = CATALOGUE.en.scale.core.realNotes;
const ZH: RealNoteTexts = CATALOGUE.zh.scale.core.realNotes;
const CODES = Object.keys(EN).sort();
const HAN = /\p{Script=Han}/u;
/** Two English words in a row (as the untranslated-text finder, tests/e2e/untranslated.ts, looks for them). */
const ENGLISH = /[A-Za-z][a-z'’]{1,}(?:[\s,;:]+[A-Za-z][a-z'’]{1,}){1,}/;

type Cfg = Record<string, unknown>;

const BASES: Record<string, Cfg> = {
  ...Object.fromEntries(PRESETS.map((p) => [p.id, p.config as Cfg])),
  qwen2_moe: QWEN2,
  qwen3_moe: QWEN3,
  olmoe: OLMOE,
};

/** Fields whose absence has a meaning (the reader notes it), or that add or remove a left-out note. */
const OPTIONAL = [
  'tie_word_embeddings',
  'num_key_value_heads',
  'head_dim',
  'attention_bias',
  'qkv_bias',
  'norm_topk_prob',
  'decoder_sparse_step',
  'mlp_only_layers',
  'moe_layer_freq',
  'topk_method',
  'scoring_func',
  'routed_scaling_factor',
  'num_nextn_predict_layers',
];

function without(cfg: Cfg, fields: readonly string[]): Cfg {
  const c = { ...cfg };
  for (const f of fields) delete c[f];
  return c;
}

/** The shape of a config, or null when the count refuses it (a required field deleted). */
function read(cfg: Cfg): MoeShape | null {
  try {
    return readMoeConfig(cfg);
  } catch {
    return null;
  }
}

/** Codes seen so far, over the whole file. */
const seen = new Set<string>();
let notesChecked = 0;

/** One note: a code the catalogue knows, worded in English and in Chinese (no English left). */
function expectWorded(n: RealNote, where: string): void {
  const code: unknown = n.code;
  expect(typeof code, `${where}: no code on ${JSON.stringify(n)}`).toBe('string');
  expect(Object.hasOwn(EN, code as string), `${where}: ${String(code)} has no English wording`).toBe(true);
  expect(Object.hasOwn(ZH, code as string), `${where}: ${String(code)} has no Chinese wording`).toBe(true);
  seen.add(code as string);
  notesChecked++;
  const en = realNoteText(EN, n);
  expect(en.trim().length, where).toBeGreaterThan(0);
  const zh = realNoteText(ZH, n);
  expect(zh, `${where}: the Chinese is the English`).not.toBe(en);
  expect(zh, where).toMatch(HAN);
  // Field names and kept terms may stay in Latin script; no English words besides.
  const args = n.args as { field?: string; from?: string; type?: string; evidence?: string; fields?: string };
  const kept = [
    ...(args.field ? [args.field] : []),
    ...(args.from ? [args.from] : []),
    // How a config was read (read.*): the model type, the fields that told it, the fields ignored.
    ...(args.type ? [args.type] : []),
    ...(args.evidence ? args.evidence.split(', ') : []),
    ...(args.fields ? args.fields.split(', ') : []),
    ...KEPT_TERMS,
    'MoE',
    'Qwen2-MoE',
    'num_nextn_predict_layers',
    'vision_config',
  ];
  let rest = zh;
  for (const k of kept.sort((a, b) => b.length - a.length)) rest = rest.split(k).join('·');
  expect(ENGLISH.exec(rest), `${where}: English left in ${zh}`).toBeNull();
}

/** Every note of a read config, worded. */
function expectShapeWorded(s: MoeShape, where: string): void {
  for (const n of [...s.defaults, ...s.leftOut, ...s.reading]) expectWorded(n, `${where}: ${realNoteText(EN, n)}`);
}

describe('the notes of a read config, in both languages', () => {
  it('the catalogue words the same codes in English and Chinese', () => {
    expect(Object.keys(ZH).sort()).toEqual(CODES);
    expect(CODES).toEqual(
      [
        'default.modelCode',
        'default.untied',
        'default.moeAfterDense',
        'default.kvPerQuery',
        'default.everyLayerMoe',
        'default.qkvBias',
        'default.derived',
        'leftOut.mtp',
        'leftOut.vision',
        'read.inferred',
        'read.ignored',
      ].sort(),
    );
  });

  it('the presets: every note coded and worded, and the page’s model carries the same notes', () => {
    for (const p of PRESETS) {
      const s = readMoeConfig(p.config);
      expectShapeWorded(s, p.id);
      const m = scaleModelFromConfig(p.config, { id: p.id, name: p.name, published: p.published });
      expect([m.defaults, m.leftOut]).toEqual([s.defaults, s.leftOut]);
      // What the page shows on a spread copy (scale-page's shown()) is still coded.
      const shown = { ...m, name: 'x' };
      for (const n of [...shown.defaults, ...shown.leftOut]) expect(realNoteText(ZH, n)).toMatch(HAN);
    }
    expect(readMoeConfig(presetById('deepseek-v3')!.config).leftOut.map((n) => n.code)).toEqual(['leftOut.mtp']);
    expect(readMoeConfig(presetById('mixtral-8x7b')!.config).defaults.map((n) => n.code)).toEqual(['default.derived']);
    const toy = scaleModelFromToy(DEFAULT_CONFIG, 100);
    expect([toy.defaults, toy.leftOut]).toEqual([[], []]);
  });

  it('each model type with each optional field deleted, and with all of them deleted', () => {
    for (const [name, base] of Object.entries(BASES)) {
      // head_dim may be left out only where hidden_size divides by num_attention_heads (GLM-4.5's does not: 5120 / 96).
      const divides = (base.hidden_size as number) % (base.num_attention_heads as number) === 0;
      const optional = OPTIONAL.filter((f) => f !== 'head_dim' || divides);
      const variants: [string, Cfg][] = [
        [name, base],
        [`${name} without all optional fields`, without(base, optional)],
        [`${name} with a vision tower and 2 prediction layers`, { ...base, vision_config: {}, num_nextn_predict_layers: 2 }],
        [`${name} without model_type`, without(base, ['model_type'])],
        [`${name} without model_type and architectures`, without(base, ['model_type', 'architectures'])],
        [
          `${name} with unknown fields`,
          { ...base, my_field: 1, another_one: 'x', ...Object.fromEntries(Array.from({ length: 9 }, (_, i) => [`extra_${i}`, i])) },
        ],
        ...optional.filter((f) => Object.hasOwn(base, f)).map((f): [string, Cfg] => [`${name} without ${f}`, without(base, [f])]),
        ...optional.filter((f) => Object.hasOwn(base, f)).map((f): [string, Cfg] => [`${name} with ${f}: null`, { ...base, [f]: null }]),
      ];
      for (const [where, cfg] of variants) {
        const s = read(cfg);
        expect(s, `${where} was refused`).not.toBeNull();
        expectShapeWorded(s!, where);
      }
    }
  });

  it('spells the notes of a config with fields deleted in both languages', () => {
    const s = readMoeConfig(
      without(QWEN2, ['tie_word_embeddings', 'num_key_value_heads', 'decoder_sparse_step', 'mlp_only_layers', 'norm_topk_prob']),
    );
    expect(s.defaults.map((n) => realNoteText(EN, n))).toEqual([
      'tie_word_embeddings = false (untied, the default of this model type)',
      'num_key_value_heads = 16 (one key/value head per query head)',
      'head_dim = 128 (hidden_size / num_attention_heads)',
      'qkv_bias = true (Qwen2-MoE has q, k and v biases)',
      'decoder_sparse_step = 1 (every layer is MoE)',
      "mlp_only_layers = [] (the model code's default)",
      "norm_topk_prob = false (the model code's default)",
    ]);
    expect(s.defaults.map((n) => realNoteText(ZH, n))).toEqual([
      'tie_word_embeddings = false（不共享，这是该模型类型的默认设置）',
      'num_key_value_heads = 16（每个查询头各有一个键/值头）',
      'head_dim = 128（由 hidden_size / num_attention_heads 算出）',
      'qkv_bias = true（Qwen2-MoE 的 q、k、v 带偏置）',
      'decoder_sparse_step = 1（每一层都是 MoE 层）',
      'mlp_only_layers = []（模型代码中的默认值）',
      'norm_topk_prob = false（模型代码中的默认值）',
    ]);
    expect(s.defaults[1]).toEqual({ code: 'default.kvPerQuery', args: { field: 'num_key_value_heads', value: '16' } });

    const v3 = readMoeConfig({
      ...without(presetById('deepseek-v3')!.config as Cfg, ['topk_method', 'scoring_func', 'routed_scaling_factor', 'moe_layer_freq']),
      vision_config: {},
    });
    expect(v3.defaults.map((n) => realNoteText(ZH, n))).toEqual([
      'moe_layer_freq = 1（稠密层之后的每一层都是 MoE 层）',
      'attention_bias = false（模型代码中的默认值）',
      'topk_method = "noaux_tc"（模型代码中的默认值）',
      'scoring_func = "sigmoid"（模型代码中的默认值）',
      'routed_scaling_factor = 2.5（模型代码中的默认值）',
    ]);
    expect(v3.leftOut.map((n) => realNoteText(ZH, n))).toEqual([
      '多词元预测模块（num_nextn_predict_layers = 1），与公布的总参数一致',
      '视觉塔（vision_config）',
    ]);
    expect(v3.leftOut.map((n) => realNoteText(EN, n))).toEqual([
      'the multi-token-prediction module (num_nextn_predict_layers = 1), as in the published headline total',
      'the vision tower (vision_config)',
    ]);
  });

  it('any set of optional fields deleted or null, on any model type: every note coded and worded (2,000 configs)', () => {
    const names = Object.keys(BASES);
    fc.assert(
      fc.property(
        fc.constantFrom(...names),
        fc.subarray(OPTIONAL),
        fc.subarray(OPTIONAL),
        fc.option(fc.integer({ min: 1, max: 4 }), { nil: undefined }),
        fc.boolean(),
        (name, gone, nulled, mtp, vision) => {
          const cfg = without(BASES[name]!, gone);
          for (const f of nulled) cfg[f] = null;
          if (mtp !== undefined) cfg.num_nextn_predict_layers = mtp;
          if (vision) cfg.vision_config = { hidden_size: 8 };
          const s = read(cfg);
          if (s) expectShapeWorded(s, `${name} without ${gone.join(', ')}, null ${nulled.join(', ')}`);
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('reaches every code', () => {
    expect([...seen].sort()).toEqual(CODES);
    expect(notesChecked).toBeGreaterThan(1000);
  });
});

describe('where the presets’ published figures come from', () => {
  it('a preset counted with a wider tolerance says why, in both languages; DeepSeek-V3 says V3.1 and V3.2 share its shape', () => {
    const en = CATALOGUE.en.scale.core.presetNotes;
    const zh = CATALOGUE.zh.scale.core.presetNotes;
    const wider = PRESETS.filter((p) => p.published.tolerance !== undefined).map((p) => p.id);
    expect(wider.length).toBeGreaterThan(0);
    for (const id of wider) {
      expect(en[id], id).toBeTruthy();
      expect(zh[id], id).toMatch(HAN);
    }
    expect(Object.keys(zh).sort()).toEqual(Object.keys(en).sort());
    expect(en['deepseek-v3']).toContain('V3.1 and V3.2 share this shape');
  });

  it('every source id is worded in both languages; the English is core’s', () => {
    const en = CATALOGUE.en.scale.core.publishedSource;
    const zh = CATALOGUE.zh.scale.core.publishedSource;
    expect(Object.keys(en).sort()).toEqual(Object.keys(PUBLISHED_SOURCES).sort());
    expect(Object.keys(zh).sort()).toEqual(Object.keys(PUBLISHED_SOURCES).sort());
    for (const p of PRESETS) {
      expect(p.published.source).toBe(PUBLISHED_SOURCES[p.published.sourceId]);
      expect(en[p.published.sourceId]).toBe(p.published.source);
      expect(zh[p.published.sourceId]).not.toBe(p.published.source);
      expect(zh[p.published.sourceId]).toMatch(HAN);
    }
    expect(presetById('deepseek-v3')!.published.source).toBe('DeepSeek-V3 technical report, arXiv 2412.19437');
  });
});
