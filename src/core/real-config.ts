/**
 * Reads a Hugging Face style `config.json` of a mixture-of-experts language model into the plain
 * shape that the counting (params.ts) and the routing (real-route.ts) work from. Pure TypeScript:
 * no DOM, no tfjs.
 *
 * Supported `model_type`s, with the module that defines their weights:
 *   deepseek_v3, deepseek_v2   DeepSeek's modeling_deepseek.py (and transformers' port): multi-head
 *                              latent attention (MLA), first_k_dense_replace dense layers, routed +
 *                              shared experts, group-limited routing.
 *   mixtral                    transformers' modeling_mixtral.py: grouped-query attention, 8 experts.
 *   qwen2_moe                  modeling_qwen2_moe.py: q/k/v biases, one wide shared expert with a
 *                              sigmoid gate, decoder_sparse_step and mlp_only_layers.
 *   qwen3_moe                  modeling_qwen3_moe.py: per-head q/k RMS norms, no shared expert.
 *   olmoe                      modeling_olmoe.py: q/k RMS norms over the full projections.
 *
 * The rules, so that nothing is guessed silently:
 *   - A field that decides a size must be present and be a whole number; if not, the error names it.
 *   - A field whose absence has a meaning written in the model's own code (no num_key_value_heads =
 *     one key/value head per query head; no head_dim = hidden_size / num_attention_heads; no
 *     tie_word_embeddings = untied) takes that meaning, and the reader lists it in `defaults` so the
 *     page can show what was assumed.
 *   - Left out, and said so in `leftOut`: multi-token-prediction modules (DeepSeek-V3's
 *     num_nextn_predict_layers) and vision towers (vision_config), as the published headline totals do.
 * Both lists are English sentences; `codedDefaults` and `codedLeftOut` are the same notes with a code
 * and arguments each (RealNoteMessages, see ./coded), from which the page words them in its language.
 */

import { withCode, type Coded } from './coded';
import { clip } from './config';
import { LIMIT_WORDS, REAL_LIMITS, type LimitWhat } from './real-limits';

export const MODEL_TYPES = ['deepseek_v3', 'deepseek_v2', 'mixtral', 'qwen2_moe', 'qwen3_moe', 'olmoe'] as const;
export type ModelType = (typeof MODEL_TYPES)[number];

/** Largest width, count or vocabulary accepted for one field: keeps every count an exact integer. */
export const MAX_FIELD = 100_000_000;
/**
 * Most layers accepted. Published models have at most a few hundred; the count walks the layers one
 * by one, and a pasted num_hidden_layers of 100,000,000 would freeze the page for seconds.
 */
export const MAX_LAYERS = 10_000;

/** An error in a config, naming the field at fault ("config" for the whole object). */
export class ConfigFieldError extends Error {
  readonly field: string;
  constructor(field: string, message: string) {
    super(message);
    this.name = 'ConfigFieldError';
    this.field = field;
  }
}

/** Why a missing field is needed, in the words of the "is missing" message. */
export const MISSING_WHY = {
  firstDense: () => 'how many of the first layers are dense',
  denseWidth: () => 'the width of the dense layers',
  expertWidth: () => 'the width of each expert',
  sharedWidth: () => 'the width of the shared expert; 0 for none',
  groupsRoute: (method: string) => `topk_method "${method}" routes within groups`,
  groupsBest: (method: string) => `topk_method "${method}" keeps only the best groups`,
} as const;
export type MissingWhy = keyof typeof MISSING_WHY;

/** What null means for a field that may be null, in the words of its "is missing" message. */
export const NULL_MEANS = { noShared: 'no shared experts', noQueryCompression: 'no query compression' } as const;
export type NullMeaning = keyof typeof NULL_MEANS;

/**
 * The errors of a pasted config, by code, with their arguments (see ./coded). `got` is a value as
 * the message quotes it: a number, true or false, a string in double quotes, or one of the words
 * missing, null, a list, an object.
 */
