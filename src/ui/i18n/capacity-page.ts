/** The capacity lesson (demos/capacity.html, src/ui/capacity-*.ts): capacity, dropped tokens, the sweep. */
import { getLang } from './locale';
import { plural, section } from './section';

const en = {
  pageTitle: 'moe-lab: capacity and dropped tokens',
  title: 'Capacity and dropped tokens',
  pageLabel: 'Capacity lesson',
  intro: {
    capacity:
      'Each expert can take at most a fixed number of tokens per batch: its capacity. For T tokens in the batch, k experts per token and E experts, moe-lab computes it as the Switch Transformer does (there k = 1):',
    formula: 'capacity = max(1, ⌈capacity factor × T × k / E⌉)',
    even: 'At factor 1 that is an even share of the T × k choices, rounded up.',
    dropped:
      'Tokens are served first come, first served. A token that reaches an expert after it is full is dropped there: it skips that expert, and the residual connection carries it on unchanged (its other experts still run).',
    why: 'Real systems set a capacity because the experts sit on different devices and tokens travel to them in buffers of a fixed size, set before the batch is seen: a capacity bounds every buffer and the work of the busiest device.',
    deepseekBefore: 'DeepSeek-V3 drops none: its bias balancing keeps the load even, and its report states that ',
    /** Quoted from the report (shown in <q>, which adds the quotation marks). */
    deepseekQuote: 'DeepSeek-V3 does not drop any tokens during training',
    deepseekAfter: ' (nor during inference).',
    sources:
      'Sources: Switch Transformer (Fedus et al., arXiv 2101.03961), section 2.2; DeepSeek-V3 technical report (arXiv 2412.19437), section 2.1.2.',
  },
  live: {
    title: 'Try it: one sentence is one batch',
    controlsLabel: 'Settings',
    sentence: 'Sentence',
    presets: 'Presets',
    chooseSentence: 'Choose a sentence…',
    capacityFactor: 'Capacity factor',
    noLimit: 'no limit',
    topK: 'Experts per token (top-k)',
    experts: 'Routed experts',
    router: 'Router',
    seed: 'Seed',
    topKLowered: (k: number) => `Top-k lowered to ${k}: a token cannot choose more experts than there are.`,
    /** A typed seed refused: the config's own reason(s), then what is used instead. */
    seedRefused: (reason: string) => `${reason}. The last good seed is kept.`,
    starting: 'Starting the model…',
    modelFailed: (error: string) => `The model could not run: ${error}`,
    noTokens: 'Type a sentence: there are no tokens to route.',
    truncated: (n: number) => `Only the first ${n} tokens are routed.`,
    capacityWorked: (factor: string, T: number, k: number, E: number, raw: string, cap: number) =>
      `capacity = max(1, ⌈${factor} × ${T} × ${k} / ${E}⌉) = max(1, ⌈${raw}⌉) = ${plural(cap, 'slot', 'slots')} per expert`,
    capacityClamped: (T: number) => `; an expert cannot take more than the ${plural(T, 'token', 'tokens')} there are, so ${T}`,
    capacityNone: 'No capacity limit: every choice is processed.',
    expertChoiceNone: 'Expert choice with no limit uses factor 1: ',
    droppedHeadline: (d: number, n: number, share: string) =>
      `${d.toLocaleString('en')} of ${plural(n, 'token-expert choice', 'token-expert choices')} dropped (${share})`,
    skipped: (n: number) =>
      n === 0
        ? 'Every token kept at least one expert.'
        : `${plural(n, 'token', 'tokens')} got no expert at all and ${n === 1 ? 'rides' : 'ride'} the residual connection.`,
    expertChoiceNote:
      'Expert choice turns the rule around: each expert takes the tokens it scores highest, up to its capacity, so no choice is ever dropped; instead, a token that no expert took gets no expert.',
    tokensCaption:
      'Each chip is a token with its experts in order of preference; ✕ marks a choice dropped because that expert was already full.',
    loadLabel: 'Choices per expert for this sentence',
    loadCaption:
      'Bars: how many of this sentence’s choices reached each expert. The dashed line is the capacity; the hatched part above it was dropped.',
  },
  sweep: {
    title: (n: number) => `All ${n} built-in sentences at each capacity factor`,
    caption: (n: number) =>
      `The same model as above (same experts, top-k, router and seed) routes each of the ${n} built-in sentences as its own batch, so each gets its own capacity, at each capacity factor. Bars: the share of all their token-expert choices that was dropped.`,
    captionExpertChoice: (n: number) =>
      `The same model as above (same experts, top-k, router and seed) routes each of the ${n} built-in sentences as its own batch, at each capacity factor. Expert choice never drops a choice, so the bars show what it costs instead: the share of tokens that no expert took.`,
    measuring: (done: number, total: number) =>
      `Measuring on the live model: ${done.toLocaleString('en')} of ${total.toLocaleString('en')} runs…`,
    measured: (runs: number) => `Measured on the live model: ${runs.toLocaleString('en')} runs.`,
    chartLabel: (list: string, current: string) => `Share of choices dropped, by capacity factor: ${list}. Current setting: ${current}.`,
    chartLabelSkipped: (list: string, current: string) =>
      `Share of tokens with no expert, by capacity factor: ${list}. Current setting: ${current}.`,
    current: 'current',
    currentRow: '(current setting)',
    factor: 'Capacity factor',
    dropped: 'Choices dropped',
    share: 'Share dropped',
    skipped: 'Tokens with no expert',
    of: (d: number, n: number) => `${d.toLocaleString('en')} of ${n.toLocaleString('en')}`,
    tableCaption: 'Table: dropped choices by capacity factor, over all built-in sentences',
    axis: 'dropped',
    axisSkipped: 'no expert',
  },
  note: {
    title: 'Why even factor 1 drops tokens',
    evenShare: (T: number, k: number, E: number, mean: string, cap: number) =>
      `Factor 1 gives each expert ⌈${T} × ${k} / ${E}⌉ = ⌈${mean}⌉ = ${plural(cap, 'slot', 'slots')}: enough only if the choices were spread evenly.`,
    measured: (max: number, mean: string, ratio: string) =>
      `In this sentence the busiest expert was chosen ${plural(max, 'time', 'times')} against a mean of ${mean}: max/mean = ${ratio}.`,
    consequence: (dropped: number, cap: number) =>
      dropped === 0
        ? `So at factor 1 nothing is dropped here: the busiest expert fits in its ${plural(cap, 'slot', 'slots')}.`
        : `So at factor 1, ${plural(dropped, 'choice is', 'choices are')} dropped. Any factor of at least max/mean keeps every choice of this sentence.`,
    allSentences: (n: number, mean: string, max: string, share: string) =>
      `Over all ${n} built-in sentences, max/mean averages ${mean} (at most ${max}), and at factor 1, ${share} of the choices are dropped.`,
    balance:
      'Balancing the load (DeepSeek-V3’s bias, or a balance loss) brings max/mean towards 1: that is what lets a system keep every token with little spare capacity.',
    expertChoice:
      'With expert choice every expert takes exactly its capacity, so max/mean is 1 and no choice is dropped: the cost moves to the tokens that no expert took.',
    noTokens: 'Route a sentence to measure its imbalance.',
  },
  ignoredKey: (key: string, value: string) => `Ignored ${key}=${value}: this page sets only e, k, cf, r, seed and text.`,
};

