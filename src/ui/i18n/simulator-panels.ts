/**
 * The simulator's routing panels: the lit experts, the load bars, the whole-sentence matrix, the
 * parameter meter and the token chips. A part of ./simulator (which spreads it into its own).
 */
import { plural, section } from './section';

const count = (n: number): string => n.toLocaleString('en');

const en = {
  experts: {
    none: 'No experts to show.',
    idle: 'idle',
    litLegend: 'lit = used by this token, in its own colour (bar along the bottom = gate weight, the longest for the largest)',
    sharedLegend: 'shared, always lit',
    droppedLegend: 'chosen but dropped (over capacity)',
    caption: (sizes: string) => `Each block is an expert; its area is its parameter count (${sizes}). Lit = used by this token.`,
    shared: 'shared',
    drop: '✕ drop',
    blockTitle: (label: string, params: string, shared: boolean, weight: string | null, dropped: boolean) =>
      `${label}: ${params} parameters${shared ? ', shared, always on' : ''}${weight !== null ? `, weight ${weight}` : ''}${dropped ? ', dropped (over capacity)' : ''}`,
    /** After a bold list label ("Lit:"). */
    labelGap: ' ',
    lit: 'Lit:',
    litItem: (label: string, weight: string) => `${label} (${weight})`,
    noRouted: 'no routed expert',
    rides: ' (the token rides the residual connection)',
    sharedLit: 'Shared, always lit:',
    droppedList: 'Dropped (over capacity):',
    atWork: (active: string, total: string, share: string) => `Expert parameters at work for this token: ${active} of ${total} (${share}).`,
    summary: (all: number, shared: number, routed: number, lit: string[], dropped: string[]) =>
      [
        `${all} experts: ${shared} shared (always on), ${routed} routed`,
        `lit for this token: ${lit.length ? lit.join(', ') : 'none'}`,
        dropped.length ? `dropped over capacity: ${dropped.join(', ')}` : '',
      ]
        .filter(Boolean)
        .join('; '),
    summaryLit: (label: string, weight: string) => `${label} weight ${weight}`,
    sizeSame: (shared: boolean, params: string) => `${shared ? 'shared' : 'routed'}: ${params} parameters each`,
    sizeRange: (shared: boolean, lo: string, hi: string) => `${shared ? 'shared' : 'routed'}: ${lo} to ${hi} parameters`,
    sizesJoin: (parts: string[]) => parts.join('; '),
  },
  load: {
    none: 'No sentence routed yet.',
    caption: (layer: number, tokens: number, experts: number, capacity: boolean) =>
      `Layer ${layer}: how many of the sentence's ${plural(tokens, 'token', 'tokens')} chose each of the ${plural(experts, 'routed expert', 'routed experts')}.${
        capacity ? ' Hatched = chose the expert after it was full, so dropped.' : ''
      }`,
    chartLabel: (layer: number) => `Layer ${layer}: tokens per expert`,
    capacity: 'Capacity',
    noCapacity: 'no capacity limit',
    perExpert: (cap: number) => `${plural(cap, 'token', 'tokens')} per expert`,
    everyChoice: 'Every choice is processed.',
    overIt: (n: number) => `${plural(n, 'expert', 'experts')} over it.`,
    dropped: 'Dropped',
    droppedOf: (dropped: number, demand: number) => `${plural(dropped, 'choice', 'choices')} of ${count(demand)} dropped`,
    noExpertAtAll: (n: number) =>
      `${plural(n, 'token', 'tokens')} got no expert at all${n === 0 ? '.' : ` (${n === 1 ? 'it rides' : 'they ride'} the residual connection).`}`,
    balance: 'Balance',
    balanceFigures: (maxOverMean: string, cv: string) => `max/mean ${maxOverMean} · CV ${cv}`,
    idle: (n: number) => `${plural(n, 'expert', 'experts')} got no tokens.`,
    noDemand: 'No token chose any expert, so there is no balance to measure.',
    balanceWords: (times: string, cv: string) =>
      `Max/mean 1.00 and CV 0.00 would be perfectly even. Here the busiest expert was chosen by ${times}× as many tokens ` +
      `as the average expert, and the typical gap between an expert's count and the average is ${cv} of the average.`,
  },
  bars: {
    defaultLabel: 'Tokens per expert',
    noCapacity: 'No capacity limit',
    capacityOver: (cap: number, over: number) => `Capacity ${cap}; ${over} expert${over === 1 ? '' : 's'} over it`,
    summaryEach: (label: string, items: string[], tail: string) => `${label}. ${items.join(', ')}. ${tail}`,
    summaryMany: (label: string, experts: number, lo: number, hi: number, idle: number, tail: string) =>
      `${label}. ${experts} experts, from ${lo} to ${hi} tokens each; ${idle} got none. ${tail}`,
    table: 'Table: tokens per expert',
    expert: 'Expert',
    choseIt: 'Chose it',
    processed: 'Processed',
    dropped: 'Dropped',
    capacityLine: (cap: number) => `capacity ${cap}`,
  },
  matrix: {
    notRouted: 'not routed',
    none: 'none',
    noneNoExpert: 'none: no expert',
    cell: (e: number, weight: string) => `E${e} ${weight}`,
    noSentence: 'No sentence routed yet.',
    label: (tokens: number, experts: number, layer: number, choices: number, dropped: number, skipped: number) =>
      `Assignments of ${tokens} tokens to ${experts} experts in layer ${layer}: ${choices} choices, ${dropped} dropped, ${skipped} ${skipped === 1 ? 'token' : 'tokens'} with no expert.`,
    caption: (layer: number, experts: number, capacity: boolean) =>
      `The whole sentence, layer ${layer}: each row is a word, each column one of the ${experts} routed experts. A filled cell means the word went to that expert, darker for a larger gate weight.${
        capacity ? ' A hatched red-outlined cell means it chose that expert but the expert was full, so the choice was dropped.' : ''
      } Click a word to select it.`,
    corner: 'word ↓ expert →',
    tokens: 'Tokens',
    rowSkipped: (n: number, token: string, dropped: string) => `${n} ${token} no expert: dropped ${dropped}`,
    rowName: (n: number, token: string, kept: string, dropped: string) => `${n} ${token}: experts ${kept}; dropped ${dropped}`,
    noExpert: 'no expert',
    gateWeight: 'Gate weight:',
    lightest: (w: string) => `lightest ${w}`,
    darkest: (w: string) => `darkest ${w}`,
    droppedFull: 'dropped (expert full)',
    table: 'Table: experts of every token',
    number: '#',
    token: 'Token',
    expertsWeights: 'Experts (gate weight)',
    droppedChoices: 'Dropped choices',
  },
  meter: {
    none: 'No tokens to route.',
    active: (token: string, active: string, total: string, share: string) =>
      `“${token}”: active ${active} of ${total} parameters (${share})`,
    average: (active: string, share: string) => `Sentence average: ${active} active (${share}).`,
    work: (flops: string, dense: string, saved: string) =>
      `Work for this token: ${flops} FLOPs against ${dense} if every expert ran, ${saved} saved.`,
    note: (embedding: string) =>
      `Counted like published model sizes: the embedding table (${embedding}, which also serves as the output head) and the router count as active; unused experts do not.`,
  },
  strip: {
    tokens: 'Tokens',
    unknown: 'unknown',
    dropped: 'dropped',
    notInVocabulary: 'not in the vocabulary',
    /** A word the tagger classed from its context (not in the lexicon): its mark on the chip, and what the mark means. */
    tagged: (cls: string) => `tagged: ${cls}`,
    classedFromContext: (cls: string) => `not in the lexicon, classed from context as ${cls}`,
    /** The note under the strip: the lead, then each such word with its class. */
    taggedLead: 'Not in the lexicon, classed from context: ',
    taggedClass: (cls: string) => ` (${cls})`,
    listSep: ', ',
    noExpertRan: 'no expert ran',
    droppedOver: (experts: string[]) => `${experts.join(', ')} dropped, over capacity`,
    label: (n: number, visible: string, notes: string[]) => `token ${n}: ${visible}${notes.length ? ` (${notes.join('; ')})` : ''}`,
  },
};