export interface RealConfigMessages {
  'hf.notObject': { got: string };
  'hf.modelTypeMissing': { supported: string };
  'hf.modelTypeUnsupported': { got: string; supported: string };
  'hf.missing': { field: string };
  'hf.missingWhy': { field: string; why: MissingWhy; method: string };
  'hf.missingOrNull': { field: string; nullMeans: NullMeaning };
  'hf.notBoolean': { field: string; got: string };
  'hf.notNumber': { field: string; got: string };
  'hf.atLeast': { field: string; min: number; value: number };
  'hf.notOneOf': { field: string; options: string; got: string };
  'hf.notList': { field: string; got: string };
  'hf.badLayer': { field: string; max: number; got: string };
  'hf.notWhole': { field: string; got: string };
  'hf.tooLarge': { field: string; value: number; max: number };
  'hf.limit': { field: string; value: number; max: number; what: LimitWhat };
  'hf.topKExceeds': { topK: number; experts: number; expertsField: string };
  'hf.firstDenseExceeds': { firstDense: number; layers: number };
  'hf.groupsUneven': { experts: number; groups: number };
  'hf.topkGroupExceeds': { topkGroup: number; groups: number };
  'hf.topKExceedsGroups': { topK: number; held: number; topkGroup: number };
  'hf.kvHeads': { heads: number; kvHeads: number };
  'hf.headDimMissing': { hidden: number; heads: number };
  'hf.headsNotDividing': { hidden: number; heads: number };
  'hf.tooManyWeights': { total: string };
}
export type RealConfigCode = keyof RealConfigMessages;

/**
 * Why a field that the config left out took the value it did, in the words of its note
 * ("field = value (why)"): the code `default.<why>` of RealNoteMessages.
 */
export const DEFAULT_WHY = {
  modelCode: "the model code's default",
  untied: 'untied, the default of this model type',
  moeAfterDense: 'every layer after the dense ones is MoE',
  kvPerQuery: 'one key/value head per query head',
  everyLayerMoe: 'every layer is MoE',
  qkvBias: 'Qwen2-MoE has q, k and v biases',
} as const;
export type DefaultWhy = keyof typeof DEFAULT_WHY;

/**
 * The notes of a config that was read, by code, with their arguments (see ./coded):
 *   default.<why>    a field the config left out, and the value it took: "field = value (why)", with
 *                    `value` as JSON writes it (false, 1, 2.5, "noaux_tc", []);
 *   default.derived  a field computed from others: "head_dim = 128 (hidden_size / num_attention_heads)";
 *   leftOut.*        what the count leaves out, as the published headline totals do.
 */
export type RealNoteMessages = { [W in DefaultWhy as `default.${W}`]: { field: string; value: string } } & {
  'default.derived': { field: string; value: string; from: string };
  'leftOut.mtp': { layers: number };
  'leftOut.vision': Record<string, never>;
};
export type RealNoteCode = keyof RealNoteMessages;
/** One note: its English text in `message`, its code and arguments (not enumerable). */
export type RealNote = Coded<RealNoteMessages>;

function note<C extends RealNoteCode>(code: C, args: RealNoteMessages[C], message: string): RealNote {
  return withCode({ message }, code, args) as unknown as RealNote;
}

/** A ConfigFieldError with its code and arguments attached (not enumerable). */
export type CodedFieldError = ConfigFieldError & Coded<RealConfigMessages>;

/** The error to throw for a field: its English message, code and arguments. */
export function fieldError<C extends RealConfigCode>(
  field: string,
  code: C,
  args: RealConfigMessages[C],
  message: string,
): CodedFieldError {
  return withCode(new ConfigFieldError(field, message), code, args) as CodedFieldError;
}

/** Multi-head latent attention (DeepSeek-V2/V3). */
export interface MlaAttention {
  kind: 'mla';
  heads: number;
  /** null: queries are not compressed (a plain q_proj), as in DeepSeek-V2-Lite. */
  qLoraRank: number | null;
  kvLoraRank: number;
  qkNopeHeadDim: number;
  qkRopeHeadDim: number;
  vHeadDim: number;
  /** attention_bias: biases on q_a_proj, kv_a_proj_with_mqa and o_proj. */
  bias: boolean;
}

