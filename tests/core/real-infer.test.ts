/**
 * A config without model_type (src/core/real-infer.ts, real-config.ts): every preset, with its
 * model_type deleted (and with its architectures deleted too), is read as its own type and gives the
 * same counts, with a note saying what was inferred from what; the rules one by one; the unknown
 * fields ignored with a capped note; the messages when the type cannot be told or is not supported.
 */
import { describe, expect, it } from 'vitest';
import { countParams, PARTS } from '../../src/core/params';
import { PRESETS, presetById } from '../../src/core/presets';
import { ConfigFieldError, readMoeConfig, type RealNote } from '../../src/core/real-config';
import { inferModelType, MAX_IGNORED_LISTED, unknownFields } from '../../src/core/real-infer';
import { CATALOGUE } from '../../src/ui/i18n/all';
import { realNoteText } from '../../src/ui/i18n/scale';
import { en, zh } from '../words';
import { OLMOE, QWEN2, QWEN3 } from '../real-config-fixtures';

type Cfg = Record<string, unknown>;

const EN = CATALOGUE.en.scale.core.realNotes;
const ZH = CATALOGUE.zh.scale.core.realNotes;

function without(cfg: Cfg, fields: readonly string[]): Cfg {
  const c = { ...cfg };
  for (const f of fields) delete c[f];
  return c;
}

const preset = (id: string): Cfg => presetById(id)!.config as Cfg;

function refusal(config: unknown): ConfigFieldError {
  try {
    readMoeConfig(config);
  } catch (e) {
    expect(e).toBeInstanceOf(ConfigFieldError);
    return e as ConfigFieldError;
  }
  throw new Error('expected the config to be refused');
}

const codes = (notes: RealNote[]): string[] => notes.map((n) => n.code);

describe('every preset without model_type', () => {
  for (const p of PRESETS) {
    const config = p.config as Cfg;
    for (const gone of [['model_type'], ['model_type', 'architectures']]) {
      it(`${p.id} without ${gone.join(' and ')}: read as ${String(config.model_type)}, the same counts, and a note saying so`, () => {
        const own = countParams(config);
        const read = countParams(without(config, gone));
        expect(read.shape.modelType).toBe(config.model_type);
        expect(read.shape.modelType).toBe(own.shape.modelType);
        expect([read.total, read.active, read.embedding, read.activeWithoutEmbedding]).toEqual([
          own.total,
          own.active,
          own.embedding,
          own.activeWithoutEmbedding,
        ]);
        for (const part of PARTS) expect(read.parts[part], part).toEqual(own.parts[part]);
        expect(read.shape.router).toEqual(own.shape.router);
        expect(read.shape.defaults).toEqual(own.shape.defaults);
        // The preset itself gives its type, so its reading says nothing; without, one note says what and from where.
        expect(own.shape.reading).toEqual([]);
        expect(read.shape.reading).toHaveLength(1);
        const note = read.shape.reading[0]!;
        expect(note.code).toBe('read.inferred');
        const args = note.args as { type: string; from: string; evidence: string };
        expect(args.type).toBe(config.model_type);
        expect(args.from).toBe(gone.includes('architectures') ? 'fields' : 'architectures');
        expect(args.evidence.length).toBeGreaterThan(0);
      });
    }
  }
});

