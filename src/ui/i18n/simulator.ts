/**
 * The simulator's panels (main page and the embeddable <moe-lab>): controls, router scores,
 * experts, load, the whole-sentence matrix, the parameter meter, the token chips, the export menu,
 * and the four routers' names, formulas and captions (shared with other pages through router-info).
 */
import type { GateNorm, RouterKind } from '../../core/config';
import { getLang } from './locale';
import { section } from './section';
import simulatorPanels from './simulator-panels';

/** A router's name, where it comes from, its one-line formula and a caption in plain words. */
export interface RouterText {
  name: string;
  source: string;
  formula: string;
  words: string;
}

/** Chinese text joined to a Latin word or number gets a space between them (as Chinese typesetting does). */
const latin = /[A-Za-z0-9+-]/;
function zhJoin(...parts: string[]): string {
  return parts.reduce((out, p) => {
    const a = out.slice(-1);
    const b = p.slice(0, 1);
    const space = a && b && a !== ' ' && b !== ' ' && latin.test(a) !== latin.test(b) && /[\u2e80-\u9fff]/.test(latin.test(a) ? b : a);
    return out + (space ? ' ' : '') + p;
  }, '');
}

const en = {
  /** Joins sentences of one caption. */
  sentences: (parts: string[]) => parts.join(' '),
  /** Joins the items of a list in running text. */
  list: (items: string[]) => items.join(', '),

  routers: {
    'softmax-topk': {
      name: 'Softmax top-k',
      source: 'Mixtral, GShard',
      formula: 'g = softmax(top-k(x·W))',
      words: 'Score every expert, keep the k best, and share the weight among them with a softmax.',
    },
    'noisy-topk': {
      name: 'Noisy top-k',
      source: 'Shazeer et al. 2017',
      formula: 'h = x·W + ε·softplus(x·W_noise), ε ~ N(0,1); g = softmax(top-k(h))',
      words: 'Like softmax top-k, but random noise nudges the scores so that more experts get tried.',
    },
    'sigmoid-bias': {
      name: 'Sigmoid with bias',
      source: 'DeepSeek-V3',
      formula: 's = σ(x·W); pick top-k of s + b in the best groups; g = s / Σs · scale',
      words: 'Each expert gets an independent score. A balancing bias changes who is picked, never the weights.',
    },
    'expert-choice': {
      name: 'Expert choice',
      source: 'Zhou et al. 2022',
      formula: 'p = softmax(x·W); each expert takes its top-c tokens; g = p',
      words: 'The experts choose: each takes the same number of tokens, so load is perfectly even, but a token may get none.',
    },
  } as Record<RouterKind, RouterText>,

  controls: {
    modelShape: 'Model shape',
    routing: 'Routing',
    stepThrough: 'Step through the sentence',
    routedExperts: 'Routed experts',
    topK: 'Active experts per token (top-k)',
    sharedExperts: 'Shared experts',
    granularity: 'Expert granularity',
    wholeExperts: '1 (whole experts)',
    splitInto: (g: number) => `${g} (split each expert into ${g})`,
    smallExperts: (experts: number, active: number) => `${experts} small experts, ${active} active per token.`,
    layers: 'MoE layers',
    router: 'Router',
    routerOption: (name: string, source: string) => `${name} (${source})`,
    gateNorm: 'Gate weights',
    gateNormOption: { chosen: 'renormalised over the chosen k', all: 'probability over all experts' } as Record<GateNorm, string>,
    gateNormHint: (rule: GateNorm, k: number) =>
      rule === 'chosen'
        ? `Mixtral, Qwen3-MoE and DeepSeek-V3 rescale the chosen experts' weights to sum to 1${k === 1 ? '; with one expert its weight is always 1, so the router learns nothing from the task' : ''}.`
        : "The Switch Transformer, Qwen1.5/Qwen2-MoE and OLMoE keep each chosen expert's probability over all experts, so the weights sum to less than 1 and the router still learns at top-1.",
    groups: 'Expert groups',
    groupsPerToken: 'Groups per token',
    noise: 'Router noise',
    noiseHint: 'Used by the noisy top-k router.',
    capacity: 'Capacity factor',
    noLimit: 'no limit',
    gamma: 'Bias update speed (γ)',
    biasUpdates: (n: number) => `Bias updates applied: ${n}.`,
    gammaHint: 'Used by the sigmoid-with-bias router (DeepSeek-V3 balancing).',
    seed: 'Seed',
    previous: 'Previous token',
    next: 'Next token',
    play: 'Play',
    pause: 'Pause',
    reset: 'Reset',
    biasStep: 'Apply bias update',
    speed: 'Play speed',
    perSecond: (speed: number) => `${speed} tokens/s`,
  },

  router: {
    /** Between a router's name, its source and its formula: "Name (source): formula". */
    nameGap: ' ',
    gateAll:
      "Gate weights here: each chosen expert's probability over all experts, as it is (the Switch rule), so they sum to less than 1.",
    source: (source: string) => `(${source})`,
    formulaGap: ': ',
    scoreName: {
      'softmax-topk': 'probability',
      'noisy-topk': 'probability after noise',
      'sigmoid-bias': 'affinity s',
      'expert-choice': 'probability',
    } as Record<RouterKind, string>,
    noToken: 'No token selected.',
    title: (token: string | null, index: number, experts: number) =>
      `${token !== null ? `Router scores for “${token}” (token ${index})` : 'Router scores'}, ${experts} experts`,
    chosenWeight: (place: number, weight: string) => `chosen #${place} · weight ${weight}`,
    chosenDropped: (place: number) => `chosen #${place} · dropped (over capacity)`,
    withNoise: (score: string, noise: string) => `${score} · noise ${noise}`,
    bars: (scoreName: string) => `Bars: each expert's ${scoreName}.`,
    markedPicked: 'Marked: the experts that picked this token, with gate weights.',
    markedChosen: 'Marked: the chosen experts, with gate weights.',
    noiseStrip: 'Lower strip: the noise added to each logit (up +, down −).',
    noiseRows: 'Thin strip under each bar: the noise added to its logit (right +, left −).',
    biasTick: 'Black tick: s + bias, which decides the pick.',
    shadedGroups: (kept: number, groups: number) => `Shaded: the ${kept} of ${groups} groups this token may use.`,
    outcomeDropped: (e: number) => `E${e} dropped (over capacity)`,
    outcomeWeight: (e: number, weight: string) => `E${e} (weight ${weight})`,
    chosen: (list: string) => `Chosen: ${list}.`,
    nonePicked: 'No expert picked this token.',
    skipped: ' No routed expert ran: the token rides the residual connection.',
    keptGroups: (groups: string, of: number) => ` Kept groups, best first: ${groups} of ${of}; experts outside them cannot be picked.`,
    valueBias: 's + bias = picked on',
    valueNoise: 'probability · noise on logit',
    rowsLabel: 'Router scores per expert',
    expert: 'expert',
    result: 'result',
    groupKept: (g: number, rank: number, of: number) => `Group ${g}: kept (rank ${rank} of ${of})`,
    groupNotKept: (g: number) => `Group ${g}: not kept, its experts cannot be picked`,
    drop: '✕ drop',
    noiseAxis: 'noise on each logit',
    chartSummary: (experts: number, scoreName: string, lo: string, hi: string, outcome: string) =>
      `${experts} experts, ${scoreName} from ${lo} to ${hi}. ${outcome}`,
    /** Labels of a group under the chart, longest first: the first that fits is shown. */
    groupLabels: (g: number, kept: boolean) => [
      `group ${g}${kept ? ' · kept' : ''}`,
      `G${g}${kept ? ' kept' : ''}`,
      `G${g}${kept ? '✓' : ''}`,
    ],
    tableCaption: (rows: number, by: string, more: boolean) =>
      `Top ${rows} experts by ${by}${more ? ', plus the chosen ones below them' : ''}`,
    rank: 'rank',
    bias: 'bias',
    sPlusBias: 's + bias',
    noiseOnLogit: 'noise on logit',
    noiseShort: 'noise',
    group: 'group',
    groupCell: (g: number, kept: boolean) => `${g}${kept ? ' (kept)' : ''}`,
    notChosen: 'not chosen',
    groupNotKeptCell: 'group not kept',
  },

  exportMenu: {
    label: 'Export this view:',
    png: 'Download PNG',
    svg: 'Download SVG',
    csv: 'Download CSV',
    json: 'Download JSON',
    copyLink: 'Copy link',
    saved: (name: string) => `Saved ${name}.`,
    couldNotMake: (kind: string, why: string) => `Could not make the ${kind}: ${why}.`,
    linkCopied: 'Link copied',
    copyRefused: 'The browser did not allow copying: the link is selected below, copy it with Ctrl+C (⌘C on a Mac).',
    linkField: 'Link to this view',
    caption:
      'Pictures of the current token and layer; the CSV has one row per token and chosen expert of this layer, the JSON the whole trace and settings. All made in your browser.',
    notDrawn: 'the picture could not be drawn',
    noCanvas: 'this browser cannot draw on a canvas',
    notEncoded: 'the PNG could not be encoded',
  },
  ...simulatorPanels.en,
};