/** Grouped-query attention (multi-head when kvHeads = heads). */
export interface GqaAttention {
  kind: 'gqa';
  heads: number;
  kvHeads: number;
  headDim: number;
  qkvBias: boolean;
  oBias: boolean;
  /** RMS norms on queries and keys: none, one per head shared by all heads (Qwen3), or over the full projection (OLMoE). */
  qkNorm: 'none' | 'per-head' | 'full';
}

export type Attention = MlaAttention | GqaAttention;

/**
 * How a router turns one token's logits into chosen experts and gate weights:
 *   scores    = softmax(logits) over all experts, or sigmoid(logit) per expert;
 *   groups    = when nGroup > 1, experts are split into nGroup groups, each ranked by its best score
 *               ('max', DeepSeek-V2) or the sum of its two best ('top2-sum', DeepSeek-V3), and only
 *               the best topkGroup groups may be chosen from;
 *   chosen    = the top-k scores among the allowed experts;
 *   weights   = the chosen scores, renormalised to sum 1 when `normalise`, times `scale`.
 * Mixtral's "top-k logits, then softmax over those k" equals softmax, top-k, renormalise.
 */
export interface RouterRule {
  scoring: 'softmax' | 'sigmoid';
  nGroup: number;
  topkGroup: number;
  groupScore: 'max' | 'top2-sum';
  normalise: boolean;
  scale: number;
  /** Noisy top-k (toy only): noise multiplier; 0 for none. */
  noise: number;
  /** Qwen2-MoE: the shared expert's output is multiplied by sigmoid(w·x). */
  sharedGate: boolean;
  /** DeepSeek-V3: a per-expert bias added for selection only (zero here: no trained weights). */
  selectionBias: boolean;
  /** One sentence for the page. */
  text: string;
}

export interface MoeShape {
  modelType: ModelType;
  vocab: number;
  hidden: number;
  layers: number;
  attention: Attention;
  /** Per layer, whether its feed-forward block is a mixture of experts (else a dense SwiGLU). */
  moeLayer: boolean[];
  moeLayers: number;
  denseLayers: number;
  /** Hidden width of the dense layers' SwiGLU (0 when every layer is MoE). */
  denseWidth: number;
  /** Routed experts per MoE layer, chosen per token, and each one's hidden width. */
  experts: number;
  topK: number;
  expertWidth: number;
  /** Always-on experts per MoE layer and each one's hidden width. */
  sharedExperts: number;
  sharedWidth: number;
  /** Router weights besides the experts × hidden gate matrix: V3's selection bias, Qwen2's shared-expert gate. */
  routerBias: boolean;
  sharedGate: boolean;
  tied: boolean;
  router: RouterRule;
  /** Fields that were absent and took the meaning the model's code gives them ("field = value (why)"). */
  defaults: string[];
  /** What is left out of the count. */
  leftOut: string[];
  /** The notes of `defaults` and `leftOut`, in the same order, with their codes (for the page's language). */
  codedDefaults: RealNote[];
  codedLeftOut: RealNote[];
}

type Raw = Record<string, unknown>;

function describe(v: unknown): string {
  if (v === undefined) return 'missing';
  if (v === null) return 'null';
  if (typeof v === 'string') return JSON.stringify(clip(v, 24));
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (Array.isArray(v)) return 'a list';
  return `an ${typeof v}`;
}

const has = (raw: Raw, field: string): boolean => Object.hasOwn(raw, field) && raw[field] !== undefined;

/** Reads fields of one config, collecting the defaults it applies. */
class Reader {
  readonly defaults: RealNote[] = [];
  constructor(readonly raw: Raw) {}

  /** Notes that `field` was absent and took `value` (written as JSON writes it), for the reason `why`. */
  assumed(field: string, value: unknown, why: DefaultWhy): void {
    const shown = JSON.stringify(value);
    this.defaults.push(note(`default.${why}`, { field, value: shown }, `${field} = ${shown} (${DEFAULT_WHY[why]})`));
  }