describe('the rules', () => {
  const typeOf = (c: Cfg): string | undefined => inferModelType(without(c, ['model_type', 'architectures']))?.type;

  it('words what it inferred in English and Chinese, naming the evidence', () => {
    const s = readMoeConfig(without(QWEN3, ['model_type']));
    expect(s.reading.map((n) => realNoteText(EN, n))).toEqual([
      'No model_type: read as qwen3_moe from its fields (num_experts, moe_intermediate_size)',
    ]);
    expect(s.reading.map((n) => realNoteText(ZH, n))).toEqual([
      '没有 model_type：根据其字段按 qwen3_moe 读取（num_experts, moe_intermediate_size）',
    ]);
    const m = readMoeConfig(without(preset('mixtral-8x7b'), ['model_type']));
    expect(realNoteText(EN, m.reading[0]!)).toBe(
      'No model_type: read as mixtral from its architecture (architectures = MixtralForCausalLM)',
    );
  });

  it('the hand-made fixtures: qwen2_moe, qwen3_moe and olmoe from their fields', () => {
    expect([QWEN2, QWEN3, OLMOE].map(typeOf)).toEqual(['qwen2_moe', 'qwen3_moe', 'olmoe']);
    for (const c of [QWEN2, QWEN3, OLMOE]) expect(countParams(without(c, ['model_type'])).total).toBe(countParams(c).total);
  });

  it('DeepSeek-V2 or V3 by its routing; V3 when the routing does not tell; Kimi K2 by its vocabulary', () => {
    const v3 = preset('deepseek-v3');
    const bare = without(v3, ['topk_method', 'scoring_func', 'num_nextn_predict_layers']);
    expect(typeOf(bare)).toBe('deepseek_v3');
    expect(typeOf({ ...bare, scoring_func: 'softmax' })).toBe('deepseek_v2');
    expect(typeOf({ ...bare, topk_method: 'greedy' })).toBe('deepseek_v2');
    // Mixed signs: V3 (any sign of V3's routing wins).
    expect(typeOf({ ...bare, topk_method: 'greedy', scoring_func: 'sigmoid' })).toBe('deepseek_v3');
    expect(typeOf({ ...v3, vocab_size: 163_840 })).toBe('kimi_k2');
    expect(typeOf({ ...preset('deepseek-v2'), vocab_size: 163_840 })).toBe('deepseek_v2');
  });

  it('gpt-oss by a field only it has, else Mixtral; GLM-4.5 by DeepSeek-style MoE fields without MLA', () => {
    const mixtral = preset('mixtral-8x7b');
    expect(typeOf(mixtral)).toBe('mixtral');
    for (const f of ['swiglu_limit', 'layer_types', 'experts_per_token', 'initial_context_length']) {
      expect(typeOf({ ...mixtral, [f]: 1 }), f).toBe('gpt_oss');
    }
    expect(typeOf({ ...mixtral, attention_bias: true })).toBe('gpt_oss');
    expect(typeOf({ ...mixtral, attention_bias: false })).toBe('mixtral');
    expect(typeOf(without(preset('glm-4.5'), ['n_shared_experts', 'first_k_dense_replace']))).toBe('glm4_moe');
  });

  it('dense: Llama, or Qwen2 with its sliding-window fields; Llama 4 by its text_config', () => {
    const llama = preset('llama-3.1-8b');
    expect(typeOf(llama)).toBe('llama');
    expect(typeOf({ ...llama, use_sliding_window: false, max_window_layers: 28 })).toBe('qwen2');
    const scout = preset('llama4-scout');
    expect(typeOf({ ...scout, text_config: { model_type: 'llama4_text', hidden_size: 8 } })).toBe('llama4');
  });

  it('architectures first, by class name; an unknown class leaves it to the fields', () => {
    const llama = preset('llama-3.1-8b');
    expect(inferModelType({ ...llama, architectures: ['Qwen2ForCausalLM'] })?.type).toBe('qwen2');
    expect(inferModelType({ ...llama, architectures: ['Qwen2MoeForCausalLM'] })?.type).toBe('qwen2_moe');
    expect(inferModelType({ ...llama, architectures: ['Llama4ForConditionalGeneration'] })?.type).toBe('llama4');
    expect(inferModelType({ ...llama, architectures: ['SomethingNew', 'MixtralForCausalLM'] })?.type).toBe('mixtral');
    expect(inferModelType({ ...without(llama, ['model_type']), architectures: ['GPT2LMHeadModel'] })).toEqual({
      type: 'llama',
      from: 'fields',
      evidence: ['intermediate_size'],
    });
    expect(inferModelType({ ...llama, architectures: 'LlamaForCausalLM' })?.from).toBe('fields');
  });

  it('a model_type it gives is kept, whatever the fields say', () => {
    expect(readMoeConfig({ ...preset('llama-3.1-8b'), model_type: 'qwen2' }).modelType).toBe('qwen2');
  });
});