const zh: typeof en = {
  sentences: (parts) => parts.join(''),
  list: (items) => items.join('、'),

  routers: {
    'softmax-topk': {
      name: 'Softmax top-k',
      source: 'Mixtral、GShard',
      formula: 'g = softmax(top-k(x·W))',
      words: '给每个专家打分，保留得分最高的 k 个，再用 softmax 在它们之间分配权重。',
    },
    'noisy-topk': {
      name: '带噪声的 top-k',
      source: 'Shazeer 等，2017',
      formula: 'h = x·W + ε·softplus(x·W_noise), ε ~ N(0,1); g = softmax(top-k(h))',
      words: '与 softmax top-k 相同，但随机噪声会扰动得分，让更多专家有机会被尝试。',
    },
    'sigmoid-bias': {
      name: '带偏置的 sigmoid',
      source: 'DeepSeek-V3',
      formula: 's = σ(x·W)；在最好的几组里按 s + b 取 top-k；g = s / Σs · 缩放因子',
      words: '每个专家的得分相互独立。用于负载均衡的偏置只改变选中哪些专家，从不改变权重。',
    },
    'expert-choice': {
      name: '专家选择',
      source: 'Zhou 等，2022',
      formula: 'p = softmax(x·W)；每个专家取它的 top-c 个词元；g = p',
      words: '由专家来挑选：每个专家接收同样多的词元，所以负载完全均衡，但某个词元可能一个专家也分不到。',
    },
  },

  controls: {
    modelShape: '模型结构',
    routing: '路由',
    stepThrough: '逐个词元浏览句子',
    routedExperts: '路由专家数',
    topK: '每个词元激活的专家数（top-k）',
    sharedExperts: '共享专家数',
    granularity: '专家粒度',
    wholeExperts: '1（完整专家）',
    splitInto: (g) => `${g}（每个专家拆成 ${g} 个）`,
    smallExperts: (experts, active) => `共 ${experts} 个细粒度专家，每个词元激活 ${active} 个。`,
    layers: 'MoE 层数',
    router: '路由器',
    routerOption: (name, source) => `${name}（${source}）`,
    gateNorm: '门控权重',
    gateNormOption: { chosen: '在选中的 k 个上重新归一化', all: '在全部专家上的概率' },
    gateNormHint: (rule, k) =>
      rule === 'chosen'
        ? `Mixtral、Qwen3-MoE 和 DeepSeek-V3 把选中专家的权重缩放到总和为 1${k === 1 ? '；只选一个专家时它的权重总是 1，路由器无法从任务中学习' : ''}。`
        : 'Switch Transformer、Qwen1.5/Qwen2-MoE 和 OLMoE 保留每个选中专家在全部专家上的概率，所以权重之和小于 1，路由器在 top-1 时仍能学习。',
    groups: '专家组数',
    groupsPerToken: '每个词元可用的组数',
    noise: '路由器噪声',
    noiseHint: '仅用于带噪声的 top-k 路由器。',
    capacity: '容量因子',
    noLimit: '无上限',
    gamma: '偏置更新速度（γ）',
    biasUpdates: (n) => `已应用的偏置更新：${n} 次。`,
    gammaHint: '仅用于带偏置的 sigmoid 路由器（DeepSeek-V3 的负载均衡方式）。',
    seed: '随机种子',
    previous: '上一个词元',
    next: '下一个词元',
    play: '播放',
    pause: '暂停',
    reset: '重置',
    biasStep: '应用一次偏置更新',
    speed: '播放速度',
    perSecond: (speed) => `${speed} 词元/秒`,
  },

  router: {
    nameGap: '',
    gateAll: '这里的门控权重：每个选中专家在全部专家上的概率，保持原样（Switch 规则），所以它们的和小于 1。',
    source: (source) => `（${source}）`,
    formulaGap: '：',
    scoreName: {
      'softmax-topk': '概率',
      'noisy-topk': '加噪后概率',
      'sigmoid-bias': '亲和度 s',
      'expert-choice': '概率',
    },
    noToken: '未选中词元。',
    title: (token, index, experts) =>
      `${token !== null ? `“${token}”（第 ${index} 个词元）的路由器得分` : '路由器得分'}，共 ${experts} 个专家`,
    chosenWeight: (place, weight) => `第 ${place} 个选中 · 权重 ${weight}`,
    chosenDropped: (place) => `第 ${place} 个选中 · 被丢弃（超出容量）`,
    withNoise: (score, noise) => `${score} · 噪声 ${noise}`,
    bars: (scoreName) => `柱条：每个专家的${scoreName}。`,
    markedPicked: '加框：挑选了这个词元的专家，附门控权重。',
    markedChosen: '加框：被选中的专家，附门控权重。',
    noiseStrip: '下方细条：加在每个 logit 上的噪声（向上为 +，向下为 −）。',
    noiseRows: '每根柱条下的细条：加在它的 logit 上的噪声（向右为 +，向左为 −）。',
    biasTick: '黑色刻线：s + 偏置，由它决定选中谁。',
    shadedGroups: (kept, groups) => `底色：这个词元可以使用的 ${kept} 个组（共 ${groups} 组）。`,
    outcomeDropped: (e) => `E${e} 被丢弃（超出容量）`,
    outcomeWeight: (e, weight) => `E${e}（权重 ${weight}）`,
    chosen: (list) => `选中：${list}。`,
    nonePicked: '没有专家挑选这个词元。',
    skipped: '没有路由专家运行：这个词元经残差连接直接通过。',
    keptGroups: (groups, of) => `保留的组（从好到差）：${groups}（共 ${of} 组）；这些组以外的专家不能被选中。`,
    valueBias: 's + 偏置 = 选择依据',
    valueNoise: '概率 · logit 上的噪声',
    rowsLabel: '各专家的路由器得分',
    expert: '专家',
    result: '结果',
    groupKept: (g, rank, of) => `组 ${g}：保留（排第 ${rank}，共保留 ${of} 组）`,
    groupNotKept: (g) => `组 ${g}：未保留，组内专家不能被选中`,
    drop: '✕ 丢弃',
    noiseAxis: '每个 logit 上的噪声',
    chartSummary: (experts, scoreName, lo, hi, outcome) => `${experts} 个专家，${zhJoin(scoreName, '从')} ${lo} 到 ${hi}。${outcome}`,
    groupLabels: (g, kept) => [`组 ${g}${kept ? ' · 保留' : ''}`, `G${g}${kept ? ' 保留' : ''}`, `G${g}${kept ? '✓' : ''}`],
    tableCaption: (rows, by, more) => `${zhJoin('按', by, '排名')}前 ${rows} 的专家${more ? '，以及排在其后的被选中专家' : ''}`,
    rank: '排名',
    bias: '偏置',
    sPlusBias: 's + 偏置',
    noiseOnLogit: 'logit 上的噪声',
    noiseShort: '噪声',
    group: '组',
    groupCell: (g, kept) => `${g}${kept ? '（保留）' : ''}`,
    notChosen: '未选中',
    groupNotKeptCell: '所在组未保留',
  },

  exportMenu: {
    label: '导出当前视图：',
    png: '下载 PNG',
    svg: '下载 SVG',
    csv: '下载 CSV',
    json: '下载 JSON',
    copyLink: '复制链接',
    saved: (name) => `已保存 ${name}。`,
    couldNotMake: (kind, why) => `无法生成 ${kind}：${why}。`,
    linkCopied: '链接已复制',
    copyRefused: '浏览器不允许复制：链接已在下方选中，请按 Ctrl+C（Mac 上按 ⌘C）复制。',
    linkField: '当前视图的链接',
    caption:
      '图片展示当前词元和当前层；CSV 中本层每个词元的每个被选中专家各占一行，JSON 包含完整的路由记录和设置。全部在你的浏览器中生成。',
    notDrawn: '图片无法绘制',
    noCanvas: '这个浏览器无法在 canvas 上绘图',
    notEncoded: 'PNG 无法编码',
  },
  ...simulatorPanels.zh,
};

const part = section({ en, zh });

export default part;

/** This part of the catalogue in the page's language. */
export const simWords = (): typeof en => part[getLang()];