  /** Notes that `field` was absent and was computed as `from`. */
  derived(field: string, value: number, from: string): void {
    this.defaults.push(note('default.derived', { field, value: String(value), from }, `${field} = ${value} (${from})`));
  }

  /** A required whole number in [min, max]; `why` says what it is for when it is missing. */
  int(field: string, min = 1, why: { why: MissingWhy; method?: string } | null = null, max = MAX_FIELD): number {
    if (!has(this.raw, field)) {
      if (!why) throw fieldError(field, 'hf.missing', { field }, `"${field}" is missing`);
      const method = why.method ?? '';
      throw fieldError(field, 'hf.missingWhy', { field, why: why.why, method }, `"${field}" is missing (${MISSING_WHY[why.why](method)})`);
    }
    return this.check(field, this.raw[field], min, max);
  }

  /** `value` (read from `field`) if it is within REAL_LIMITS[what]; else the coded problem hf.limit. */
  limited(field: string, value: number, what: LimitWhat): number {
    const max = REAL_LIMITS[what];
    if (value > max) {
      const w = LIMIT_WORDS[what];
      throw fieldError(
        field,
        'hf.limit',
        { field, value, max, what },
        `"${field}" (${value}) is more ${w.what} than this page handles (at most ${max.toLocaleString('en')}; ${w.real})`,
      );
    }
    return value;
  }

  /** A whole number, or null for "none" (the field must still be present). */
  intOrNull(field: string, min: number, nullMeans: NullMeaning): number | null {
    if (!has(this.raw, field)) {
      throw fieldError(
        field,
        'hf.missingOrNull',
        { field, nullMeans },
        `"${field}" is missing (give a number, or null for ${NULL_MEANS[nullMeans]})`,
      );
    }
    const v = this.raw[field];
    return v === null ? null : this.check(field, v, min);
  }

  /** A whole number that may be absent (or null), taking `fallback` with the reason recorded. */
  optionalInt(field: string, min: number, fallback: number, why: DefaultWhy): number {
    const v = this.raw[field];
    if (!has(this.raw, field) || v === null) {
      this.assumed(field, fallback, why);
      return fallback;
    }
    return this.check(field, v, min);
  }

  flag(field: string, fallback: boolean, why: DefaultWhy = 'modelCode'): boolean {
    if (!has(this.raw, field) || this.raw[field] === null) {
      this.assumed(field, fallback, why);
      return fallback;
    }
    const v = this.raw[field];
    if (typeof v !== 'boolean') {
      const got = describe(v);
      throw fieldError(field, 'hf.notBoolean', { field, got }, `"${field}" must be true or false, not ${got}`);
    }
    return v;
  }

  real(field: string, fallback: number, min: number): number {
    if (!has(this.raw, field) || this.raw[field] === null) {
      this.assumed(field, fallback, 'modelCode');
      return fallback;
    }
    const v = this.raw[field];
    if (typeof v !== 'number' || !Number.isFinite(v)) {
      const got = describe(v);
      throw fieldError(field, 'hf.notNumber', { field, got }, `"${field}" must be a number, not ${got}`);
    }
    if (v < min) throw fieldError(field, 'hf.atLeast', { field, min, value: v }, `"${field}" must be at least ${min}, not ${v}`);
    return v;
  }

  choice<T extends string>(field: string, options: readonly T[], fallback: T): T {
    if (!has(this.raw, field) || this.raw[field] === null) {
      this.assumed(field, fallback, 'modelCode');
      return fallback;
    }
    const v = this.raw[field];
    if (typeof v !== 'string' || !(options as readonly string[]).includes(v)) {
      const list = options.map((o) => `"${o}"`).join(', ');
      const got = describe(v);
      throw fieldError(field, 'hf.notOneOf', { field, options: list, got }, `"${field}" must be one of ${list}, not ${got}`);
    }
    return v as T;
  }

