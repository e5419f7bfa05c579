/**
 * The words that the messages of ./problems quote: names of settings and fields, what a missing
 * field means, where in a JSON text, and how a value is shown, in English and Simplified Chinese.
 */
import type { CheckpointMatchField } from '../../core/checkpoint';
import type { RuleField } from '../../core/config';
import type { JsonWhere } from '../../core/json-locate';
import type { KvLabel, KvUnit } from '../../core/kv-cache';
import type { MissingWhy, NullMeaning } from '../../core/real-config';
import type { LimitWhat } from '../../core/real-limits';
import type { TrainNumberField } from '../../core/training';
import type { ViewNumberKey } from '../../state/url';

export const n = (x: number): string => x.toLocaleString('en');

// ---- English (the words of core and state) ----

export const CONFIG_LABELS_EN: Record<RuleField, string> = {
  modelWidth: 'model width',
  routedExperts: 'routed experts',
  topK: 'top-k',
  sharedExperts: 'shared experts',
  expertHidden: 'expert hidden width',
  routerNoise: 'router noise',
  nGroup: 'expert groups',
  topkGroup: 'groups per token',
  routeScale: 'route scale',
  layers: 'MoE layers',
  seed: 'seed',
};

/** The config fields a checkpoint's weights depend on (src/core/checkpoint.ts CHECKPOINT_MATCH_FIELDS). */
export const CHECKPOINT_LABELS_EN: Record<CheckpointMatchField, string> = {
  modelWidth: CONFIG_LABELS_EN.modelWidth,
  routedExperts: CONFIG_LABELS_EN.routedExperts,
  sharedExperts: CONFIG_LABELS_EN.sharedExperts,
  expertHidden: CONFIG_LABELS_EN.expertHidden,
  granularity: 'expert granularity',
  layers: CONFIG_LABELS_EN.layers,
  seed: CONFIG_LABELS_EN.seed,
};

export const TRAIN_LABELS_EN: Record<TrainNumberField, string> = {
  learningRate: 'learning rate',
  batchSize: 'batch size',
  alpha: 'balance loss α',
  gamma: 'bias update speed γ',
  seqAlpha: 'sequence-wise loss α',
  zLoss: 'z-loss coefficient',
};

export const WHY_EN: Record<MissingWhy, (method: string) => string> = {
  firstDense: () => 'how many of the first layers are dense',
  denseWidth: () => 'the width of the dense layers',
  expertWidth: () => 'the width of each expert',
  sharedWidth: () => 'the width of the shared expert; 0 for none',
  groupsRoute: (method) => `topk_method "${method}" routes within groups`,
  groupsBest: (method) => `topk_method "${method}" keeps only the best groups`,
};

export const NULL_MEANS_EN: Record<NullMeaning, string> = { noShared: 'no shared experts', noQueryCompression: 'no query compression' };

/** What a limit of a pasted config counts, and how many the published models have. */
export const LIMIT_EN: Record<LimitWhat, { what: string; real: string }> = {
  experts: { what: 'routed experts', real: 'published MoE models have up to a few hundred' },
  groups: { what: 'groups', real: 'published models use up to 8' },
  topK: { what: 'experts per token', real: 'published models use up to about 16' },
  shared: { what: 'shared experts', real: 'published models have up to a few' },
};

export const WHERE_EN: Record<JsonWhere, string> = {
  value: 'a value',
  propertyName: 'a property name in double quotes',
  colon: '":" after the property name',
  digit: 'a digit',
  fractionDigit: 'a digit after the decimal point',
  exponentDigit: 'a digit in the exponent',
};

export const VIEW_NAMES_EN: Record<ViewNumberKey, string> = {
  pos: 'the token position',
  gamma: 'the bias update speed',
  bs: 'the number of bias updates',
  speed: 'the play speed',
  layer: 'the layer shown',
};

/** A control character's code point, U+XXXX. */
export function codePoint(c: string): string | null {
  const code = c.charCodeAt(0);
  return code < 0x20 || code === 0x7f ? `U+${code.toString(16).padStart(4, '0').toUpperCase()}` : null;
}

export function shownEn(c: string): string {
  if (c === '\n') return 'a line break';
  if (c === "'") return "a single quote (')";
  const cp = codePoint(c);
  return cp ? `the control character ${cp}` : `"${c}"`;
}

/** The captions of the memory page's typed numbers and their unit, as its labels word them (tests/problems-i18n.test.ts checks they agree). */
export const KV_LABELS_EN: Record<KvLabel, string> = { context: 'Context length', batch: 'Batch size', seed: 'Seed' };
export const KV_UNITS_EN: Record<KvUnit, string> = { tokens: 'tokens' };
export const kvRangeEn = (a: { min: number; max: number; unit: KvUnit | '' }): string =>
  `${n(a.min)} to ${n(a.max)}${a.unit ? ` ${KV_UNITS_EN[a.unit]}` : ''}`;

// ---- Simplified Chinese ----

