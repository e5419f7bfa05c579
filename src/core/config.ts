/**
 * The toy model's shape and routing settings, their defaults, and validation whose problems the
 * ui words for a teacher (each a code and its arguments). Validation never throws: it returns the checked config or a list of problems.
 */

import type { CodeOf } from './coded';

export const ROUTERS = ['softmax-topk', 'noisy-topk', 'sigmoid-bias', 'expert-choice'] as const;
export type RouterKind = (typeof ROUTERS)[number];

export const GRANULARITIES = [1, 2, 4, 8] as const;

/**
 * How the chosen experts' gate weights are made (src/core/gate-math.ts gateWeights): 'chosen'
 * renormalises them over the k chosen (Mixtral, Qwen3-MoE, DeepSeek-V3; at k = 1 the weight is always 1, so the
 * task loss gives the router no gradient); 'all' keeps each chosen expert's probability over all
 * experts (the Switch Transformer; Qwen1.5/Qwen2-MoE and OLMoE ship norm_topk_prob false).
 */
export const GATE_NORMS = ['chosen', 'all'] as const;
export type GateNorm = (typeof GATE_NORMS)[number];

/** Hard limits of the simulator. */
export const LIMITS = {
  maxRoutedExperts: 256,
  maxTopK: 16,
  maxShared: 4,
  maxLayers: 4,
  minCapacityFactor: 0.5,
  maxCapacityFactor: 4,
  /**
   * Most expert weights (routed and shared, all layers) the page builds: 2^25, about a second to
   * draw in a browser tab. Each field's own maximum together (256 experts, width 256, hidden 1024,
   * 4 layers) would be 805 million weights, 3.2 GB and half a minute or more before anything shows.
   */
  maxExpertWeights: 2 ** 25,
} as const;

export interface MoeConfig {
  /** d: width of the token vectors. */
  modelWidth: number;
  /** E: routed experts before fine-grained splitting. */
  routedExperts: number;
  /** k: routed experts each token activates, before fine-grained splitting. */
  topK: number;
  /** K_s: shared experts, always on for every token. */
  sharedExperts: number;
  /** Hidden width of one (unsplit) expert's SwiGLU feed-forward network. */
  expertHidden: number;
  /** m: fine-grained segmentation; each expert becomes m experts of hidden width expertHidden/m, m·k are active. */
  granularity: number;
  /** Capacity factor; null means no limit (no token is ever dropped). */
  capacityFactor: number | null;
  router: RouterKind;
  /** Multiplier on the Gaussian noise of the noisy-topk router (0 turns it off). */
  routerNoise: number;
  /** sigmoid-bias: number of expert groups, and how many groups a token may use. */
  nGroup: number;
  topkGroup: number;
  /** sigmoid-bias: gate weights are renormalised to sum 1 (see gateNorm), then multiplied by this. */
  routeScale: number;
  /** Token-choice routers: gate weights renormalised over the chosen k, or probabilities over all experts. */
  gateNorm: GateNorm;
  /** Stacked MoE layers (each: RMS norm, MoE, residual). */
  layers: number;
  seed: number;
}

export const DEFAULT_CONFIG: Readonly<MoeConfig> = Object.freeze({
  modelWidth: 32,
  routedExperts: 8,
  topK: 2,
  sharedExperts: 0,
  expertHidden: 64,
  granularity: 1,
  capacityFactor: null,
  router: 'softmax-topk',
  routerNoise: 1,
  nGroup: 1,
  topkGroup: 1,
  routeScale: 1,
  gateNorm: 'chosen',
  layers: 1,
  seed: 1,
});

/** The shape that actually runs, after fine-grained segmentation. */
export interface ExpertShape {
  /** Routed experts that exist: E·m. */
  experts: number;
  /** Routed experts each token activates: k·m. */
  active: number;
  /** Hidden width of each routed and shared expert: h/m. */
  hidden: number;
  shared: number;
  width: number;
  /** Experts per group (sigmoid-bias). */
  groupSize: number;
}

export function expertShape(c: MoeConfig): ExpertShape {
  return {
    experts: c.routedExperts * c.granularity,
    active: c.topK * c.granularity,
    hidden: c.expertHidden / c.granularity,
    shared: c.sharedExperts,
    width: c.modelWidth,
    groupSize: (c.routedExperts * c.granularity) / c.nGroup,
  };
}

/** Weights of all routed and shared experts in all layers: L · 3·d·(h/m) · (E·m + K_s). */
export function expertWeights(c: MoeConfig): number {
  return c.layers * 3 * c.modelWidth * (c.expertHidden / c.granularity) * (c.routedExperts * c.granularity + c.sharedExperts);
}