  /** A list of layer indices in [0, layers). */
  layerList(field: string, layers: number): number[] {
    if (!has(this.raw, field) || this.raw[field] === null) {
      this.assumed(field, [], 'modelCode');
      return [];
    }
    const v = this.raw[field];
    if (!Array.isArray(v)) {
      const got = describe(v);
      throw fieldError(field, 'hf.notList', { field, got }, `"${field}" must be a list of layer numbers, not ${got}`);
    }
    for (const x of v) {
      if (typeof x !== 'number' || !Number.isInteger(x) || x < 0 || x >= layers) {
        const got = describe(x);
        throw fieldError(
          field,
          'hf.badLayer',
          { field, max: layers - 1, got },
          `"${field}" must list layer numbers from 0 to ${layers - 1}, not ${got}`,
        );
      }
    }
    return v as number[];
  }

  private check(field: string, v: unknown, min: number, max = MAX_FIELD): number {
    if (typeof v !== 'number' || !Number.isFinite(v) || !Number.isInteger(v)) {
      const got = describe(v);
      throw fieldError(field, 'hf.notWhole', { field, got }, `"${field}" must be a whole number, not ${got}`);
    }
    if (v < min) throw fieldError(field, 'hf.atLeast', { field, min, value: v }, `"${field}" must be at least ${min}, not ${v}`);
    if (v > max)
      throw fieldError(
        field,
        'hf.tooLarge',
        { field, value: v, max },
        `"${field}" (${v}) is larger than this page counts (at most ${max.toLocaleString('en')})`,
      );
    return v;
  }
}

/** Reads and checks a config; throws a ConfigFieldError naming the first field at fault. */
export function readMoeConfig(input: unknown): MoeShape {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    const got = describe(input);
    throw fieldError('config', 'hf.notObject', { got }, `the config must be a JSON object ({ … }), not ${got}`);
  }
  const raw = input as Raw;
  const supported = MODEL_TYPES.join(', ');
  if (!has(raw, 'model_type')) {
    throw fieldError('model_type', 'hf.modelTypeMissing', { supported }, `"model_type" is missing; supported: ${supported}`);
  }
  const type = raw.model_type;
  if (typeof type !== 'string' || !(MODEL_TYPES as readonly string[]).includes(type)) {
    const got = describe(type);
    throw fieldError(
      'model_type',
      'hf.modelTypeUnsupported',
      { got, supported },
      `"model_type" ${got} is not supported; supported: ${supported}`,
    );
  }
  const r = new Reader(raw);
  const modelType = type as ModelType;
  const vocab = r.int('vocab_size');
  const hidden = r.int('hidden_size');
  const layers = r.int('num_hidden_layers', 1, null, MAX_LAYERS);
  const heads = r.int('num_attention_heads');
  const tied = r.flag('tie_word_embeddings', false, 'untied');

  const codedLeftOut: RealNote[] = [];
  const mtp = raw.num_nextn_predict_layers;
  if (typeof mtp === 'number' && mtp > 0) {
    codedLeftOut.push(
      note(
        'leftOut.mtp',
        { layers: mtp },
        `the multi-token-prediction module (num_nextn_predict_layers = ${mtp}), as in the published headline total`,
      ),
    );
  }
  if (has(raw, 'vision_config')) codedLeftOut.push(note('leftOut.vision', {}, 'the vision tower (vision_config)'));

  const base = { modelType, vocab, hidden, layers, tied };
  const shape = modelType === 'deepseek_v3' || modelType === 'deepseek_v2' ? readDeepseek(r, base, heads) : readGqaMoe(r, base, heads);
  return {
    ...shape,
    defaults: r.defaults.map((d) => d.message),
    leftOut: codedLeftOut.map((l) => l.message),
    codedDefaults: r.defaults,
    codedLeftOut,
  };
}

type Base = Pick<MoeShape, 'modelType' | 'vocab' | 'hidden' | 'layers' | 'tied'>;
/** What readDeepseek and readGqaMoe give: a shape without its notes (readMoeConfig adds them). */
type Read = Omit<MoeShape, 'defaults' | 'leftOut' | 'codedDefaults' | 'codedLeftOut'>;