describe('fields this page does not know', () => {
  it('are ignored, with a note naming the first few and counting the rest; the count is unchanged', () => {
    const base = preset('mixtral-8x7b');
    const extra = Object.fromEntries(Array.from({ length: 11 }, (_, i) => [`my_field_${i}`, i]));
    const s = readMoeConfig({ ...base, ...extra });
    expect(codes(s.reading)).toEqual(['read.ignored']);
    expect(realNoteText(EN, s.reading[0]!)).toBe(
      `Ignored, not known to this page: ${Object.keys(extra).slice(0, MAX_IGNORED_LISTED).join(', ')} and 3 more`,
    );
    expect(realNoteText(ZH, s.reading[0]!)).toBe(
      `已忽略本页不认识的字段：${Object.keys(extra).slice(0, MAX_IGNORED_LISTED).join(', ')} 等，另有 3 个`,
    );
    expect(countParams({ ...base, ...extra }).total).toBe(countParams(base).total);
    const one = readMoeConfig({ ...base, num_hiden_layers: 3 });
    expect(realNoteText(EN, one.reading[0]!)).toBe('Ignored, not known to this page: num_hiden_layers');
  });

  it('a Llama 4 text_config’s unknown fields are named under text_config; usual config fields are not noted', () => {
    const scout = preset('llama4-scout');
    const s = readMoeConfig({ ...scout, text_config: { ...(scout.text_config as Cfg), foo: 1 } });
    expect(s.reading.map((n) => n.args)).toEqual([{ fields: 'text_config.foo', more: 0 }]);
    const usual = { rope_theta: 1e6, rms_norm_eps: 1e-6, torch_dtype: 'bfloat16', bos_token_id: 1, transformers_version: '4.51.0' };
    expect(readMoeConfig({ ...preset('qwen3-30b-a3b'), ...usual }).reading).toEqual([]);
    for (const p of PRESETS) expect(readMoeConfig(p.config).reading, p.id).toEqual([]);
  });

  it('without model_type: the inferred note first, then the ignored one', () => {
    const s = readMoeConfig({ ...without(QWEN2, ['model_type']), zzz: true });
    expect(codes(s.reading)).toEqual(['read.inferred', 'read.ignored']);
  });
});

describe('when the type cannot be told or is not supported', () => {
  it('says which fields a config needs, in English and Chinese', () => {
    for (const c of [{}, { vocab_size: 10 }, { hidden_size: 8, num_hidden_layers: 2 }, { architectures: ['GPT2LMHeadModel'] }]) {
      const e = refusal(c);
      expect(e.code).toBe('hf.modelTypeMissing');
      expect(e.field).toBe('model_type');
      expect(en(e)).toContain('a config needs vocab_size, hidden_size, num_hidden_layers, num_attention_heads, intermediate_size');
      expect(en(e)).toContain('for experts one of num_local_experts, num_experts, n_routed_experts with num_experts_per_tok');
      expect(zh(e)).toContain('配置需要 vocab_size, hidden_size, num_hidden_layers, num_attention_heads, intermediate_size');
    }
    const u = refusal({ ...preset('mixtral-8x7b'), model_type: 'phimoe' });
    expect(u.code).toBe('hf.modelTypeUnsupported');
    expect(en(u)).toMatch(
      /^"model_type" "phimoe" is not supported \(supported: deepseek_v3, .*\); to read it as one of these, leave "model_type" out and give vocab_size, /,
    );
    expect(zh(u)).toContain('请去掉 "model_type" 并给出 vocab_size');
  });

  it('a field it needs but lacks is still named (the inferred type’s own field)', () => {
    const e = refusal(without(QWEN3, ['model_type', 'num_experts_per_tok']));
    expect([e.field, en(e)]).toEqual(['num_experts_per_tok', '"num_experts_per_tok" is missing']);
  });
});

describe('the fields the page knows (real-infer.ts keeps them by hand)', () => {
  /** The config as a proxy that records every field the reader looks at or up, nested configs too. */
  function watched(raw: Readonly<Record<string, unknown>>, seen: Set<string>): Record<string, unknown> {
    return new Proxy({ ...raw } as Record<string, unknown>, {
      get(target, key) {
        if (typeof key === 'string') seen.add(key);
        const v = target[key as string];
        return key === 'text_config' && typeof v === 'object' && v !== null && !Array.isArray(v)
          ? watched(v as Record<string, unknown>, seen)
          : v;
      },
      getOwnPropertyDescriptor(target, key) {
        if (typeof key === 'string') seen.add(key);
        return Reflect.getOwnPropertyDescriptor(target, key);
      },
    });
  }

  it('every field the reader reads, with model_type and inferred without it, is one it does not call ignored', () => {
    const seen = new Set<string>();
    for (const p of PRESETS) {
      readMoeConfig(watched(p.config, seen));
      const { model_type: _type, ...rest } = p.config;
      readMoeConfig(watched(rest, seen));
    }
    expect(seen.size).toBeGreaterThan(25);
    const asConfig = Object.fromEntries([...seen].map((k) => [k, 1]));
    expect(unknownFields(asConfig, null)).toEqual([]);
  });
});