/** Fields checked by a plain number rule (in RULES; the catalogue names each). */
export type RuleField = Exclude<keyof MoeConfig, 'router' | 'capacityFactor' | 'granularity' | 'gateNorm'>;

/**
 * The problems validateConfig reports, by code, with their arguments (see ./coded). `got` is a
 * value as the message quotes it: a number, a string in double quotes, or one of the words
 * null, a list, boolean, object, undefined.
 */
export interface ConfigMessages {
  'config.notObject': { got: string };
  'config.unknownSetting': { name: string };
  'config.notNumber': { field: RuleField; got: string };
  'config.notWhole': { field: RuleField; value: number };
  'config.outOfRange': { field: RuleField; value: number; min: number; max: number };
  'config.router': { got: string; options: string };
  'config.gateNorm': { got: string; options: string };
  'config.granularity': { got: string; options: string };
  'config.capacityNotNumber': { got: string };
  'config.capacityRange': { value: number; min: number; max: number };
  'config.topKExceedsExperts': { topK: number; experts: number };
  'config.hiddenNotDivisible': { hidden: number; granularity: number };
  'config.expertsTimesGranularity': { experts: number; granularity: number; max: number };
  'config.topKTimesGranularity': { topK: number; granularity: number; max: number };
  'config.tooManyWeights': { weights: number; max: number };
  'config.groupsUneven': { experts: number; groups: number };
  'config.groupsPerToken': { topkGroup: number; groups: number };
  'config.groupsTooSmall': { topkGroup: number; groups: number; held: number; topK: number };
}
export type ConfigCode = keyof ConfigMessages;

/** A problem with a setting: the field it is about and its message's code and arguments (the ui words it). */
export type ConfigProblem = { readonly field: keyof MoeConfig | 'config' } & CodeOf<ConfigMessages>;
/** The same (the name other modules know it by). */
export type CodedConfigProblem = ConfigProblem;

function problem<C extends ConfigCode>(field: ConfigProblem['field'], code: C, args: ConfigMessages[C]): ConfigProblem {
  return { field, code, args } as ConfigProblem;
}

export type ConfigResult = { ok: true; config: MoeConfig } | { ok: false; problems: CodedConfigProblem[] };

interface IntRule {
  kind: 'int';
  min: number;
  max: number;
}
interface NumRule {
  kind: 'num';
  min: number;
  max: number;
}

const RULES: Record<RuleField, IntRule | NumRule> = {
  modelWidth: { kind: 'int', min: 2, max: 256 },
  routedExperts: { kind: 'int', min: 1, max: LIMITS.maxRoutedExperts },
  topK: { kind: 'int', min: 1, max: LIMITS.maxTopK },
  sharedExperts: { kind: 'int', min: 0, max: LIMITS.maxShared },
  expertHidden: { kind: 'int', min: 1, max: 1024 },
  routerNoise: { kind: 'num', min: 0, max: 10 },
  nGroup: { kind: 'int', min: 1, max: LIMITS.maxRoutedExperts },
  topkGroup: { kind: 'int', min: 1, max: LIMITS.maxRoutedExperts },
  routeScale: { kind: 'num', min: 0.01, max: 100 },
  layers: { kind: 'int', min: 1, max: LIMITS.maxLayers },
  seed: { kind: 'int', min: 0, max: 4294967295 },
};

/**
 * The first `max` UTF-16 units of text, one fewer when the cut would split a surrogate pair (half an
 * emoji), and "…" when anything was cut. Messages quote what a user typed through this.
 */
export function clip(text: string, max: number, ellipsis = '…'): string {
  if (text.length <= max) return text;
  const last = text.charCodeAt(max - 1);
  return text.slice(0, last >= 0xd800 && last <= 0xdbff ? max - 1 : max) + ellipsis;
}

/** The fields whose value is one of a list (checked in this order); each has a problem code of its own name. */
const CHOICES: { [F in 'router' | 'gateNorm' | 'granularity']: readonly MoeConfig[F][] } = {
  router: ROUTERS,
  gateNorm: GATE_NORMS,
  granularity: GRANULARITIES,
};

function describe(v: unknown): string {
  if (typeof v === 'string') return JSON.stringify(clip(v, 20));
  if (typeof v === 'number') return String(v);
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
  return typeof v;
}

/**
 * Checks a (partial) config. Missing fields take their defaults; unknown fields are reported.
 * Returns every problem found, each naming its field. With `together: false` only each field's own
 * rule is checked, not how the fields fit together.
 */