export const CONFIG_LABELS_ZH: Record<RuleField, string> = {
  modelWidth: '模型宽度',
  routedExperts: '路由专家数',
  topK: 'top-k',
  sharedExperts: '共享专家数',
  expertHidden: '专家隐藏层宽度',
  routerNoise: '路由器噪声',
  nGroup: '专家组数',
  topkGroup: '每个词元可用的组数',
  routeScale: '路由缩放系数',
  layers: 'MoE 层数',
  seed: '随机种子',
};

export const CHECKPOINT_LABELS_ZH: Record<CheckpointMatchField, string> = {
  modelWidth: CONFIG_LABELS_ZH.modelWidth,
  routedExperts: CONFIG_LABELS_ZH.routedExperts,
  sharedExperts: CONFIG_LABELS_ZH.sharedExperts,
  expertHidden: CONFIG_LABELS_ZH.expertHidden,
  granularity: '专家粒度',
  layers: CONFIG_LABELS_ZH.layers,
  seed: CONFIG_LABELS_ZH.seed,
};

export const TRAIN_LABELS_ZH: Record<TrainNumberField, string> = {
  learningRate: '学习率',
  batchSize: '批次大小',
  alpha: '均衡损失系数 α',
  gamma: '偏置更新速度 γ',
  seqAlpha: '序列级均衡损失系数 α',
  zLoss: 'z 损失系数',
};

export const WHY_ZH: Record<MissingWhy, (method: string) => string> = {
  firstDense: () => '开头有几层是稠密层',
  denseWidth: () => '稠密层的宽度',
  expertWidth: () => '每个专家的宽度',
  sharedWidth: () => '共享专家的宽度；没有共享专家时为 0',
  groupsRoute: (method) => `topk_method "${method}" 在组内路由`,
  groupsBest: (method) => `topk_method "${method}" 只保留得分最高的几组`,
};

export const NULL_MEANS_ZH: Record<NullMeaning, string> = { noShared: '没有共享专家', noQueryCompression: '不压缩查询' };

export const LIMIT_ZH: Record<LimitWhat, { what: string; real: string }> = {
  experts: { what: '路由专家数', real: '已发布的 MoE 模型最多只有几百个' },
  groups: { what: '分组数', real: '已发布的模型最多用 8 组' },
  topK: { what: '每个词元的专家数', real: '已发布的模型最多约 16 个' },
  shared: { what: '共享专家数', real: '已发布的模型最多只有几个' },
};

export const WHERE_ZH: Record<JsonWhere, string> = {
  value: '一个值',
  propertyName: '用双引号括起来的属性名',
  colon: '属性名之后的 ":"',
  digit: '一个数字',
  fractionDigit: '小数点之后的数字',
  exponentDigit: '指数部分的数字',
};

export const VIEW_NAMES_ZH: Record<ViewNumberKey, string> = {
  pos: '词元位置',
  gamma: '偏置更新速度',
  bs: '偏置更新次数',
  speed: '播放速度',
  layer: '显示的层',
};

/** How a value quoted in a message reads in Chinese: the descriptive words are translated, values stay. */
export const VALUE_WORDS_ZH: Record<string, string> = {
  'a list': '列表',
  'an object': '对象',
  object: '对象',
  boolean: '布尔值',
  missing: '缺失',
  string: '字符串',
  number: '数字',
  function: '函数',
  symbol: '符号',
  bigint: '大整数',
};
export const valueZh = (got: string): string => (Object.hasOwn(VALUE_WORDS_ZH, got) ? (VALUE_WORDS_ZH[got] as string) : got);

export const HAN = /\p{Script=Han}/u;
/** A space before text that does not start with a Chinese character (a number, name or quote), as Chinese typesetting spaces mixed text. */
export const lead = (text: string): string => (HAN.test(text.charAt(0)) ? text : ` ${text}`);
/** A space after text that does not end with a Chinese character. */
export const trail = (text: string): string => (HAN.test(text.charAt(text.length - 1)) ? text : `${text} `);
/** "而不是 "x"", "而不是列表". */
export const notZh = (got: string): string => `而不是${lead(valueZh(got))}`;

/** Link values used instead of a bad one: words translated, numbers and names kept. */
export const usingZh = (using: string): string => (using === 'no limit' ? '不限' : using);

/**
 * The captions of the memory page's typed numbers, and their unit, as its labels word them
 * (src/ui/i18n/memory.ts: calc.context, calc.batch, page.seed, calc.tokensUnit; kept here so that
 * every page need not load the memory page's texts; tests/problems-i18n.test.ts checks they agree).
 */
export const KV_LABELS_ZH: Record<KvLabel, string> = { context: '上下文长度', batch: '批大小', seed: '随机种子' };
export const KV_UNITS_ZH: Record<KvUnit, string> = { tokens: '个词元' };
/** "1 到 131,072 个词元之间", "1 到 1,024 之间". */
export const kvBetweenZh = (a: { min: number; max: number; unit: KvUnit | '' }): string =>
  `${n(a.min)} 到 ${n(a.max)} ${a.unit ? KV_UNITS_ZH[a.unit] : ''}之间`;

export function shownZh(c: string): string {
  if (c === '\n') return '换行符';
  if (c === "'") return "单引号（'）";
  const cp = codePoint(c);
  return cp ? `控制字符 ${cp}` : `"${c}"`;
}