const zh: typeof en = {
  pageTitle: 'moe-lab：容量与被丢弃的词元',
  title: '容量与被丢弃的词元',
  pageLabel: '容量课程',
  intro: {
    capacity:
      '每个专家在一个批次中最多只能接收固定数量的词元，这就是它的容量。设批次中有 T 个词元、每个词元选 k 个专家、共有 E 个专家，moe-lab 按 Switch Transformer 的方法（其中 k = 1）计算容量：',
    formula: '容量 = max(1, ⌈容量因子 × T × k / E⌉)',
    even: '容量因子为 1 时，就是 T × k 个选择平均分给每个专家的份额（向上取整）。',
    dropped:
      '词元按先到先得的顺序处理。专家满了之后才到达的词元就在这里被丢弃：它跳过这个专家，由残差连接原样带到下一层（它的其他专家照常运行）。',
    why: '真实系统设置容量，是因为专家分布在不同的设备上，词元要装进固定大小的缓冲区送过去，而缓冲区大小在看到批次之前就已确定：容量让每个缓冲区和最忙设备的工作量都有上界。',
    deepseekBefore: 'DeepSeek-V3 一个词元也不丢：它的偏置均衡让负载保持均匀，技术报告写道：',
    deepseekQuote: 'DeepSeek-V3 在训练期间不丢弃任何词元',
    deepseekAfter: '（推理时也不丢弃）。',
    sources: '来源：Switch Transformer（Fedus 等，arXiv 2101.03961）第 2.2 节；DeepSeek-V3 技术报告（arXiv 2412.19437）第 2.1.2 节。',
  },
  live: {
    title: '动手试试：一个句子就是一个批次',
    controlsLabel: '设置',
    sentence: '句子',
    presets: '预设句子',
    chooseSentence: '选择一个句子…',
    capacityFactor: '容量因子',
    noLimit: '不限',
    topK: '每个词元的专家数（top-k）',
    experts: '路由专家数',
    router: '路由器',
    seed: '随机种子',
    topKLowered: (k) => `top-k 已降为 ${k}：一个词元选的专家数不能超过专家总数。`,
    seedRefused: (reason) => `${reason}。仍使用上一个有效的随机种子。`,
    starting: '正在启动模型…',
    modelFailed: (error) => `模型无法运行：${error}`,
    noTokens: '请输入句子：目前没有可路由的词元。',
    truncated: (n) => `只对前 ${n} 个词元进行路由。`,
    capacityWorked: (factor, T, k, E, raw, cap) =>
      `容量 = max(1, ⌈${factor} × ${T} × ${k} / ${E}⌉) = max(1, ⌈${raw}⌉) = 每个专家 ${cap} 个位置`,
    capacityClamped: (T) => `；一个专家最多只能接收现有的 ${T} 个词元，所以是 ${T}`,
    capacityNone: '不限容量：每个选择都会被处理。',
    expertChoiceNone: '专家选择在不限容量时按容量因子 1 计算：',
    droppedHeadline: (d, n, share) => `${n.toLocaleString('en')} 个词元-专家选择中有 ${d.toLocaleString('en')} 个被丢弃（${share}）`,
    skipped: (n) => (n === 0 ? '每个词元都至少保留了一个专家。' : `${n} 个词元完全没有专家处理，由残差连接带过。`),
    expertChoiceNote:
      '专家选择把规则反了过来：每个专家挑选自己打分最高的词元，直到容量用完，所以从不丢弃任何选择；代价是没有被任何专家挑中的词元完全没有专家处理。',
    tokensCaption: '每个色块是一个词元，下面按偏好顺序列出它的专家；✕ 表示该专家已满，这个选择被丢弃。',
    loadLabel: '本句中每个专家收到的选择数',
    loadCaption: '柱子：本句的选择中有多少到达了每个专家。虚线是容量，超出虚线的斜线部分被丢弃。',
  },
  sweep: {
    title: (n) => `全部 ${n} 个内置句子在各个容量因子下的情况`,
    caption: (n) =>
      `与上面相同的模型（相同的专家数、top-k、路由器和随机种子）把 ${n} 个内置句子各自作为一个批次（因此各有各的容量），在每个容量因子下进行路由。柱子：所有词元-专家选择中被丢弃的比例。`,
    captionExpertChoice: (n) =>
      `与上面相同的模型（相同的专家数、top-k、路由器和随机种子）把 ${n} 个内置句子各自作为一个批次，在每个容量因子下进行路由。专家选择从不丢弃选择，所以柱子显示的是它的代价：没有被任何专家接收的词元所占的比例。`,
    measuring: (done, total) => `正在用实时模型测量：已完成 ${done.toLocaleString('en')} / ${total.toLocaleString('en')} 次运行…`,
    measured: (runs) => `已用实时模型测量：共 ${runs.toLocaleString('en')} 次运行。`,
    chartLabel: (list, current) => `按容量因子统计的选择丢弃比例：${list}。当前设置：${current}。`,
    chartLabelSkipped: (list, current) => `按容量因子统计的没有专家的词元比例：${list}。当前设置：${current}。`,
    current: '当前',
    currentRow: '（当前设置）',
    factor: '容量因子',
    dropped: '被丢弃的选择',
    share: '丢弃比例',
    skipped: '没有专家的词元',
    of: (d, n) => `${d.toLocaleString('en')} / ${n.toLocaleString('en')}`,
    tableCaption: '表格：全部内置句子在各容量因子下被丢弃的选择',
    axis: '被丢弃',
    axisSkipped: '没有专家',
  },
  note: {
    title: '为什么容量因子为 1 时也会丢弃词元',
    evenShare: (T, k, E, mean, cap) =>
      `容量因子 1 给每个专家 ⌈${T} × ${k} / ${E}⌉ = ⌈${mean}⌉ = ${cap} 个位置：只有选择分布完全均匀时才够用。`,
    measured: (max, mean, ratio) => `在这个句子中，最忙的专家被选了 ${max} 次，而平均值是 ${mean}：最大/平均 = ${ratio}。`,
    consequence: (dropped, cap) =>
      dropped === 0
        ? `所以容量因子为 1 时这里没有丢弃：最忙的专家也装得下，它有 ${cap} 个位置。`
        : `所以容量因子为 1 时有 ${dropped} 个选择被丢弃。容量因子只要不小于最大/平均，这个句子的每个选择就都能保留。`,
    allSentences: (n, mean, max, share) =>
      `在全部 ${n} 个内置句子上，最大/平均的均值为 ${mean}（最高 ${max}），容量因子为 1 时有 ${share} 的选择被丢弃。`,
    balance: '负载均衡（DeepSeek-V3 的偏置，或均衡损失）会把最大/平均拉向 1：正因如此，系统才能只留很少的余量就保住每个词元。',
    expertChoice:
      '在专家选择中，每个专家恰好接收其容量数量的词元，所以最大/平均为 1，也不会丢弃任何选择：代价转移到了没有被任何专家挑中的词元上。',
    noTokens: '路由一个句子之后才能测量它的负载不均。',
  },
  ignoredKey: (key, value) => `已忽略 ${key}=${value}：本页只使用 e、k、cf、r、seed 和 text。`,
};

const part = section({ en, zh });

export default part;

/** This part of the catalogue in the page's language. */
export const capacityPageWords = (): typeof en => part[getLang()];