export function validateConfig(input: unknown, options: { together?: boolean } = {}): ConfigResult {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    const got = describe(input);
    return { ok: false, problems: [problem('config', 'config.notObject', { got })] };
  }
  const raw = input as Record<string, unknown>;
  const problems: CodedConfigProblem[] = [];
  const out: MoeConfig = { ...DEFAULT_CONFIG };

  for (const key of Object.keys(raw)) {
    if (Object.hasOwn(DEFAULT_CONFIG, key)) continue;
    const name = clip(key, 40, '');
    problems.push(problem('config', 'config.unknownSetting', { name }));
  }

  for (const [field, rule] of Object.entries(RULES) as [keyof typeof RULES, IntRule | NumRule][]) {
    if (!(field in raw) || raw[field] === undefined) continue;
    const v = raw[field];
    if (typeof v !== 'number' || !Number.isFinite(v)) {
      const got = describe(v);
      problems.push(problem(field, 'config.notNumber', { field, got }));
    } else if (rule.kind === 'int' && !Number.isInteger(v)) {
      problems.push(problem(field, 'config.notWhole', { field, value: v }));
    } else if (v < rule.min || v > rule.max) {
      const { min, max } = rule;
      problems.push(problem(field, 'config.outOfRange', { field, value: v, min, max }));
    } else {
      out[field] = v === 0 ? 0 : v; // -0 is written "0" in links and messages: keep it 0
    }
  }

  for (const field of Object.keys(CHOICES) as (keyof typeof CHOICES)[]) {
    if (!(field in raw) || raw[field] === undefined) continue;
    const v = raw[field];
    const options: readonly unknown[] = CHOICES[field];
    if (options.includes(v)) Object.assign(out, { [field]: v });
    else problems.push(problem(field, `config.${field}`, { got: describe(v), options: options.join(', ') }));
  }

  if ('capacityFactor' in raw && raw.capacityFactor !== undefined) {
    const v = raw.capacityFactor;
    const { minCapacityFactor: lo, maxCapacityFactor: hi } = LIMITS;
    if (v === null) out.capacityFactor = null;
    else if (typeof v !== 'number' || !Number.isFinite(v)) {
      const got = describe(v);
      problems.push(problem('capacityFactor', 'config.capacityNotNumber', { got }));
    } else if (v < lo || v > hi) {
      problems.push(problem('capacityFactor', 'config.capacityRange', { value: v, min: lo, max: hi }));
    } else out.capacityFactor = v;
  }

  if (problems.length === 0 && options.together !== false) problems.push(...crossChecks(out));
  return problems.length ? { ok: false, problems } : { ok: true, config: out };
}

/** Rules that tie fields together; only run once every field is valid on its own. */
function crossChecks(c: MoeConfig): CodedConfigProblem[] {
  const p: CodedConfigProblem[] = [];
  const m = c.granularity;
  if (c.topK > c.routedExperts) {
    p.push(problem('topK', 'config.topKExceedsExperts', { topK: c.topK, experts: c.routedExperts }));
  }
  if (c.expertHidden % m !== 0) {
    p.push(problem('granularity', 'config.hiddenNotDivisible', { hidden: c.expertHidden, granularity: m }));
  }
  if (c.routedExperts * m > LIMITS.maxRoutedExperts) {
    p.push(
      problem('granularity', 'config.expertsTimesGranularity', { experts: c.routedExperts, granularity: m, max: LIMITS.maxRoutedExperts }),
    );
  }
  if (c.topK * m > LIMITS.maxTopK) {
    p.push(problem('granularity', 'config.topKTimesGranularity', { topK: c.topK, granularity: m, max: LIMITS.maxTopK }));
  }
  const weights = expertWeights(c);
  if (weights > LIMITS.maxExpertWeights) {
    p.push(problem('routedExperts', 'config.tooManyWeights', { weights, max: LIMITS.maxExpertWeights }));
  }
  const experts = c.routedExperts * m;
  if (c.router === 'sigmoid-bias') {
    if (experts % c.nGroup !== 0) {
      p.push(problem('nGroup', 'config.groupsUneven', { experts, groups: c.nGroup }));
    } else if (c.topkGroup > c.nGroup) {
      p.push(problem('topkGroup', 'config.groupsPerToken', { topkGroup: c.topkGroup, groups: c.nGroup }));
    } else if (c.topK * m > c.topkGroup * (experts / c.nGroup)) {
      const held = c.topkGroup * (experts / c.nGroup);
      p.push(problem('topkGroup', 'config.groupsTooSmall', { topkGroup: c.topkGroup, groups: c.nGroup, held, topK: c.topK * m }));
    }
  }
  return p;
}

/** Merges a change into a valid config; returns the new config or the problems (old config untouched). */
export function updateConfig(base: MoeConfig, change: Partial<Record<keyof MoeConfig, unknown>>): ConfigResult {
  return validateConfig({ ...base, ...change });
}
