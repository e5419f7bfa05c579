/**
 * Messages made outside the UI: validation problems of src/core (the simulator's settings, the
 * training settings, a pasted config.json and its JSON syntax, the memory page's typed numbers),
 * the backend's fallback notice, why a checkpoint of trained weights could not be used, and the notices of a link decoded by src/state. Each is keyed by
 * the code that core or state attaches to it (see src/core/coded.ts) and is a function of its
 * arguments; `localized()` in ./localize-message picks the page's language.
 *
 * This is the only wording of these messages: core and state hand over a code and its arguments
 * (tests/problems-i18n.test.ts checks that every code they make is here, in both languages). The
 * names and value words they quote are in ./problem-words.
 */
import type { BackendMessages } from '../../core/backend';
import type { CheckpointMessages } from '../../core/checkpoint';
import type { ConfigMessages } from '../../core/config';
import type { JsonMessages } from '../../core/json-locate';
import type { KvMessages } from '../../core/kv-cache';
import type { RealConfigMessages } from '../../core/real-config';
import type { RouteMessages } from '../../core/real-route';
import type { TrainMessages } from '../../core/training';
import type { TrainLinkMessages } from '../../state/train-url';
import type { LinkMessages, TextMessages } from '../../state/url';
import {
  n,
  CONFIG_LABELS_EN,
  CHECKPOINT_LABELS_EN,
  TRAIN_LABELS_EN,
  WHY_EN,
  NULL_MEANS_EN,
  LIMIT_EN,
  WHERE_EN,
  VIEW_NAMES_EN,
  shownEn,
  kvRangeEn,
  KV_LABELS_EN,
  CONFIG_LABELS_ZH,
  CHECKPOINT_LABELS_ZH,
  TRAIN_LABELS_ZH,
  WHY_ZH,
  NULL_MEANS_ZH,
  LIMIT_ZH,
  WHERE_ZH,
  VIEW_NAMES_ZH,
  valueZh,
  lead,
  trail,
  notZh,
  usingZh,
  KV_LABELS_ZH,
  kvBetweenZh,
  shownZh,
} from './problem-words';
import { getLang } from './locale';
import { section } from './section';

/** Every code of a message from core or state, with its arguments. */
export type ProblemArgs = ConfigMessages &
  TrainMessages &
  RealConfigMessages &
  RouteMessages &
  JsonMessages &
  KvMessages &
  BackendMessages &
  CheckpointMessages &
  LinkMessages &
  TextMessages &
  TrainLinkMessages;
export type ProblemCode = keyof ProblemArgs;

/** One language's wording of every code. */
export type ProblemTexts = { [C in ProblemCode]: (args: ProblemArgs[C]) => string };

/** A message as core or state hand it over: its code and arguments (`message`: an Error's own text, e.g. tfjs's). */
export interface MaybeCoded {
  readonly code?: unknown;
  readonly args?: unknown;
  readonly message?: string;
}

/** The text of a message in one language, by its code (a code the catalogue does not know is shown as it is). */
export function problemText(texts: ProblemTexts, m: MaybeCoded): string {
  const code = m.code;
  if (typeof code !== 'string' || !Object.hasOwn(texts, code)) return m.message ?? String(code);
  return (texts[code as ProblemCode] as (args: unknown) => string)(m.args);
}