/**
 * The layer split: `moeLayers` is counted in closed form by the caller (the count never walks the
 * layers); `moeLayer`, the same per layer, is built for views and tests (at most MAX_LAYERS long).
 */
function layerSplit(
  layers: number,
  moeLayers: number,
  isMoe: (i: number) => boolean,
): Pick<MoeShape, 'moeLayer' | 'moeLayers' | 'denseLayers'> {
  return { moeLayer: Array.from({ length: layers }, (_, i) => isMoe(i)), moeLayers, denseLayers: layers - moeLayers };
}

/** num_experts_per_tok: at most the experts, and within REAL_LIMITS.topK. */
function readTopK(r: Reader, experts: number, expertsField: string): number {
  const topK = r.int('num_experts_per_tok');
  if (topK > experts) {
    throw fieldError(
      'num_experts_per_tok',
      'hf.topKExceeds',
      { topK, experts, expertsField },
      `"num_experts_per_tok" (${topK}) cannot exceed "${expertsField}" (${experts})`,
    );
  }
  return r.limited('num_experts_per_tok', topK, 'topK');
}

function readDeepseek(r: Reader, base: Base, heads: number): Read {
  const v3 = base.modelType === 'deepseek_v3';
  const experts = r.limited('n_routed_experts', r.int('n_routed_experts'), 'experts');
  const topK = readTopK(r, experts, 'n_routed_experts');
  const expertWidth = r.int('moe_intermediate_size');
  const sharedExperts = r.limited('n_shared_experts', r.intOrNull('n_shared_experts', 0, 'noShared') ?? 0, 'shared');
  const firstDense = r.int('first_k_dense_replace', 0, { why: 'firstDense' });
  if (firstDense > base.layers) {
    throw fieldError(
      'first_k_dense_replace',
      'hf.firstDenseExceeds',
      { firstDense, layers: base.layers },
      `"first_k_dense_replace" (${firstDense}) cannot exceed "num_hidden_layers" (${base.layers})`,
    );
  }
  const freq = r.optionalInt('moe_layer_freq', 1, 1, 'moeAfterDense');
  // DeepSeek's modeling_deepseek.py: layer i is MoE when i >= first_k_dense_replace and i % moe_layer_freq == 0.
  // Multiples of freq in [firstDense, layers): ceil(layers / freq) − ceil(firstDense / freq).
  const moeLayers = Math.ceil(base.layers / freq) - Math.ceil(firstDense / freq);
  const split = layerSplit(base.layers, moeLayers, (i) => i >= firstDense && i % freq === 0);
  const denseWidth = split.denseLayers > 0 ? r.int('intermediate_size', 1, { why: 'denseWidth' }) : 0;

  const qLoraRank = r.intOrNull('q_lora_rank', 1, 'noQueryCompression');
  const attention: MlaAttention = {
    kind: 'mla',
    heads,
    qLoraRank,
    kvLoraRank: r.int('kv_lora_rank'),
    qkNopeHeadDim: r.int('qk_nope_head_dim'),
    qkRopeHeadDim: r.int('qk_rope_head_dim'),
    vHeadDim: r.int('v_head_dim'),
    bias: r.flag('attention_bias', false),
  };

  // Routing: the defaults below are those of DeepSeek's own config classes for each version.
  const topkMethod = r.choice('topk_method', ['noaux_tc', 'group_limited_greedy', 'greedy'] as const, v3 ? 'noaux_tc' : 'greedy');
  const scoring = r.choice('scoring_func', ['sigmoid', 'softmax'] as const, v3 ? 'sigmoid' : 'softmax');
  const normTopk = r.flag('norm_topk_prob', v3);
  const scaleRaw = r.real('routed_scaling_factor', v3 ? 2.5 : 1, 0);
  let nGroup = 1;
  let topkGroup = 1;
  if (topkMethod !== 'greedy') {
    nGroup = r.limited('n_group', r.int('n_group', 1, { why: 'groupsRoute', method: topkMethod }), 'groups');
    topkGroup = r.int('topk_group', 1, { why: 'groupsBest', method: topkMethod });
    if (experts % nGroup !== 0) {
      throw fieldError(
        'n_group',
        'hf.groupsUneven',
        { experts, groups: nGroup },
        `"n_routed_experts" (${experts}) cannot be split evenly into "n_group" (${nGroup}) groups`,
      );
    }
    if (topkGroup > nGroup)
      throw fieldError(
        'topk_group',
        'hf.topkGroupExceeds',
        { topkGroup, groups: nGroup },
        `"topk_group" (${topkGroup}) cannot exceed "n_group" (${nGroup})`,
      );
    const held = topkGroup * (experts / nGroup);
    if (topK > held) {
      throw fieldError(
        'num_experts_per_tok',
        'hf.topKExceedsGroups',
        { topK, held, topkGroup },
        `"num_experts_per_tok" (${topK}) is more than the ${held} experts in "topk_group" (${topkGroup}) groups`,
      );
    }
  }
  // V3 (DeepSeek's Gate, transformers' DeepseekV3TopkRouter): renormalised whenever norm_topk_prob,
  // at every k (top-1 gives 1 × the scale), then times routed_scaling_factor. V2's code renormalises
  // only when top_k > 1 and norm_topk_prob, and applies the scaling factor only when it does not.
  const normalise = normTopk && (v3 || topK > 1);
  const scale = v3 || !normalise ? scaleRaw : 1;
  const groupScore = topkMethod === 'noaux_tc' ? 'top2-sum' : 'max';
  const groupsText =
    nGroup > 1
      ? ` The ${experts} experts sit in ${nGroup} groups; each group is ranked by ${groupScore === 'top2-sum' ? 'the sum of its 2 best scores' : 'its best score'} and only the best ${topkGroup} groups may be used.`
      : '';
  const what = scoring === 'sigmoid' ? 'scores' : 'probabilities';
  const weightText = normalise
    ? `the chosen ${what} scaled to sum to 1${scale !== 1 ? `, then times ${scale}` : ''}`
    : `the chosen ${what}${scale !== 1 ? ` times ${scale}` : ' as they are'}`;
  const router: RouterRule = {
    scoring,
    nGroup,
    topkGroup,
    groupScore,
    normalise,
    scale,
    noise: 0,
    sharedGate: false,
    selectionBias: topkMethod === 'noaux_tc',
    text:
      `${scoring === 'sigmoid' ? 'Sigmoid score per expert' : `Softmax over all ${experts} experts`}.${groupsText} ` +
      `The top ${topK} are chosen; gate weights: ${weightText}.` +
      (sharedExperts > 0 ? ` ${sharedExperts} shared expert${sharedExperts > 1 ? 's always run' : ' always runs'}.` : ''),
  };

  return {
    ...base,
    attention,
    ...split,
    denseWidth,
    experts,
    topK,
    expertWidth,
    sharedExperts,
    sharedWidth: sharedExperts > 0 ? expertWidth : 0,
    routerBias: topkMethod === 'noaux_tc',
    sharedGate: false,
    router,
  };
}

