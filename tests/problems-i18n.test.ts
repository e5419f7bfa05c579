/**
 * Messages from core and state in the page's language (src/ui/i18n/problems.ts, localized()).
 * Every problem and notice that core and state make carries a code the catalogue knows, the
 * catalogue words it in English and its Chinese is Chinese: checked
 * on thousands of bad inputs (garbage links, configs, training settings, pasted config.json files
 * and JSON, checkpoint files that cannot be used), which between them reach every code but a few that cannot be reached from outside.
 */
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { crc32, decodeCheckpoint, encodeCheckpoint, vocabHash, type CheckpointManifest } from '../src/core/checkpoint';
import { DEFAULT_CONFIG, LIMITS, ROUTERS, validateConfig } from '../src/core/config';
import { parseJson } from '../src/core/json-locate';
import { checkWhole } from '../src/core/kv-cache';
import { countParams } from '../src/core/params';
import { presetById, presetText } from '../src/core/presets';
import { readMoeConfig } from '../src/core/real-config';
import { MAX_ROUTE_WORK, routeRandomToken } from '../src/core/real-route';
import { DEFAULT_TRAIN, validateTrainSettings } from '../src/core/training';
import { decodeBalanceView, decodeTrainView } from '../src/state/train-url';
import { clipText, decodeView, MAX_TEXT_CHARS, otherKeyNotices } from '../src/state/url';
import { initialState, Simulator } from '../src/state/simulator';
import { CATALOGUE } from '../src/ui/i18n/all';
import { setLang } from '../src/ui/i18n/locale';
import { localized } from '../src/ui/i18n/localize-message';
import { problemText, type MaybeCoded, type ProblemTexts } from '../src/ui/i18n/problems';
import { garbageQuery, garbageText, numberText, validConfig } from './arbitraries';

const EN: ProblemTexts = CATALOGUE.en.problems;
const ZH: ProblemTexts = CATALOGUE.zh.problems;
const CODES = Object.keys(EN).sort();

/** Codes that no input from outside reaches: fallbacks for a problem that is always named, the JSON engine's own words, a wasm start-up failure. */
const UNREACHABLE = new Set([
  'link.notUnderstood',
  'link.noFit',
  'link.groupsNoFit',
  'json.engine',
  'backend.wasmFallback',
  'backend.timeout',
  'backend.wasmInit',
  'error.thrown',
]);

const HAN = /\p{Script=Han}/u;

/** Codes seen so far (nested reasons included), over the whole file. */
const seen = new Set<string>();