const en: ProblemTexts = {
  'config.notObject': ({ got }) => `the config must be an object, not ${got}`,
  'config.unknownSetting': ({ name }) => `unknown setting "${name}"`,
  'config.notNumber': ({ field, got }) => `${CONFIG_LABELS_EN[field]} must be a number, not ${got}`,
  'config.notWhole': ({ field, value }) => `${CONFIG_LABELS_EN[field]} must be a whole number, not ${value}`,
  'config.outOfRange': ({ field, value, min, max }) => `${CONFIG_LABELS_EN[field]} (${value}) must be between ${min} and ${max}`,
  'config.router': ({ got, options }) => `router ${got} is not one of ${options}`,
  'config.gateNorm': ({ got, options }) => `gate weights ${got} is not one of ${options}`,
  'config.granularity': ({ got, options }) => `expert granularity ${got} must be one of ${options}`,
  'config.capacityNotNumber': ({ got }) => `capacity factor must be a number or "no limit", not ${got}`,
  'config.capacityRange': ({ value, min, max }) => `capacity factor (${value}) must be between ${min} and ${max}, or no limit`,
  'config.topKExceedsExperts': ({ topK, experts }) => `top-k (${topK}) cannot exceed the number of routed experts (${experts})`,
  'config.hiddenNotDivisible': ({ hidden, granularity }) =>
    `expert hidden width (${hidden}) must divide evenly by the granularity (${granularity})`,
  'config.expertsTimesGranularity': ({ experts, granularity, max }) =>
    `routed experts × granularity (${experts} × ${granularity} = ${experts * granularity}) cannot exceed ${max}`,
  'config.topKTimesGranularity': ({ topK, granularity, max }) =>
    `top-k × granularity (${topK} × ${granularity} = ${topK * granularity}) cannot exceed ${max}`,
  'config.tooManyWeights': ({ weights, max }) =>
    `this model would have ${n(weights)} expert weights, more than the ${n(max)} the simulator runs in a browser tab (use fewer experts or layers, or a smaller model width or expert hidden width)`,
  'config.groupsUneven': ({ experts, groups }) => `${experts} routed experts cannot be split evenly into ${groups} groups`,
  'config.groupsPerToken': ({ topkGroup, groups }) => `groups per token (${topkGroup}) cannot exceed the number of groups (${groups})`,
  'config.groupsTooSmall': ({ topkGroup, groups, held, topK }) =>
    `${topkGroup} of ${groups} groups hold only ${held} experts, fewer than top-k (${topK})`,

  'train.notNumber': ({ field }) => `${TRAIN_LABELS_EN[field]} must be a number`,
  'train.outOfRange': ({ field, value, min, max }) => `${TRAIN_LABELS_EN[field]} (${value}) must be between ${min} and ${max}`,
  'train.notWhole': ({ field, value }) => `${TRAIN_LABELS_EN[field]} must be a whole number, not ${value}`,
  'train.balanceUnknown': ({ options }) => `balancing must be one of ${options}`,
  'train.biasNeedsSigmoid': () => 'bias balancing (DeepSeek-V3) needs the sigmoid-with-bias router',

  'hf.notObject': ({ got }) => `the config must be a JSON object ({ … }), not ${got}`,
  'hf.fieldNotObject': ({ field, got }) => `"${field}" must be a JSON object ({ … }), not ${got}`,
  'hf.modelTypeMissing': ({ supported, needs, experts }) =>
    `"model_type" is missing, and neither "architectures" nor the fields tell which model this is (supported: ${supported}); a config needs ${needs}, and for experts one of ${experts} with num_experts_per_tok`,
  'hf.modelTypeUnsupported': ({ got, supported, needs, experts }) =>
    `"model_type" ${got} is not supported (supported: ${supported}); to read it as one of these, leave "model_type" out and give ${needs}, and for experts one of ${experts} with num_experts_per_tok`,
  'hf.missing': ({ field }) => `"${field}" is missing`,
  'hf.missingWhy': ({ field, why, method }) => `"${field}" is missing (${WHY_EN[why](method)})`,
  'hf.missingOrNull': ({ field, nullMeans }) => `"${field}" is missing (give a number, or null for ${NULL_MEANS_EN[nullMeans]})`,
  'hf.notBoolean': ({ field, got }) => `"${field}" must be true or false, not ${got}`,
  'hf.notNumber': ({ field, got }) => `"${field}" must be a number, not ${got}`,
  'hf.atLeast': ({ field, min, value }) => `"${field}" must be at least ${min}, not ${value}`,
  'hf.notOneOf': ({ field, options, got }) => `"${field}" must be one of ${options}, not ${got}`,
  'hf.notList': ({ field, got }) => `"${field}" must be a list of layer numbers, not ${got}`,
  'hf.badLayer': ({ field, max, got }) => `"${field}" must list layer numbers from 0 to ${max}, not ${got}`,
  'hf.notWhole': ({ field, got }) => `"${field}" must be a whole number, not ${got}`,
  'hf.tooLarge': ({ field, value, max }) => `"${field}" (${value}) is larger than this page counts (at most ${n(max)})`,
  'hf.limit': ({ field, value, max, what }) =>
    `"${field}" (${value}) is more ${LIMIT_EN[what].what} than this page handles (at most ${n(max)}; ${LIMIT_EN[what].real})`,
  'hf.topKExceeds': ({ topK, experts, expertsField }) => `"num_experts_per_tok" (${topK}) cannot exceed "${expertsField}" (${experts})`,
  'hf.firstDenseExceeds': ({ firstDense, layers }) =>
    `"first_k_dense_replace" (${firstDense}) cannot exceed "num_hidden_layers" (${layers})`,
  'hf.groupsUneven': ({ experts, groups }) => `"n_routed_experts" (${experts}) cannot be split evenly into "n_group" (${groups}) groups`,
  'hf.topkGroupExceeds': ({ topkGroup, groups }) => `"topk_group" (${topkGroup}) cannot exceed "n_group" (${groups})`,
  'hf.topKExceedsGroups': ({ topK, held, topkGroup }) =>
    `"num_experts_per_tok" (${topK}) is more than the ${held} experts in "topk_group" (${topkGroup}) groups`,
  'hf.kvHeads': ({ heads, kvHeads }) => `"num_attention_heads" (${heads}) must be a multiple of "num_key_value_heads" (${kvHeads})`,
  'hf.headDimMissing': ({ hidden, heads }) =>
    `"head_dim" is missing and "hidden_size" (${hidden}) does not divide by "num_attention_heads" (${heads})`,
  'hf.headsNotDividing': ({ hidden, heads }) => `"hidden_size" (${hidden}) does not divide by "num_attention_heads" (${heads})`,
  'hf.tooManyWeights': ({ total }) => `this config has more weights than can be counted exactly (${total})`,

  'route.tooMuchWork': ({ work, max }) => `this router needs ${n(work)} multiply-adds per token; the page routes at most ${n(max)}`,

  'json.endsWhere': ({ where }) => `the text ends where ${WHERE_EN[where]} should be`,
  'json.comment': () => 'JSON does not allow comments',
  'json.unexpected': ({ found, where }) => `unexpected ${shownEn(found)} where ${WHERE_EN[where]} should be`,
  'json.singleQuoteString': () => 'JSON strings need double quotes ("), not single quotes',
  'json.commaBeforeBrace': () => 'a comma cannot come just before "}"',
  'json.singleQuoteName': () => 'property names need double quotes ("), not single quotes',
  'json.commaBeforeBracket': () => 'a comma cannot come just before "]"',
  'json.endsInObject': () => 'the text ends inside an object: expected "," or "}"',
  'json.missingComma': () => 'expected "," between two properties (a comma is missing)',
  'json.afterValueInObject': ({ found }) => `expected "," or "}" after a property value, found ${shownEn(found)}`,
  'json.endsInList': () => 'the text ends inside a list: expected "," or "]"',
  'json.afterItem': ({ found }) => `expected "," or "]" after a list item, found ${shownEn(found)}`,
  'json.unclosedString': () => 'this string is never closed (a closing " is missing)',
  'json.unicodeEscape': () => 'a \\u escape needs four hexadecimal digits',
  'json.badEscape': ({ escape }) => `"\\${escape}" is not a JSON escape`,
  'json.stringPastLine': () => 'a string cannot run past the end of its line (a closing " is missing)',
  'json.controlInString': ({ found }) => `${shownEn(found)} cannot appear inside a string`,
  'json.leadingZero': () => 'numbers cannot start with 0 (leading zeros are not allowed)',
  'json.empty': () => 'the text is empty',
  'json.afterEnd': ({ found }) => `unexpected ${shownEn(found)} after the end of the JSON (one value only)`,
  'json.engine': ({ text }) => text,
  'json.tooDeep': ({ max }) => `objects and lists are nested deeper than ${max} levels here (a config.json needs only a few)`,

  'kv.notNumber': (a) => `${KV_LABELS_EN[a.label]} must be a number from ${kvRangeEn(a)}.`,
  'kv.notWhole': (a) => `${KV_LABELS_EN[a.label]} must be a whole number from ${kvRangeEn(a)}, not ${a.value}.`,
  'kv.outOfRange': (a) => `${KV_LABELS_EN[a.label]} must be from ${kvRangeEn(a)}, not ${n(a.value)}.`,

  'backend.wasmFallback': ({ why }) =>
    `WebAssembly could not start (${problemText(en, why)}); running on the slower JavaScript backend. Results are the same.`,
  'backend.timeout': ({ ms }) => `timed out after ${ms} ms`,
  'backend.wasmInit': () => 'the wasm backend did not initialise',
  'error.thrown': ({ text }) => text,

  'checkpoint.notJson': () => 'its manifest is not JSON',
  'checkpoint.badManifest': ({ field, got }) =>
    got === 'missing' ? `its manifest has no "${field}"` : `its manifest's "${field}" is not valid (${got})`,
  'checkpoint.badMagic': () => 'the file is not a moe-lab checkpoint',
  'checkpoint.truncated': ({ expected, got }) => `the file is truncated (got ${n(got)} of ${n(expected)} bytes)`,
  'checkpoint.tooLong': ({ expected, got }) => `the file is longer than its manifest says (${n(got)} bytes, not ${n(expected)})`,
  'checkpoint.checksum': () => 'the file is damaged (its checksum does not match the manifest)',
  'checkpoint.configMismatch': ({ field, expected, found }) =>
    `they were trained for a different model (${CHECKPOINT_LABELS_EN[field]} ${found}; this model has ${expected})`,
  'checkpoint.vocabMismatch': () => 'they were trained on a different vocabulary',
  'checkpoint.shapeMismatch': ({ tensor, expected, found }) => `the weights "${tensor}" are ${found}; this model needs ${expected}`,
  'checkpoint.missingTensor': ({ tensor }) => `the weights "${tensor}" are missing from the file`,
  'checkpoint.notFinite': ({ tensor, row }) => `the weights "${tensor}" hold a value that is not a number (row ${row})`,
  'checkpoint.version': ({ got, supported }) => `the file is version ${got} of the format; this page reads version ${supported}`,

  'link.repeated': ({ key, value, first }) =>
    `Ignored ${key}=${value}: the link gives ${key} more than once. Using the first, ${key}=${first}.`,
  'link.ignored': ({ key, value, reason, using }) => `Ignored ${key}=${value}: ${problemText(en, reason)}. Using ${using}.`,
  'link.notUnderstood': () => 'not understood',
  'link.noFit': () => 'it does not fit the other settings',
  'link.groupsNoFit': () => 'they do not fit',
  'link.textCut': ({ max }) => `The sentence in the link was cut to ${max} characters.`,
  'link.viewNumber': ({ key, value, whole, min, max, using }) =>
    `Ignored ${key}=${value}: ${VIEW_NAMES_EN[key]} must be ${whole ? 'a whole number' : 'a number'} from ${min} to ${max}. Using ${using}.`,
  'link.hide': ({ value, options }) => `Ignored hide=${value}: controls that can be hidden are ${options}.`,
  'link.unknown': ({ key }) => `Ignored unknown setting "${key}" in the link.`,
  'link.backend': ({ value, options }) => `Ignored backend=${value}: the backends are ${options}. Using wasm.`,
  'text.cut': ({ max }) => `The sentence was cut to its first ${max} characters, the most a sentence can hold.`,
  'text.noWords': () => 'That sentence has no words, only emoji or symbols: the model reads words, so the previous sentence stays.',
  'link.balanceRouter': ({ value }) =>
    `Ignored r=${value}: this page compares balancing modes, and bias balancing (DeepSeek-V3) needs the sigmoid-with-bias router. Using sigmoid-bias.`,
  'link.groups': ({ reason }) => `Ignored the link's expert groups: ${problemText(en, reason)}. Using 1 group.`,
  'link.balSides': () => 'Ignored bal: on this page each side has its own balancing (left=, right=).',
};

