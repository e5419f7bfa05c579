/**
 * The exported pictures of the current view (Download PNG / SVG): every word that
 * src/ui/simulator/picture-svg.ts draws. The export menu hands this section to `viewToSvg`. The English is exactly what the pictures said before translation.
 * Words of the sentence and the expert labels (E3, S0, ✕) are drawn as they are.
 */
import type { PictureWords } from '../simulator/picture-words';
import { getLang } from './locale';
import { section } from './section';
import { CATEGORY_NAMES } from './categories';

const en: PictureWords = {
  lang: 'en',

  list: (parts) => parts.join(', '),
  heading: (config) => `moe-lab: ${config}`,
  router: (kind) => `${kind} router`,
  routedExperts: (n) => `${n} routed experts`,
  topK: (k) => `top-${k}`,
  shared: (n) => `${n} shared`,
  granularity: (g) => `granularity ${g}`,
  noCapacityLimit: 'no capacity limit',
  capacityFactor: (factor) => `capacity factor ${factor}`,
  noise: (noise) => `noise ${noise}`,
  groups: (groups, kept) => `${groups} groups, ${kept} kept`,
  layers: (n) => `${n} layer${n === 1 ? '' : 's'}`,
  seed: (seed) => `seed ${seed}`,
  position: (index, tokens, word, category, unknown) =>
    `Token ${index} of ${tokens}: “${word}” (${category}${unknown ? ', not in the vocabulary' : ''})`,
  categories: CATEGORY_NAMES.en,
  noTokens: 'No tokens',
  layer: (layer, layers) => `layer ${layer} of ${layers}`,
  title: (word, config) => `moe-lab: ${word !== null ? `routing of “${word}”` : 'routing'}, ${config}`,
  sentence: (text) => `Sentence: ${text}`,

  stripTitle: 'Tokens and their experts',
  noTokensToRoute: 'No tokens to route.',
  chipDropped: 'dropped',
  noExpert: 'no expert',
  chipNote:
    'Chip colour: the expert with the largest gate weight; the numbers are all its experts (✕ = dropped, over capacity); ? = unknown word; thick outline and ▲ = current token.',
  truncated: 'Only the first tokens were routed: the text was cut.',

  scoresTitle: (word) => `Router: scores for “${word}”`,
  noTokenSelected: 'No token selected.',
  scoresNote: (sigmoid, highest) =>
    `Bars: router ${sigmoid ? 'affinity (sigmoid)' : 'probability'} per expert, highest ${highest}. Labels: gate weights.`,
  chosenItem: (expert, weight, dropped) => `E${expert} ${weight}${dropped ? ' (dropped)' : ''}`,
  chosen: (items) => `Chosen: ${items.join(', ') || 'none'}`,

  expertsTitle: 'Experts',
  blockDropped: 'dropped',
  litItem: (expert, weight, dropped) => `E${expert} ${dropped ? 'dropped' : `(${weight})`}`,
  lit: (items, shared, idle, experts) =>
    `Lit: ${items.join(', ') || 'none'}${shared.length ? `; shared ${shared.join(', ')} always run` : ''}. ${idle} of ${experts} routed experts idle.`,

  meterHead: (word, active, total, share) => `“${word}”: active ${active} of ${total} parameters (${share})`,
  meterNote: (mean, meanShare, flops, dense, saved) =>
    `Sentence average: ${mean} active (${meanShare}). Work for this token: ${flops} FLOPs against ${dense} if every expert ran, ${saved} saved.`,

  loadTitle: 'Load per expert',
  capacityLabel: (capacity) => `capacity ${capacity}`,
  noCapacity: 'No capacity limit: no token is dropped.',
  capacityNote: (capacity, over, dropped) =>
    `Capacity ${capacity} tokens per expert; ${over} expert${over === 1 ? '' : 's'} over it, ${dropped} choice${dropped === 1 ? '' : 's'} dropped (hatched).`,
  loadNote: (tail) => `Bars: tokens that chose each expert in this sentence. ${tail}`,
  manyExperts: (experts, least, most) =>
    `${experts} experts, from ${least} to ${most} tokens each (exact numbers in the CSV and JSON export).`,
};