/** Mixtral, Qwen2-MoE, Qwen3-MoE and OLMoE: grouped-query attention and softmax routers. */
function readGqaMoe(r: Reader, base: Base, heads: number): Read {
  const t = base.modelType;
  const expertsField = t === 'mixtral' ? 'num_local_experts' : 'num_experts';
  const experts = r.limited(expertsField, r.int(expertsField), 'experts');
  const topK = readTopK(r, experts, expertsField);
  const expertWidth =
    t === 'mixtral' || t === 'olmoe' ? r.int('intermediate_size', 1, { why: 'expertWidth' }) : r.int('moe_intermediate_size');

  const kvHeads = r.optionalInt('num_key_value_heads', 1, heads, 'kvPerQuery');
  if (heads % kvHeads !== 0) {
    throw fieldError(
      'num_key_value_heads',
      'hf.kvHeads',
      { heads, kvHeads },
      `"num_attention_heads" (${heads}) must be a multiple of "num_key_value_heads" (${kvHeads})`,
    );
  }
  let headDim: number;
  const explicitHeadDim = t !== 'olmoe' && has(r.raw, 'head_dim') && r.raw.head_dim !== null;
  if (explicitHeadDim) headDim = r.int('head_dim');
  else {
    // OLMoE's code always uses hidden_size / num_attention_heads.
    if (base.hidden % heads !== 0) {
      const args = { hidden: base.hidden, heads };
      const why = `"hidden_size" (${base.hidden}) does not divide by "num_attention_heads" (${heads})`;
      throw t === 'olmoe'
        ? fieldError('num_attention_heads', 'hf.headsNotDividing', args, why)
        : fieldError('head_dim', 'hf.headDimMissing', args, `"head_dim" is missing and ${why}`);
    }
    headDim = base.hidden / heads;
    if (t !== 'olmoe') r.derived('head_dim', headDim, 'hidden_size / num_attention_heads');
  }

  let qkvBias = false;
  let oBias = false;
  if (t === 'qwen2_moe') qkvBias = r.flag('qkv_bias', true, 'qkvBias');
  else if (t === 'qwen3_moe' || t === 'olmoe') qkvBias = oBias = r.flag('attention_bias', false);
  const attention: GqaAttention = {
    kind: 'gqa',
    heads,
    kvHeads,
    headDim,
    qkvBias,
    oBias,
    qkNorm: t === 'qwen3_moe' ? 'per-head' : t === 'olmoe' ? 'full' : 'none',
  };

  let split = layerSplit(base.layers, base.layers, () => true);
  if (t === 'qwen2_moe' || t === 'qwen3_moe') {
    // modeling_qwen*_moe.py: layer i is MoE unless listed in mlp_only_layers, and when (i + 1) % decoder_sparse_step == 0.
    const step = r.optionalInt('decoder_sparse_step', 1, 1, 'everyLayerMoe');
    const mlpOnly = new Set(r.layerList('mlp_only_layers', base.layers));
    const sparse = (i: number): boolean => (i + 1) % step === 0;
    // floor(layers / step) sparse layers, less those listed in mlp_only_layers.
    const moeLayers = Math.floor(base.layers / step) - [...mlpOnly].filter(sparse).length;
    split = layerSplit(base.layers, moeLayers, (i) => !mlpOnly.has(i) && sparse(i));
  }
  const denseWidth = split.denseLayers > 0 ? r.int('intermediate_size', 1, { why: 'denseWidth' }) : 0;

  const sharedWidth = t === 'qwen2_moe' ? r.int('shared_expert_intermediate_size', 0, { why: 'sharedWidth' }) : 0;
  const sharedExperts = sharedWidth > 0 ? 1 : 0;
  const sharedGate = t === 'qwen2_moe';

  // Mixtral always renormalises; Qwen2/Qwen3-MoE and OLMoE whenever norm_topk_prob, at every k, as their code does.
  const normalise = t === 'mixtral' ? true : r.flag('norm_topk_prob', false);
  const router: RouterRule = {
    scoring: 'softmax',
    nGroup: 1,
    topkGroup: 1,
    groupScore: 'max',
    normalise,
    scale: 1,
    noise: 0,
    sharedGate,
    selectionBias: false,
    text:
      t === 'mixtral'
        ? `The top ${topK} of the ${experts} router logits are chosen; gate weights: softmax over those ${topK}.`
        : `Softmax over all ${experts} experts; the top ${topK} are chosen; gate weights: ${normalise ? 'their probabilities scaled to sum to 1' : 'their probabilities as they are'}.` +
          (sharedGate && sharedExperts ? ' The shared expert always runs, scaled by its own sigmoid gate.' : ''),
  };

  return {
    ...base,
    attention,
    ...split,
    denseWidth,
    experts,
    topK,
    expertWidth,
    sharedExperts,
    sharedWidth,
    routerBias: false,
    sharedGate,
    router,
  };
}