const zh: ProblemTexts = {
  'config.notObject': ({ got }) => `配置必须是一个对象，${notZh(got)}`,
  'config.unknownSetting': ({ name }) => `未知的设置 "${name}"`,
  'config.notNumber': ({ field, got }) => `${trail(CONFIG_LABELS_ZH[field])}必须是数字，${notZh(got)}`,
  'config.notWhole': ({ field, value }) => `${trail(CONFIG_LABELS_ZH[field])}必须是整数，而不是 ${value}`,
  'config.outOfRange': ({ field, value, min, max }) => `${CONFIG_LABELS_ZH[field]}（${value}）必须在 ${min} 到 ${max} 之间`,
  'config.router': ({ got, options }) => `路由器${lead(trail(valueZh(got)))}不是可选的路由器之一（${options}）`,
  'config.gateNorm': ({ got, options }) => `门控权重规则${lead(trail(valueZh(got)))}不是可选的规则之一（${options}）`,
  'config.granularity': ({ got, options }) => `专家粒度${lead(trail(valueZh(got)))}必须是 ${options} 之一`,
  'config.capacityNotNumber': ({ got }) => `容量因子必须是数字或“不限”，${notZh(got)}`,
  'config.capacityRange': ({ value, min, max }) => `容量因子（${value}）必须在 ${min} 到 ${max} 之间，或者不限`,
  'config.topKExceedsExperts': ({ topK, experts }) => `top-k（${topK}）不能超过路由专家的数量（${experts}）`,
  'config.hiddenNotDivisible': ({ hidden, granularity }) => `专家隐藏层宽度（${hidden}）必须能被粒度（${granularity}）整除`,
  'config.expertsTimesGranularity': ({ experts, granularity, max }) =>
    `路由专家数 × 粒度（${experts} × ${granularity} = ${experts * granularity}）不能超过 ${max}`,
  'config.topKTimesGranularity': ({ topK, granularity, max }) =>
    `top-k × 粒度（${topK} × ${granularity} = ${topK * granularity}）不能超过 ${max}`,
  'config.tooManyWeights': ({ weights, max }) =>
    `这个模型会有 ${n(weights)} 个专家权重，超过了模拟器在浏览器标签页中能运行的 ${n(max)} 个（请减少专家数或层数，或减小模型宽度或专家隐藏层宽度）`,
  'config.groupsUneven': ({ experts, groups }) => `${experts} 个路由专家无法平均分成 ${groups} 组`,
  'config.groupsPerToken': ({ topkGroup, groups }) => `每个词元可用的组数（${topkGroup}）不能超过组数（${groups}）`,
  'config.groupsTooSmall': ({ topkGroup, groups, held, topK }) =>
    `从 ${groups} 组中选出的 ${topkGroup} 组只有 ${held} 个专家，少于 top-k（${topK}）`,

  'train.notNumber': ({ field }) => `${trail(TRAIN_LABELS_ZH[field])}必须是数字`,
  'train.outOfRange': ({ field, value, min, max }) => `${TRAIN_LABELS_ZH[field]}（${value}）必须在 ${min} 到 ${max} 之间`,
  'train.notWhole': ({ field, value }) => `${trail(TRAIN_LABELS_ZH[field])}必须是整数，而不是 ${value}`,
  'train.balanceUnknown': ({ options }) => `负载均衡方式必须是 ${options} 之一`,
  'train.biasNeedsSigmoid': () => '偏置负载均衡（DeepSeek-V3）需要带偏置的 sigmoid 路由器',

  'hf.notObject': ({ got }) => `配置必须是一个 JSON 对象（{ … }），${notZh(got)}`,
  'hf.fieldNotObject': ({ field, got }) => `"${field}" 必须是一个 JSON 对象（{ … }），${notZh(got)}`,
  'hf.modelTypeMissing': ({ supported, needs, experts }) =>
    `缺少 "model_type"，且 "architectures" 和各字段都无法判断这是哪种模型（支持的类型：${supported}）；配置需要 ${needs}，有专家时还需要 ${experts} 之一及 num_experts_per_tok`,
  'hf.modelTypeUnsupported': ({ got, supported, needs, experts }) =>
    `不支持 "model_type"${lead(valueZh(got))}（支持的类型：${supported}）；若要按其中一种读取，请去掉 "model_type" 并给出 ${needs}，有专家时还需要 ${experts} 之一及 num_experts_per_tok`,
  'hf.missing': ({ field }) => `缺少 "${field}"`,
  'hf.missingWhy': ({ field, why, method }) => `缺少 "${field}"（${WHY_ZH[why](method)}）`,
  'hf.missingOrNull': ({ field, nullMeans }) => `缺少 "${field}"（请给出一个数字，或用 null 表示${NULL_MEANS_ZH[nullMeans]}）`,
  'hf.notBoolean': ({ field, got }) => `"${field}" 必须是 true 或 false，${notZh(got)}`,
  'hf.notNumber': ({ field, got }) => `"${field}" 必须是数字，${notZh(got)}`,
  'hf.atLeast': ({ field, min, value }) => `"${field}" 至少应为 ${min}，而不是 ${value}`,
  'hf.notOneOf': ({ field, options, got }) => `"${field}" 必须是 ${options} 之一，${notZh(got)}`,
  'hf.notList': ({ field, got }) => `"${field}" 必须是层编号的列表，${notZh(got)}`,
  'hf.badLayer': ({ field, max, got }) => `"${field}" 列出的层编号必须在 0 到 ${max} 之间，${notZh(got)}`,
  'hf.notWhole': ({ field, got }) => `"${field}" 必须是整数，${notZh(got)}`,
  'hf.tooLarge': ({ field, value, max }) => `"${field}"（${value}）超出了本页能计算的范围（最多 ${n(max)}）`,
  'hf.limit': ({ field, value, max, what }) =>
    `"${field}"（${value}）超出了本页能处理的${LIMIT_ZH[what].what}（最多 ${n(max)}；${LIMIT_ZH[what].real}）`,
  'hf.topKExceeds': ({ topK, experts, expertsField }) => `"num_experts_per_tok"（${topK}）不能超过 "${expertsField}"（${experts}）`,
  'hf.firstDenseExceeds': ({ firstDense, layers }) => `"first_k_dense_replace"（${firstDense}）不能超过 "num_hidden_layers"（${layers}）`,
  'hf.groupsUneven': ({ experts, groups }) => `"n_routed_experts"（${experts}）无法平均分成 "n_group"（${groups}）组`,
  'hf.topkGroupExceeds': ({ topkGroup, groups }) => `"topk_group"（${topkGroup}）不能超过 "n_group"（${groups}）`,
  'hf.topKExceedsGroups': ({ topK, held, topkGroup }) =>
    `"num_experts_per_tok"（${topK}）超过了 "topk_group"（${topkGroup}）组中的 ${held} 个专家`,
  'hf.kvHeads': ({ heads, kvHeads }) => `"num_attention_heads"（${heads}）必须是 "num_key_value_heads"（${kvHeads}）的倍数`,
  'hf.headDimMissing': ({ hidden, heads }) =>
    `缺少 "head_dim"，而且 "hidden_size"（${hidden}）不能被 "num_attention_heads"（${heads}）整除`,
  'hf.headsNotDividing': ({ hidden, heads }) => `"hidden_size"（${hidden}）不能被 "num_attention_heads"（${heads}）整除`,
  'hf.tooManyWeights': ({ total }) => `这个配置的权重太多，无法精确计数（${total}）`,

  'route.tooMuchWork': ({ work, max }) => `这个路由器每个词元需要 ${n(work)} 次乘加运算；本页最多只能路由 ${n(max)} 次`,

  'json.endsWhere': ({ where }) => `文本在应当出现${WHERE_ZH[where]}的地方结束了`,
  'json.comment': () => 'JSON 不允许注释',
  'json.unexpected': ({ found, where }) => `此处应为${WHERE_ZH[where]}，却出现了${lead(shownZh(found))}`,
  'json.singleQuoteString': () => 'JSON 字符串要用双引号（"），不能用单引号',
  'json.commaBeforeBrace': () => '"}" 前面不能紧跟逗号',
  'json.singleQuoteName': () => '属性名要用双引号（"），不能用单引号',
  'json.commaBeforeBracket': () => '"]" 前面不能紧跟逗号',
  'json.endsInObject': () => '文本在对象内部就结束了：应为 "," 或 "}"',
  'json.missingComma': () => '两个属性之间应有 ","（缺少逗号）',
  'json.afterValueInObject': ({ found }) => `属性值之后应为 "," 或 "}"，却出现了${lead(shownZh(found))}`,
  'json.endsInList': () => '文本在列表内部就结束了：应为 "," 或 "]"',
  'json.afterItem': ({ found }) => `列表项之后应为 "," 或 "]"，却出现了${lead(shownZh(found))}`,
  'json.unclosedString': () => '这个字符串没有结束（缺少结尾的 "）',
  'json.unicodeEscape': () => '\\u 转义需要四位十六进制数字',
  'json.badEscape': ({ escape }) => `"\\${escape}" 不是 JSON 的转义序列`,
  'json.stringPastLine': () => '字符串不能越过行尾（缺少结尾的 "）',
  'json.controlInString': ({ found }) => `字符串中不能出现${shownZh(found)}`,
  'json.leadingZero': () => '数字不能以 0 开头（不允许前导零）',
  'json.empty': () => '文本是空的',
  'json.afterEnd': ({ found }) => `JSON 结束之后又出现了${lead(shownZh(found))}（只能有一个值）`,
  'json.engine': ({ text }) => text,
  'json.tooDeep': ({ max }) => `对象和列表在这里嵌套超过了 ${max} 层（config.json 只需要几层）`,

  'kv.notNumber': (a) => `${trail(KV_LABELS_ZH[a.label])}必须是 ${kvBetweenZh(a)}的数字。`,
  'kv.notWhole': (a) => `${trail(KV_LABELS_ZH[a.label])}必须是 ${kvBetweenZh(a)}的整数，而不是 ${a.value}。`,
  'kv.outOfRange': (a) => `${trail(KV_LABELS_ZH[a.label])}必须在 ${kvBetweenZh(a)}，而不是 ${n(a.value)}。`,

  'backend.wasmFallback': ({ why }) => `WebAssembly 无法启动（${problemText(zh, why)}）；改用较慢的 JavaScript 后端运行，结果相同。`,
  'backend.timeout': ({ ms }) => `${ms} 毫秒后超时`,
  'backend.wasmInit': () => 'wasm 后端未能初始化',
  'error.thrown': ({ text }) => text,

  'checkpoint.notJson': () => '它的清单文件不是 JSON',
  'checkpoint.badManifest': ({ field, got }) =>
    got === 'missing' ? `它的清单文件缺少 "${field}"` : `它的清单文件中的 "${field}" 无效（${valueZh(got)}）`,
  'checkpoint.badMagic': () => '这个文件不是 moe-lab 的检查点文件',
  'checkpoint.truncated': ({ expected, got }) => `文件不完整（应有 ${n(expected)} 字节，只收到 ${n(got)} 字节）`,
  'checkpoint.tooLong': ({ expected, got }) => `文件比清单所说的长（${n(got)} 字节，而不是 ${n(expected)} 字节）`,
  'checkpoint.checksum': () => '文件已损坏（校验和与清单不符）',
  'checkpoint.configMismatch': ({ field, expected, found }) =>
    `这些权重是为另一个模型训练的（${trail(CHECKPOINT_LABELS_ZH[field])}为 ${found}；当前模型为 ${expected}）`,
  'checkpoint.vocabMismatch': () => '这些权重是在另一套词表上训练的',
  'checkpoint.shapeMismatch': ({ tensor, expected, found }) => `权重 "${tensor}" 的形状是 ${found}；当前模型需要 ${expected}`,
  'checkpoint.missingTensor': ({ tensor }) => `文件中缺少权重 "${tensor}"`,
  'checkpoint.notFinite': ({ tensor, row }) => `权重 "${tensor}" 中有一个不是数值的值（第 ${row} 行）`,
  'checkpoint.version': ({ got, supported }) => `文件是第 ${got} 版格式；本页只能读取第 ${supported} 版`,

  'link.repeated': ({ key, value, first }) => `已忽略 ${key}=${value}：链接中多次给出了 ${key}。使用第一个值 ${key}=${first}。`,
  'link.ignored': ({ key, value, reason, using }) => `已忽略 ${key}=${value}：${problemText(zh, reason)}。改用 ${usingZh(using)}。`,
  'link.notUnderstood': () => '无法识别',
  'link.noFit': () => '它与其他设置不相容',
  'link.groupsNoFit': () => '它们与其他设置不相容',
  'link.textCut': ({ max }) => `链接中的句子已截断为 ${max} 个字符。`,
  'link.viewNumber': ({ key, value, whole, min, max, using }) =>
    `已忽略 ${key}=${value}：${VIEW_NAMES_ZH[key]}必须是 ${min} 到 ${max} 之间的${whole ? '整数' : '数值'}。改用 ${using}。`,
  'link.hide': ({ value, options }) => `已忽略 hide=${value}：可以隐藏的控件有 ${options}。`,
  'link.unknown': ({ key }) => `已忽略链接中的未知设置 "${key}"。`,
  'link.backend': ({ value, options }) => `已忽略 backend=${value}：可选后端为 ${options}。现使用 wasm。`,
  'text.cut': ({ max }) => `句子已截断为前 ${max} 个字符，这是一个句子的上限。`,
  'text.noWords': () => '这个句子里没有词，只有表情符号或符号：模型读的是词，所以保留了上一个句子。',
  'link.balanceRouter': ({ value }) =>
    `已忽略 r=${value}：本页比较各种负载均衡方式，而偏置负载均衡（DeepSeek-V3）需要带偏置的 sigmoid 路由器。改用 sigmoid-bias。`,
  'link.groups': ({ reason }) => `已忽略链接中的专家分组：${problemText(zh, reason)}。改用 1 组。`,
  'link.balSides': () => '已忽略 bal：本页左右两侧各有自己的负载均衡方式（left=、right=）。',
};

const part = section({ en, zh });

export default part;

/** This part of the catalogue in the page's language. */
export const problemsWords = (): typeof en => part[getLang()];