const zh: PictureWords = {
  lang: 'zh-Hans',

  list: (parts) => parts.join('，'),
  heading: (config) => `moe-lab：${config}`,
  router: (kind) => `${kind} 路由器`,
  routedExperts: (n) => `${n} 个路由专家`,
  topK: (k) => `top-${k}`,
  shared: (n) => `${n} 个共享专家`,
  granularity: (g) => `粒度 ${g}`,
  noCapacityLimit: '无容量上限',
  capacityFactor: (factor) => `容量因子 ${factor}`,
  noise: (noise) => `噪声 ${noise}`,
  groups: (groups, kept) => `${groups} 个组中保留 ${kept} 个`,
  layers: (n) => `${n} 层`,
  seed: (seed) => `随机种子 ${seed}`,
  position: (index, tokens, word, category, unknown) =>
    `第 ${index} 个词元（共 ${tokens} 个）：“${word}”（${category}${unknown ? '，不在词表中' : ''}）`,
  categories: CATEGORY_NAMES.zh,
  noTokens: '没有词元',
  layer: (layer, layers) => `第 ${layer} 层（共 ${layers} 层）`,
  title: (word, config) => `moe-lab：${word !== null ? `“${word}”的路由` : '路由'}，${config}`,
  sentence: (text) => `句子：${text}`,

  stripTitle: '词元及其专家',
  noTokensToRoute: '没有可路由的词元。',
  chipDropped: '被丢弃',
  noExpert: '没有专家',
  chipNote: '词元块的颜色：门控权重最大的专家；编号是它的全部专家（✕ = 超出容量被丢弃）；? = 未知词；粗边框和 ▲ = 当前词元。',
  truncated: '只路由了前面的词元：文本被截断了。',

  scoresTitle: (word) => `路由器：“${word}”的得分`,
  noTokenSelected: '未选中词元。',
  scoresNote: (sigmoid, highest) => `柱条：每个专家的路由器${sigmoid ? '亲和度（sigmoid）' : '概率'}，最高 ${highest}。标签：门控权重。`,
  chosenItem: (expert, weight, dropped) => `E${expert} ${weight}${dropped ? '（被丢弃）' : ''}`,
  chosen: (items) => `选中：${items.join('，') || '无'}`,

  expertsTitle: '专家',
  blockDropped: '被丢弃',
  litItem: (expert, weight, dropped) => (dropped ? `E${expert} 被丢弃` : `E${expert}（${weight}）`),
  lit: (items, shared, idle, experts) =>
    `点亮：${items.join('，') || '无'}${shared.length ? `；共享专家 ${shared.join('、')} 始终运行` : ''}。${experts} 个路由专家中有 ${idle} 个空闲。`,

  meterHead: (word, active, total, share) => `“${word}”：激活 ${active} 个参数，共 ${total} 个（${share}）`,
  meterNote: (mean, meanShare, flops, dense, saved) =>
    `全句平均：激活 ${mean} 个（${meanShare}）。这个词元的计算量：${flops} FLOPs，而所有专家都运行时为 ${dense}，节省了 ${saved}。`,

  loadTitle: '各专家的负载',
  capacityLabel: (capacity) => `容量 ${capacity}`,
  noCapacity: '没有容量上限：不会丢弃任何词元。',
  capacityNote: (capacity, over, dropped) =>
    `容量为每个专家 ${capacity} 个词元；${over} 个专家超出容量，${dropped} 次选择被丢弃（斜线部分）。`,
  loadNote: (tail) => `柱条：这个句子中选择每个专家的词元数。${tail}`,
  manyExperts: (experts, least, most) => `共 ${experts} 个专家，每个被 ${least} 到 ${most} 个词元选择（确切数字见 CSV 和 JSON 导出）。`,
};

const part = section({ en, zh });

export default part;

/** This part of the catalogue in the page's language. */
export const pictureWords = (): typeof en => part[getLang()];