/** One message object from core or state: a known code, worded in English and in Chinese. */
function expectTranslatable(m: MaybeCoded, where: string): void {
  const code = m.code;
  expect(typeof code, `${where}: no code on ${JSON.stringify(m)}`).toBe('string');
  expect(Object.hasOwn(EN, code as string), `${where}: code ${String(code)} is not in the catalogue`).toBe(true);
  seen.add(code as string);
  const en = problemText(EN, m);
  expect(en.trim().length, where).toBeGreaterThan(0);
  expect(en, where).not.toMatch(/\[object /);
  const zh = problemText(ZH, m);
  expect(zh.trim().length, where).toBeGreaterThan(0);
  if (code !== 'json.engine') expect(zh, `${where}: ${zh}`).toMatch(HAN);
  const reason = (m.args as { reason?: MaybeCoded } | undefined)?.reason;
  if (reason) expectTranslatable(reason, `${where} (reason)`);
}

/** A decoded link: every notice worded in both languages. */
function expectCodedNotices(decoded: { notices: readonly MaybeCoded[] }, where: string): void {
  for (const n of decoded.notices) expectTranslatable(n, where);
}

function thrown(f: () => unknown): MaybeCoded | null {
  try {
    f();
    return null;
  } catch (e) {
    return e as MaybeCoded;
  }
}

/** One problem of each code that reading a checkpoint gives (src/core/checkpoint.ts). */
function checkpointProblems(): MaybeCoded[] {
  const config = { ...DEFAULT_CONFIG, modelWidth: 4, routedExperts: 2, topK: 1 };
  const tensors = [{ name: 'router', shape: [4, 2], values: Float32Array.from([1, 2, 3, 4, 5, 6, 7, 8]) }];
  const meta = {
    config,
    vocabHash: vocabHash(['a']),
    seed: 1,
    steps: 1,
    batch: 1,
    finalLoss: 1,
    earlyLosses: [1],
    heldOutLoss: 1,
    untrainedLoss: 2,
    specialisation: 0,
  };
  const { bin, manifest } = encodeCheckpoint(tensors, () => null, meta);
  const expected = { config, vocabHash: meta.vocabHash, tensors };
  const sealed = (b: Uint8Array): CheckpointManifest => ({ ...manifest, checksum: crc32(b).toString(16).padStart(8, '0') });
  const nan = bin.slice();
  new DataView(nan.buffer).setFloat32(manifest.tensors[0]!.offset, NaN, true);
  const flipped = bin.slice();
  flipped[20]! ^= 1;
  const longer = new Uint8Array(bin.length + 4);
  longer.set(bin);
  const reads = [
    decodeCheckpoint(bin, '{', expected, () => null),
    decodeCheckpoint(bin, { ...manifest, seed: 'one' }, expected, () => null),
    decodeCheckpoint(bin, { ...manifest, tensors: [{ ...manifest.tensors[0], shape: [2, -4] }] }, expected, () => null),
    decodeCheckpoint(bin, { ...manifest, version: 2 }, expected, () => null),
    decodeCheckpoint(new TextEncoder().encode('<!doctype html>'), manifest, expected, () => null),
    decodeCheckpoint(bin.slice(0, 20), manifest, expected, () => null),
    decodeCheckpoint(longer, manifest, expected, () => null),
    decodeCheckpoint(flipped, manifest, expected, () => null),
    decodeCheckpoint(bin, manifest, { ...expected, config: { ...config, modelWidth: 8 } }, () => null),
    decodeCheckpoint(bin, manifest, { ...expected, config: { ...config, layers: 2 } }, () => null),
    decodeCheckpoint(bin, manifest, { ...expected, vocabHash: vocabHash(['b']) }, () => null),
    decodeCheckpoint(bin, manifest, { ...expected, tensors: [{ name: 'router', shape: [2, 4] }] }, () => null),
    decodeCheckpoint(bin, manifest, { ...expected, tensors: [{ name: 'embedding', shape: [4] }] }, () => null),
    decodeCheckpoint(nan, sealed(nan), expected, () => null),
  ];
  return reads.map((r) => (r.ok ? { message: 'read' } : r.problem));
}

afterEach(() => setLang('en', { url: false }));

describe('the problems section of the catalogue', () => {
  it('has every code in both languages, each a function', () => {
    expect(Object.keys(ZH).sort()).toEqual(CODES);
    for (const code of CODES) {
      expect(typeof EN[code as keyof ProblemTexts], code).toBe('function');
      expect(typeof ZH[code as keyof ProblemTexts], code).toBe('function');
    }
    expect(CODES.length).toBeGreaterThan(80);
  });

  it('words real problems in Chinese on a Chinese page, and in English on an English one', () => {
    const r = validateConfig({ routedExperts: 8, topK: 9 });
    expect(r.ok).toBe(false);
    const p = r.ok ? null : r.problems[0]!;
    expect(p).toEqual({ field: 'topK', code: 'config.topKExceedsExperts', args: { topK: 9, experts: 8 } });
    expect(localized(p!)).toBe('top-k (9) cannot exceed the number of routed experts (8)');
    setLang('zh', { url: false });
    expect(localized(p!)).toBe('top-k（9）不能超过路由专家的数量（8）');

    const labelled = validateConfig({ routedExperts: 'many', layers: 2.5, sharedExperts: 9 });
    expect(labelled.ok ? [] : labelled.problems.map(localized)).toEqual([
      '路由专家数必须是数字，而不是 "many"',
      '共享专家数（9）必须在 0 到 4 之间',
      'MoE 层数必须是整数，而不是 2.5',
    ]);

    const train = validateTrainSettings(DEFAULT_TRAIN, { learningRate: 1, batchSize: 2.5 }, 'softmax-topk');
    expect(train.ok ? [] : train.problems.map(localized)).toEqual([
      '学习率（1）必须在 0.0001 到 0.1 之间',
      '批次大小必须是整数，而不是 2.5',
    ]);

    const link = decodeView('?e=4&k=9&cf=99&foo=1&pos=-1');
    expect(link.notices.map(localized)).toEqual([
      '已忽略 cf=99：容量因子（99）必须在 0.5 到 4 之间，或者不限。改用 不限。',
      '已忽略 k=9：top-k（9）不能超过路由专家的数量（4）。改用 2。',
      '已忽略 pos=-1：词元位置必须是 0 到 100000 之间的整数。改用 0。',
      '已忽略链接中的未知设置 "foo"。',
    ]);

    const json = parseJson('{\n  "a": 1\n  "b": 2\n}');
    expect(json.ok ? '' : localized(json.problem)).toBe('两个属性之间应有 ","（缺少逗号）');

    const missing = thrown(() => readMoeConfig({ ...presetById('deepseek-v3')!.config, n_group: undefined }));
    expect(problemText(EN, missing!)).toBe('"n_group" is missing (topk_method "noaux_tc" routes within groups)');
    expect(localized(missing!)).toBe('缺少 "n_group"（topk_method "noaux_tc" 在组内路由）');

    const kv = checkWhole('200000', 'context', 1, 131072, 'tokens');
    expect(kv.ok ? '' : localized(kv)).toBe('上下文长度必须在 1 到 131,072 个词元之间，而不是 200,000。');

    // Worded with the memory page's own labels and unit, whichever language the page was in when it was refused.
    const zhMemory = CATALOGUE.zh.memory;
    const words = (r: ReturnType<typeof checkWhole>): string => (r.ok ? '' : localized(r));
    expect(words(checkWhole('abc', 'context', 1, 131072, 'tokens'))).toBe(
      `${zhMemory.calc.context}必须是 1 到 131,072 ${zhMemory.calc.tokensUnit}之间的数字。`,
    );
    expect(words(checkWhole('1.5', 'batch', 1, 1024))).toBe(`${zhMemory.calc.batch}必须是 1 到 1,024 之间的整数，而不是 1.5。`);
    expect(words(checkWhole('-3', 'seed', 0, 4294967295))).toBe(`${zhMemory.page.seed}必须在 0 到 4,294,967,295 之间，而不是 -3。`);

    setLang('en', { url: false });
    expect(link.notices.map(localized)).toEqual([
      'Ignored cf=99: capacity factor (99) must be between 0.5 and 4, or no limit. Using no limit.',
      'Ignored k=9: top-k (9) cannot exceed the number of routed experts (4). Using 2.',
      'Ignored pos=-1: the token position must be a whole number from 0 to 100000. Using 0.',
      'Ignored unknown setting "foo" in the link.',
    ]);
  });

  it('leaves no English words in the Chinese of typical problems', () => {
    const samples: MaybeCoded[] = [
      ...decodeView('?e=abc&k=3&cf=99&r=magic&pos=-1&speed=fast&e=5&hide=bogus&zzz=1&L=9&text=' + 'a'.repeat(2100)).notices,
      ...decodeTrainView('?lr=fast&batch=2.5&alpha=3&z=-1&bal=magic&speed=3').notices,
      ...decodeTrainView('?bal=bias').notices,
      ...decodeBalanceView('?r=softmax-topk&g=3&left=loud&bal=none').notices,
      ...[
        { capacityFactor: 'lots' },
        { router: 7 },
        { gateNorm: 'renormalised' },
        { granularity: 3 },
        [],
        { routedExperts: 256, granularity: 2 },
        { routedExperts: 8, expertHidden: 63, granularity: 2 },
      ].flatMap((c) => {
        const r = validateConfig(c);
        return r.ok ? [] : r.problems;
      }),
      ...[
        { ...presetById('mixtral-8x7b')!.config, num_experts_per_tok: 9 },
        { model_type: 'gpt2' },
        { ...presetById('deepseek-v2')!.config, n_shared_experts: undefined },
      ].map((c) => thrown(() => readMoeConfig(c))!),
      ...["{'a': 1}", '[1, 2,]', '{"a": 01}', '{"a": "x\ny"}', '{"a": 1} 2', '{"a": tru}'].map((t) => {
        const r = parseJson(t);
        return r.ok ? { message: '' } : r.problem;
      }),
      ...checkpointProblems(),
    ];
    expect(samples.length).toBeGreaterThan(25);
    const ENGLISH =
      /\b(must|cannot|not|the|Ignored|Using|between|number|whole|should|expected|found|missing|only|link|groups?|experts?|setting|unknown|of|and|or|is|are)\b/;
    for (const m of samples) {
      expectTranslatable(m, JSON.stringify(m));
      // Values quoted from the input and code names (keys, routers, fields) stay as they are; take those out first.
      const zh = problemText(ZH, m)
        .replace(/"[^"]*"/g, '')
        .replace(/\b[a-z]+=[^\s：。]*/g, '')
        .replace(
          /\b(softmax-topk|noisy-topk|sigmoid-bias|expert-choice|none|switch|bias\+seq|bias|router|seed|experts|controls|balance|top-k|MoE|JSON|sigmoid|DeepSeek-V3|topk_method|null|true|false|no_limit)\b/g,
          '',
        );
      expect(zh, `${problemText(EN, m)} → ${problemText(ZH, m)}`).not.toMatch(ENGLISH);
    }
  });
});

describe('every message core and state make has a code the catalogue words in both languages', () => {
  it('links of the simulator and the training pages (garbage queries)', () => {
    fc.assert(
      fc.property(garbageQuery, (q) => {
        expectCodedNotices(decodeView(q), `decodeView(${JSON.stringify(q)})`);
        expectCodedNotices(decodeTrainView(q), `decodeTrainView(${JSON.stringify(q)})`);
        expectCodedNotices(decodeBalanceView(q), `decodeBalanceView(${JSON.stringify(q)})`);
      }),
      { numRuns: 2000, seed: 7 },
    );
    const trainKeys = fc.constantFrom(
      'lr',
      'batch',
      'bal',
      'alpha',
      'gamma',
      'seqa',
      'z',
      'left',
      'right',
      'r',
      'g',
      'tg',
      'k',
      'e',
      'speed',
      'bs',
      'hide',
      'lesson',
    );
    const trainValue = fc.oneof(numberText, garbageText, fc.constantFrom('none', 'switch', 'bias', 'bias+seq', 'bias seq', ...ROUTERS));
    fc.assert(
      fc.property(fc.array(fc.tuple(trainKeys, trainValue), { maxLength: 6 }), (pairs) => {
        const q = `?${pairs.map(([k, v]) => `${k}=${encodeURIComponent(v.replace(/\p{Cs}/gu, '\uFFFD'))}`).join('&')}`;
        expectCodedNotices(decodeTrainView(q), `decodeTrainView(${q})`);
        expectCodedNotices(decodeBalanceView(q), `decodeBalanceView(${q})`);
      }),
      { numRuns: 2000, seed: 8 },
    );
    for (const q of [
      '?bal=bias',
      '?r=softmax-topk&g=3',
      '?bal=none',
      '?left=x&right=y',
      '?k=9&e=4',
      '?e=1',
      '?text=' + 'x'.repeat(2001),
      '?r=noisy-topk&g=5&tg=9',
    ]) {
      expectCodedNotices(decodeView(q), q);
      expectCodedNotices(decodeTrainView(q), q);
      expectCodedNotices(decodeBalanceView(q), q);
    }
  });

  it('simulator settings, alone and together', () => {
    const keys = fc.constantFrom(
      'modelWidth',
      'routedExperts',
      'topK',
      'sharedExperts',
      'expertHidden',
      'granularity',
      'capacityFactor',
      'router',
      'routerNoise',
      'nGroup',
      'topkGroup',
      'routeScale',
      'layers',
      'seed',
      'bogus',
      'top_k',
    );
    const values = fc.oneof(
      fc.integer({ min: -3, max: 300 }),
      fc.double(),
      fc.constantFrom(null, true, [], [1], {}, 'abc', '8', ...ROUTERS, 0.5, 1.25, 2, 4, 8, 1024, 2 ** 32),
    );
    fc.assert(
      fc.property(fc.dictionary(keys, values, { maxKeys: 5 }), (input) => {
        const r = validateConfig(input);
        if (!r.ok) for (const p of r.problems) expectTranslatable(p, `validateConfig(${JSON.stringify(input)})`);
      }),
      { numRuns: 3000, seed: 9 },
    );
    // Valid configs with one field changed: mostly the rules that tie fields together.
    fc.assert(
      fc.property(validConfig, keys, fc.integer({ min: 1, max: 256 }), (config, key, v) => {
        const r = validateConfig({ ...config, [key]: key === 'router' ? 'sigmoid-bias' : key === 'granularity' ? 8 : v });
        if (!r.ok) for (const p of r.problems) expectTranslatable(p, `validateConfig(${key}=${v})`);
      }),
      { numRuns: 3000, seed: 10 },
    );
    for (const input of [
      null,
      5,
      'x',
      [],
      { routedExperts: 256, modelWidth: 256, expertHidden: 1024, layers: 4 },
      { router: 'sigmoid-bias', routedExperts: 8, nGroup: 4, topkGroup: 5 },
      { router: 'sigmoid-bias', routedExperts: 8, nGroup: 4, topkGroup: 1, topK: 3 },
      { topK: 16, granularity: 2 },
    ]) {
      const r = validateConfig(input);
      expect(r.ok, JSON.stringify(input)).toBe(false);
      if (!r.ok) for (const p of r.problems) expectTranslatable(p, JSON.stringify(input));
    }
    expect(LIMITS.maxTopK).toBe(16);
  });

  it('training settings', () => {
    const fields = fc.constantFrom('learningRate', 'batchSize', 'balance', 'alpha', 'gamma', 'seqAlpha', 'zLoss');
    const values = fc.oneof(
      fc.double(),
      fc.integer({ min: -5, max: 50 }),
      fc.constantFrom(null, 'x', 'none', 'switch', 'bias', 'bias+seq', [], true),
    );
    fc.assert(
      fc.property(fc.dictionary(fields, values, { maxKeys: 3 }), fc.constantFrom(...ROUTERS), (change, router) => {
        const r = validateTrainSettings(DEFAULT_TRAIN, change, router);
        if (!r.ok) for (const p of r.problems) expectTranslatable(p, `validateTrainSettings(${JSON.stringify(change)}, ${router})`);
      }),
      { numRuns: 3000, seed: 11 },
    );
  });

  it('pasted config.json files: every field missing, null or of the wrong kind', () => {
    const qwen2 = {
      model_type: 'qwen2_moe',
      vocab_size: 1000,
      hidden_size: 64,
      intermediate_size: 128,
      moe_intermediate_size: 32,
      shared_expert_intermediate_size: 64,
      num_experts: 8,
      num_experts_per_tok: 2,
      num_hidden_layers: 4,
      num_attention_heads: 4,
      num_key_value_heads: 2,
      decoder_sparse_step: 1,
      mlp_only_layers: [0],
    };
    const olmoe = {
      model_type: 'olmoe',
      vocab_size: 1000,
      hidden_size: 64,
      intermediate_size: 32,
      num_hidden_layers: 2,
      num_attention_heads: 4,
      num_experts: 8,
      num_experts_per_tok: 2,
    };
    const deepseek = presetById('deepseek-v3')!.config as Record<string, unknown>;
    const bases: Record<string, unknown>[] = [
      deepseek,
      presetById('deepseek-v2')!.config as Record<string, unknown>,
      presetById('mixtral-8x7b')!.config as Record<string, unknown>,
      qwen2,
      { ...qwen2, model_type: 'qwen3_moe', head_dim: 16 },
      olmoe,
    ];
    const extra = [
      'head_dim',
      'n_group',
      'topk_group',
      'q_lora_rank',
      'n_shared_experts',
      'moe_layer_freq',
      'first_k_dense_replace',
      'intermediate_size',
      'qkv_bias',
      'attention_bias',
      'routed_scaling_factor',
      'topk_method',
      'scoring_func',
      'norm_topk_prob',
      'tie_word_embeddings',
      'mlp_only_layers',
    ];
    const mutations: unknown[] = [undefined, null, 'x', -1, 0, 1.5, 1e12, true, [], {}, [99], 3, 5, 'greedy', 'softmax', Number.NaN];
    let errors = 0;
    for (const base of bases) {
      for (const key of new Set([...Object.keys(base), ...extra])) {
        for (const v of mutations) {
          const config = { ...base, [key]: v };
          for (const f of [() => readMoeConfig(config), () => countParams(config)]) {
            const e = thrown(f);
            if (e) {
              errors++;
              expectTranslatable(e, `${String(base.model_type)} with ${key}=${String(v)}`);
            }
          }
        }
      }
    }
    const special: unknown[] = [
      null,
      [],
      'config',
      7,
      {},
      { model_type: 5 },
      { ...qwen2, hidden_size: 66 },
      { ...olmoe, hidden_size: 66 },
      { ...qwen2, num_key_value_heads: 3 },
      { ...deepseek, first_k_dense_replace: 99 },
      { ...deepseek, n_group: 8, topk_group: 9 },
      { ...deepseek, n_group: 7 },
      { ...deepseek, topk_group: 1, num_experts_per_tok: 40 },
      { ...deepseek, vocab_size: 100_000_000, hidden_size: 100_000_000 },
      // Past the page's limits on routed experts, groups, top-k and shared experts.
      { ...deepseek, n_routed_experts: 2 ** 20, n_group: 2 ** 20, topk_group: 2 ** 20 },
      { ...deepseek, n_group: 512 },
      { ...deepseek, num_experts_per_tok: 100, topk_group: 8 },
      { ...deepseek, n_shared_experts: 65 },
      { ...(presetById('mixtral-8x7b')!.config as Record<string, unknown>), num_local_experts: 1_000_000, num_experts_per_tok: 1_000_000 },
      // Llama 4's text_config must be an object.
      { ...(presetById('llama4-scout')!.config as Record<string, unknown>), text_config: 'x' },
    ];
    for (const config of special) {
      const e = thrown(() => countParams(config));
      expect(e, JSON.stringify(config)).not.toBeNull();
      expectTranslatable(e!, JSON.stringify(config));
    }
    expect(errors).toBeGreaterThan(300);
  });

  it('JSON syntax errors in pasted text', () => {
    const base = presetText(presetById('deepseek-v2')!);
    fc.assert(
      fc.property(
        fc.nat(base.length),
        fc.nat(base.length),
        fc.constantFrom('', ',', '"', "'", '{', '}', '[', ']', ':', '\n', '\t', '\u0001', '/', '\\', 'x', '0', '-', '.', 'e'),
        (at, len, insert) => {
          const text = base.slice(0, at) + insert + base.slice(at + (len % 4));
          const r = parseJson(text);
          if (!r.ok) expectTranslatable(r.problem, JSON.stringify(text.slice(Math.max(0, at - 20), at + 20)));
        },
      ),
      { numRuns: 3000, seed: 12 },
    );
    const broken = [
      '',
      '  ',
      '// a comment\n{}',
      '{"a": /* x */ 1}',
      "{'a': 1}",
      "['x']",
      '{"a": 1,}',
      '[1,]',
      '{"a" 1}',
      '{"a": 1 "b": 2}',
      '{"a": 1 ]',
      '[1 }',
      '{"a": 1',
      '[1',
      '"abc',
      '"\\u12"',
      '"\\q"',
      '"a\nb"',
      '"a\u0001b"',
      '01',
      '1.',
      '1e',
      '-',
      '{"a": 1} x',
      '{a: 1}',
      '{"a": }',
      '{"a": [1, 2',
      'nul',
      '{"a":1}\n\n}',
    ];
    for (const t of broken) {
      const r = parseJson(t);
      expect(r.ok, t).toBe(false);
      if (!r.ok) expectTranslatable(r.problem, JSON.stringify(t));
    }
  });

  it('typed numbers on the memory page, and a router too large to route', () => {
    fc.assert(
      fc.property(
        fc.oneof(numberText, garbageText),
        fc.constantFrom(['context', 1, 131072, 'tokens'] as const, ['batch', 1, 1024, ''] as const, ['seed', 0, 4294967295, ''] as const),
        (text, [label, min, max, unit]) => {
          const r = checkWhole(text, label, min, max, unit);
          if (!r.ok) expectTranslatable(r, `checkWhole(${JSON.stringify(text)}, ${label})`);
        },
      ),
      { numRuns: 2000, seed: 13 },
    );
    const e = thrown(() => routeRandomToken({ ...presetById('deepseek-v3')!.config, hidden_size: MAX_ROUTE_WORK }, 1));
    expect(e).not.toBeNull();
    expectTranslatable(e!, 'routeRandomToken');
  });

  it('a sentence cut to its limit or of emoji only, a backend not understood, and JSON nested too deep', async () => {
    expectTranslatable(clipText('x'.repeat(MAX_TEXT_CHARS + 1)).cut!, 'clipText');
    const sim = new Simulator(initialState(), { fetchCheckpoint: () => Promise.reject(new Error('none')) });
    await sim.setText('🎉 🐱');
    expectTranslatable(sim.state.textCut!, 'Simulator.setText');
    sim.dispose();
    for (const n of otherKeyNotices('?backend=gpu&zz=1')) expectTranslatable(n, 'otherKeyNotices');
    const deep = parseJson(`{"a": ${'['.repeat(200)}${']'.repeat(200)}}`);
    expect(deep.ok).toBe(false);
    if (!deep.ok) expectTranslatable(deep.problem, 'deep JSON');
  });

  it('between them reach every code of the catalogue but the unreachable ones', () => {
    // Runs after the tests above (same file, in order): what they saw is in `seen`.
    expect(CODES.filter((c) => !seen.has(c) && !UNREACHABLE.has(c))).toEqual([]);
  });

  it('words the unreachable ones too', () => {
    const reason = { message: 'it does not fit the other settings', code: 'link.noFit', args: {} };
    expect(problemText(EN, { message: '', code: 'link.ignored', args: { key: 'e', value: '1', reason, using: '8' } })).toBe(
      'Ignored e=1: it does not fit the other settings. Using 8.',
    );
    expect(problemText(ZH, { message: '', code: 'link.ignored', args: { key: 'e', value: '1', reason, using: '8' } })).toBe(
      '已忽略 e=1：它与其他设置不相容。改用 8。',
    );
    const wasm = { code: 'backend.wasmFallback', args: { why: { code: 'backend.timeout', args: { ms: 10000 } } } };
    expect(problemText(EN, wasm)).toBe(
      'WebAssembly could not start (timed out after 10000 ms); running on the slower JavaScript backend. Results are the same.',
    );
    expect(problemText(ZH, wasm)).toBe('WebAssembly 无法启动（10000 毫秒后超时）；改用较慢的 JavaScript 后端运行，结果相同。');
    const init = { code: 'backend.wasmFallback', args: { why: { code: 'backend.wasmInit', args: {} } } };
    expect(problemText(EN, init)).toBe(
      'WebAssembly could not start (the wasm backend did not initialise); running on the slower JavaScript backend. Results are the same.',
    );
    expect(problemText(ZH, init)).toMatch(/wasm 后端未能初始化/);
    const thrown = { code: 'backend.wasmFallback', args: { why: { code: 'error.thrown', args: { text: 'no SIMD' } } } };
    expect(problemText(ZH, thrown)).toBe('WebAssembly 无法启动（no SIMD）；改用较慢的 JavaScript 后端运行，结果相同。');
  });

  it('shows a plain string as it is, and a code the catalogue does not know as its text or the code itself', () => {
    setLang('zh', { url: false });
    expect(localized('plain words')).toBe('plain words');
    expect(localized({ message: 'odd', code: 'no.such.code', args: {} })).toBe('odd');
    expect(localized({ code: 'no.such.code', args: {} })).toBe('no.such.code');
    expect(localized({ message: 'no code at all' })).toBe('no code at all');
  });
});