const zh: typeof en = {
  experts: {
    none: '没有可显示的专家。',
    idle: '空闲',
    litLegend: '点亮 = 这个词元用到，显示该专家自己的颜色（底部横条 = 门控权重，最大者最长）',
    sharedLegend: '共享专家，始终点亮',
    droppedLegend: '选中但被丢弃（超出容量）',
    caption: (sizes) => `每个方块是一个专家，面积表示它的参数量（${sizes}）。点亮 = 这个词元用到。`,
    shared: '共享',
    drop: '✕ 丢弃',
    blockTitle: (label, params, shared, weight, dropped) =>
      `${label}：${params} 个参数${shared ? '，共享专家，始终运行' : ''}${weight !== null ? `，权重 ${weight}` : ''}${dropped ? '，被丢弃（超出容量）' : ''}`,
    labelGap: '',
    lit: '点亮：',
    litItem: (label, weight) => `${label}（${weight}）`,
    noRouted: '没有路由专家',
    rides: '（这个词元经残差连接直接通过）',
    sharedLit: '共享专家，始终点亮：',
    droppedList: '被丢弃（超出容量）：',
    atWork: (active, total, share) => `为这个词元工作的专家参数：${active}，共 ${total}（${share}）。`,
    summary: (all, shared, routed, lit, dropped) =>
      [
        `${all} 个专家：${shared} 个共享专家（始终运行），${routed} 个路由专家`,
        `这个词元点亮的：${lit.length ? lit.join('、') : '无'}`,
        dropped.length ? `超出容量被丢弃的：${dropped.join('、')}` : '',
      ]
        .filter(Boolean)
        .join('；'),
    summaryLit: (label, weight) => `${label} 权重 ${weight}`,
    sizeSame: (shared, params) => `${shared ? '共享专家' : '路由专家'}：每个 ${params} 个参数`,
    sizeRange: (shared, lo, hi) => `${shared ? '共享专家' : '路由专家'}：${lo} 到 ${hi} 个参数`,
    sizesJoin: (parts) => parts.join('；'),
  },
  load: {
    none: '还没有路由任何句子。',
    caption: (layer, tokens, experts, capacity) =>
      `第 ${layer} 层：句子共 ${count(tokens)} 个词元，这里是 ${count(experts)} 个路由专家各被多少个词元选中。${
        capacity ? '斜线 = 专家已满之后才选择它，因此被丢弃。' : ''
      }`,
    chartLabel: (layer) => `第 ${layer} 层：各专家的词元数`,
    capacity: '容量',
    noCapacity: '没有容量上限',
    perExpert: (cap) => `每个专家 ${count(cap)} 个词元`,
    everyChoice: '每次选择都会被处理。',
    overIt: (n) => `${count(n)} 个专家超出容量。`,
    dropped: '被丢弃',
    droppedOf: (dropped, demand) => `${count(demand)} 次选择中有 ${count(dropped)} 次被丢弃`,
    noExpertAtAll: (n) => `${count(n)} 个词元没有分到任何专家${n === 0 ? '。' : '（经残差连接直接通过）。'}`,
    balance: '均衡程度',
    balanceFigures: (maxOverMean, cv) => `最大/平均 ${maxOverMean} · CV ${cv}`,
    idle: (n) => `${count(n)} 个专家没有分到词元。`,
    noDemand: '没有词元选择任何专家，因此无法衡量负载均衡。',
    balanceWords: (times, cv) =>
      `最大/平均为 1.00、CV（变异系数）为 0.00 表示完全均衡。这里最忙的专家被选中的次数是平均水平的 ${times} 倍，` +
      `各专家的次数与平均值的典型差距是平均值的 ${cv}。`,
  },
  bars: {
    defaultLabel: '各专家的词元数',
    noCapacity: '没有容量上限',
    capacityOver: (cap, over) => `容量 ${cap}；${over} 个专家超出容量`,
    summaryEach: (label, items, tail) => `${label}。${items.join('，')}。${tail}`,
    summaryMany: (label, experts, lo, hi, idle, tail) =>
      `${label}。${experts} 个专家，每个 ${lo} 到 ${hi} 个词元；${idle} 个没有分到词元。${tail}`,
    table: '表格：各专家的词元数',
    expert: '专家',
    choseIt: '选择它的词元',
    processed: '已处理',
    dropped: '被丢弃',
    capacityLine: (cap) => `容量 ${cap}`,
  },
  matrix: {
    notRouted: '未路由',
    none: '无',
    noneNoExpert: '无：没有专家',
    cell: (e, weight) => `E${e} ${weight}`,
    noSentence: '还没有路由任何句子。',
    label: (tokens, experts, layer, choices, dropped, skipped) =>
      `第 ${layer} 层中 ${tokens} 个词元到 ${experts} 个专家的分配：${choices} 次选择，${dropped} 次被丢弃，${skipped} 个词元没有专家。`,
    caption: (layer, experts, capacity) =>
      `整个句子，第 ${layer} 层：每一行是一个词，每一列是 ${experts} 个路由专家之一。有颜色的格子表示这个词去了那个专家，颜色越深门控权重越大。${
        capacity ? '红框斜线格表示它选了那个专家，但专家已满，这次选择被丢弃。' : ''
      }点击一个词可以选中它。`,
    corner: '词 ↓ 专家 →',
    tokens: '词元',
    rowSkipped: (n, token, dropped) => `${n} ${token} 没有专家：被丢弃 ${dropped}`,
    rowName: (n, token, kept, dropped) => `${n} ${token}：专家 ${kept}；被丢弃 ${dropped}`,
    noExpert: '没有专家',
    gateWeight: '门控权重：',
    lightest: (w) => `最浅 ${w}`,
    darkest: (w) => `最深 ${w}`,
    droppedFull: '被丢弃（专家已满）',
    table: '表格：每个词元的专家',
    number: '#',
    token: '词元',
    expertsWeights: '专家（门控权重）',
    droppedChoices: '被丢弃的选择',
  },
  meter: {
    none: '没有可路由的词元。',
    active: (token, active, total, share) => `“${token}”：激活 ${active} 个参数，共 ${total} 个（${share}）`,
    average: (active, share) => `全句平均：激活 ${active} 个（${share}）。`,
    work: (flops, dense, saved) => `这个词元的计算量：${flops} FLOPs，而所有专家都运行时为 ${dense}，节省了 ${saved}。`,
    note: (embedding) => `计数方式与公开的模型规模一致：嵌入表（${embedding}，同时用作输出头）和路由器算作激活参数；未用到的专家不算。`,
  },
  strip: {
    tokens: '词元',
    unknown: '未知',
    dropped: '被丢弃',
    notInVocabulary: '不在词表中',
    tagged: (cls) => `推断：${cls}`,
    classedFromContext: (cls) => `不在词库中，按上下文归为${cls}`,
    taggedLead: '不在词库中、按上下文归类的词：',
    taggedClass: (cls) => `（${cls}）`,
    listSep: '、',
    noExpertRan: '没有专家运行',
    droppedOver: (experts) => `${experts.join('、')} 被丢弃，超出容量`,
    label: (n, visible, notes) => `词元 ${n}：${visible}${notes.length ? `（${notes.join('；')}）` : ''}`,
  },
};

export default section({ en, zh });
