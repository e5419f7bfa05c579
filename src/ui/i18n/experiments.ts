/** The experiments page (demos/experiments.html, src/ui/experiments/*): the MoE papers' routing analyses, run live. */
import { getLang } from './locale';
import { section } from './section';

type Ids = 'words' | 'neighbours' | 'together' | 'knockout' | 'settles' | 'same-word' | 'compute';

/** One experiment's fixed words: its name, the paper it reproduces, its formula and its baseline. */
interface Card {
  title: string;
  source: string;
  formula: string;
  baseline: string;
  /** What the chart shows (its caption). */
  caption: string;
}

const en = {
  pageTitle: 'moe-lab: the papers’ experiments, live',
  title: 'The papers’ routing experiments, run live',
  pageLabel: 'Routing experiments',
  intro:
    'Mixture-of-experts papers check what their routers learned with a handful of measurements. Here each one runs on this page’s model, on its trained weights (those of the sigmoid router with bias were trained with DeepSeek-V3’s bias balancing), its random weights, or a training run from the seed, so you can see where the small model agrees with the paper and where it does not. Every number below is computed now, from the model’s routing of 200 held-out sentences (about 1,500 words) the model never trained on.',
  experiment: 'Experiment',
  model: 'Model',
  experts: 'Routed experts',
  topK: 'Experts per token (top-k)',
  layers: 'MoE layers',
  router: 'Router (“Sigmoid with bias” has the balanced checkpoint)',
  seed: 'Seed',
  layer: 'Layer shown',
  layerOption: (l: number) => `Layer ${l + 1}`,
  starting: 'Starting the model…',
  running: (done: number, total: number) => `Measuring… ${done} of ${total}`,
  training: (done: number, total: number) => `Training from the seed… step ${done} of ${total}`,
  progressLabel: 'Progress of the experiment',
  measuredIn: (ms: string) => `Measured in ${ms} s.`,
  failed: (error: string) => `The experiment could not run: ${error}`,
  trainsOwn: (steps: number) =>
    `This experiment trains its own model from the seed (${steps} steps of the shipped checkpoints’ recipe), so the weights switch does not apply to it.`,
  howMeasured: 'How it is measured',
  source: 'Source',
  formula: 'Formula',
  baseline: 'Baseline',
  meaning: 'What it means',
  tableSummary: 'The numbers as a table',
  exportCsv: 'Download CSV',
  exportJson: 'Download JSON',
  choiceKind: 'Count',
  firstChoice: 'first choice only (1 / E line)',
  allChoices: 'all k choices (OLMoE: k / E line)',
  ownSentences: 'Your sentences (one per line)',
  word: 'Word to follow',
  wordHint: 'Words met more than once:',
  noOccurrences: (word: string) => `“${word}” does not occur in these sentences. Type a word from them, or add a sentence with it.`,
  ignoredKey: (key: string, value: string) => `“${key}=${value}” in the link is not a setting of this page; it was ignored.`,
  cards: {
    words: {
      title: 'Which words go to which expert',
      source: 'Mixtral of Experts (Jiang et al. 2024), Fig. 7; OLMoE (Muennighoff et al. 2024), domain and vocabulary specialisation.',
      formula:
        'share(class c, expert e) = tokens of c whose first choice is e ÷ tokens of c   (all choices: choices of c that went to e ÷ choices of c)',
      baseline:
        'Uniform routing: 1 / E for the first choice (Mixtral’s line); k / E of a class’s tokens have e among their k choices (OLMoE’s).',
      caption:
        'Rows are word classes, columns experts; each cell is a percentage, darker when larger, outlined when above the uniform line: that expert takes more than its share of the class.',
    },
    neighbours: {
      title: 'Neighbours share experts',
      source: 'Mixtral of Experts (Jiang et al. 2024), Table 5 and Fig. 10.',
      formula:
        'same first choice = #{f(i) = f(i+1)} ÷ pairs;   share an expert = #{S(i) ∩ S(i+1) ≠ ∅} ÷ pairs   (consecutive words i, i+1 of one sentence)',
      baseline:
        'Random routing: 1 / E for the same first choice, and 1 − C(E−k, k) / C(E, k) for at least one shared expert (12.5% and 46% for Mixtral’s E = 8, k = 2).',
      caption:
        'Bars are the measured rates per layer; the line on each is the random baseline, the shaded band ± 2 standard errors for this many pairs.',
    },
    together: {
      title: 'Experts that fire together',
      source: 'OLMoE (Muennighoff et al. 2024), expert co-activation.',
      formula: 'together(i, j) = tokens with both i and j among their k ÷ tokens;   ratio = together(i, j) ÷ (k(k−1) / (E(E−1)))',
      baseline:
        'Uniform random top-k: k(k−1) / (E(E−1)) of tokens have a given pair (ratio 1). Below p(i)·p(j), since a token cannot pick an expert twice.',
      caption:
        'Each cell is a pair of experts: darker means they fire together more often than random top-k would make them (ratio above 1), paler less.',
    },
    knockout: {
      title: 'Knock an expert out',
      source: 'DeepSeekMoE (Dai et al. 2024), expert-specialisation ablations: the loss as the top routed experts are disabled.',
      formula: 'increase(e) = held-out loss with expert e off − loss of the full model;   loss = mean −ln p(next word | word), in nats',
      baseline:
        'The full model’s loss (increase 0). An expert that no word chooses changes the loss by exactly 0. Usage beside it: share of words whose first choice is e (uniform 1 / E).',
      caption:
        'For each expert: how much the held-out loss rises when it is switched off (every word re-routed to its next best), beside how often it is used.',
    },
    settles: {
      title: 'When routing settles',
      source: 'OLMoE (Muennighoff et al. 2024), router saturation during pretraining.',
      formula: 'saturation(t) = share of (word, choice) pairs at step t that are among the same word’s choices at the end of training',
      baseline: 'Random choices: k / E.',
      caption:
        'One line per layer: how many of each word’s expert choices at each step are already its final choices. 100% at the last step by definition.',
    },
    'same-word': {
      title: 'Same word, two contexts',
      source: 'Mixtral of Experts (Jiang et al. 2024), §5 and Fig. 8; OLMoE (Muennighoff et al. 2024), vocabulary specialisation.',
      formula: 'keeps = occurrences whose first choice is the word’s most common first choice ÷ occurrences',
      baseline:
        'Random routing: about 1 / E for many occurrences. In models with attention the context changes the word’s vector, so it can change experts.',
      caption: 'Each row is one occurrence of the word: its sentence and the experts it went to at this layer, best first.',
    },
    compute: {
      title: 'Dense vs MoE at equal compute',
      source:
        'Switch Transformer (Fedus et al. 2021), Fig. 4 and §2: MoE models learn faster than a dense model with the same FLOPs per token.',
      formula: 'training FLOPs of a step = 3 × forward FLOPs;   forward = 2 × (embedding + router + shared + experts run) per token',
      baseline:
        'The dense twin: one expert as wide as the MoE model’s k active experts together, trained on the same batches from the same seed.',
      caption:
        'Loss on each step’s batch against the training FLOPs spent so far, both models live: a curve lower at the same FLOPs learned more for the same compute.',
    },
  } satisfies Record<Ids, Card>,
  chart: {
    expert: (e: number) => `E${e + 1}`,
    expertName: (e: number) => `expert ${e + 1}`,
    layer: (l: number) => `Layer ${l + 1}`,
    sameFirst: 'same first choice',
    shareAny: 'share an expert',
    randomLine: 'random baseline',
    increase: 'Loss increase when switched off (nats)',
    usage: 'Usage (first choice)',
    step: 'training step',
    saturation: 'choices already final',
    flops: 'training FLOPs',
    loss: 'loss (nats)',
    moe: 'MoE',
    dense: 'dense',
    heatLabel: (what: string) => `Heat map: ${what}. The same numbers are in the table below.`,
    barsLabel: (what: string) => `Bar chart: ${what}. The same numbers are in the table below.`,
    linesLabel: (what: string) => `Line chart: ${what}. The same numbers are in the table below.`,
    listLabel: (what: string) => `Each occurrence and its experts: ${what}. The same numbers are in the table below.`,
  },
  flopCounter: (moe: string, dense: string) => `FLOPs so far: MoE ${moe}, dense ${dense}.`,
  meanings: {
    words: (cls: string, expert: number, share: string, uniform: string, times: string) =>
      `The most lopsided cell: ${cls} words go to expert ${expert + 1} first ${share} of the time, ${times}× the uniform ${uniform}.`,
    wordsTrained: 'Trained routers sort words by kind, as Mixtral and OLMoE report for their vocabularies.',
    wordsRandom:
      'With random weights nothing was learned, yet a class can still lean to one expert: every word’s vector adds its class’s (random) row, so words of a class start out alike. Compare with the trained weights.',
    neighbours: (layer: number, rate: string, base: string, z: string, side: 'above' | 'below' | 'near') =>
      `Layer ${layer + 1}: neighbours share their first expert ${rate} of the time against ${base} by chance (z = ${z}): ${side === 'above' ? 'more often than chance' : side === 'below' ? 'less often than chance' : 'about as often as chance'}.`,
    neighboursWhy:
      'Mixtral found repeats well above chance in its later layers, where attention has mixed context into every token. This model has no attention: each word is routed on its own row, so neighbours share an expert only when they are words of the same kind.',
    together: (i: number, j: number, ratio: string, apart: number, pairs: number) =>
      `Experts ${i + 1} and ${j + 1} fire together most: ${ratio}× as often as random top-k would pair them. ${apart} of ${pairs} pairs fire together less than random routing would.`,
    togetherFew: 'With one expert per token no two experts ever fire together on a word.',
    knockout: (used: number, usedShare: string, important: number, increase: string) =>
      `Expert ${used + 1} is used most (${usedShare} of first choices), but switching off expert ${important + 1} costs the most: +${increase} nats.`,
    knockoutSame: (expert: number, increase: string) =>
      `Expert ${expert + 1} is both the most used and the most costly to lose (+${increase} nats).`,
    knockoutWhy: 'Usage is not importance: a rarely used expert can hold what a few words cannot do without.',
    settles: (layer: number, step: number, share: string) => `Layer ${layer + 1} had ${share} of its final choices by step ${step}.`,
    settlesWhy:
      'OLMoE found routing settles early in pretraining; here, with this recipe, see how far along the curve is at each recording.',
    sameWord: (word: string, n: number, keep: string, expert: number) =>
      `“${word}” occurs ${n} times; ${keep} of them go first to expert ${expert + 1}.`,
    sameWordWhy:
      'This model has no attention, so a word read as the same row always goes to the same experts. It changes only when the word is read differently: as a verb in one sentence and a noun in another (the tagger gives it another row).',
    compute: (flops: string, moe: string, dense: string, better: 'moe' | 'dense' | 'tie') =>
      `After ${flops} training FLOPs each, the MoE model’s loss over the last 20 steps is ${moe} and the dense twin’s ${dense}: ${better === 'moe' ? 'the MoE model learned more for the same compute' : better === 'dense' ? 'the dense twin is ahead so far' : 'level within the step-to-step noise (the gap is under two standard errors)'}.`,
    computeRunning: 'Both models are training now, one step of each in turn.',
  },
  table: {
    class: 'Class',
    layer: 'Layer',
    measure: 'Measure',
    rate: 'Rate',
    pairs: 'Pairs',
    expert: 'Expert',
    pair: 'Pair',
    together: 'Together',
    ratio: 'Ratio to random',
    usage: 'Usage',
    loss: 'Loss',
    increase: 'Increase',
    step: 'Step',
    share: 'Share',
    occurrence: 'Sentence',
    first: 'First choice',
    experts: 'Experts',
    flops: 'FLOPs',
    model: 'Model',
    topR: (r: number) => `each word’s ${r} best off`,
  },
};

const zh: typeof en = {
  pageTitle: 'moe-lab：论文中的路由实验（实时运行）',
  title: '论文中的路由实验，实时运行',
  pageLabel: '路由实验',
  intro:
    '混合专家论文用几项测量来检查路由器学到了什么。这里每一项都在本页的模型上运行：用训练好的权重（带偏置的 sigmoid 路由器的权重是用 DeepSeek-V3 的偏置均衡训练的）、随机的权重，或从种子开始的一次训练，让你看到小模型在哪里与论文一致、在哪里不一致。下面每个数字都是现在算出来的：模型对 200 个留出句子（约 1,500 个词，训练时从未见过）的路由。',
  experiment: '实验',
  model: '模型',
  experts: '路由专家数',
  topK: '每个词元的专家数 (top-k)',
  layers: 'MoE 层数',
  router: '路由器（“带偏置的 sigmoid”使用负载均衡训练的检查点）',
  seed: '种子',
  layer: '显示的层',
  layerOption: (l: number) => `第 ${l + 1} 层`,
  starting: '正在启动模型……',
  running: (done: number, total: number) => `正在测量…… ${done} / ${total}`,
  training: (done: number, total: number) => `正在从种子训练…… 第 ${done} / ${total} 步`,
  progressLabel: '实验进度',
  measuredIn: (ms: string) => `用时 ${ms} 秒。`,
  failed: (error: string) => `实验无法运行：${error}`,
  trainsOwn: (steps: number) => `此实验从种子训练自己的模型（按随附检查点的配方训练 ${steps} 步），因此权重开关对它不适用。`,
  howMeasured: '如何测量',
  source: '来源',
  formula: '公式',
  baseline: '基线',
  meaning: '含义',
  tableSummary: '表格形式的数字',
  exportCsv: '下载 CSV',
  exportJson: '下载 JSON',
  choiceKind: '计数方式',
  firstChoice: '仅第一选择（1 / E 线）',
  allChoices: '全部 k 个选择（OLMoE：k / E 线）',
  ownSentences: '你的句子（每行一句）',
  word: '跟踪的词',
  wordHint: '出现不止一次的词：',
  noOccurrences: (word: string) => `“${word}”没有出现在这些句子中。请输入其中的一个词，或添加一个含有它的句子。`,
  ignoredKey: (key: string, value: string) => `链接中的“${key}=${value}”不是本页的设置，已忽略。`,
  cards: {
    words: {
      title: '哪些词去哪个专家',
      source: 'Mixtral 论文（Jiang 等，2024），图 7；OLMoE（Muennighoff 等，2024），领域与词汇专门化。',
      formula: '占比(词类 c, 专家 e) = 第一选择为 e 的 c 类词元数 ÷ c 类词元数  （全部选择：c 类去往 e 的选择数 ÷ c 类的选择数）',
      baseline: '均匀路由：第一选择为 1 / E（Mixtral 的线）；一个词类的词元中有 k / E 把 e 列在其 k 个选择中（OLMoE 的线）。',
      caption: '行是词类，列是专家；每个格子是一个百分比，越大越深，高于均匀线时加边框：该专家承接了这一类词中超出其份额的部分。',
    },
    neighbours: {
      title: '相邻词共享专家',
      source: 'Mixtral 论文（Jiang 等，2024），表 5 与图 10。',
      formula: '第一选择相同 = #{f(i) = f(i+1)} ÷ 词对数；  共享专家 = #{S(i) ∩ S(i+1) ≠ ∅} ÷ 词对数  （同一句中相邻的词 i、i+1）',
      baseline: '随机路由：第一选择相同为 1 / E；至少共享一个专家为 1 − C(E−k, k) / C(E, k)（Mixtral 的 E = 8、k = 2 时为 12.5% 和 46%）。',
      caption: '柱子是每层测得的比率；每根柱子上的线是随机基线，阴影带为该词对数下的 ± 2 个标准误差。',
    },
    together: {
      title: '一起激活的专家',
      source: 'OLMoE（Muennighoff 等，2024），专家共激活。',
      formula: '共同(i, j) = k 个选择中同时含 i 和 j 的词元数 ÷ 词元数；  比值 = 共同(i, j) ÷ (k(k−1) / (E(E−1)))',
      baseline: '均匀随机 top-k：有 k(k−1) / (E(E−1)) 的词元含某一对专家（比值 1）。它低于 p(i)·p(j)，因为一个词元不能两次选同一个专家。',
      caption: '每个格子是一对专家：越深表示它们一起激活的次数比随机 top-k 多（比值大于 1），越浅则越少。',
    },
    knockout: {
      title: '关掉一个专家',
      source: 'DeepSeekMoE（Dai 等，2024），专家专门化消融：禁用排名靠前的路由专家后的损失。',
      formula: '增加(e) = 关掉专家 e 后的留出损失 − 完整模型的损失；  损失 = 平均 −ln p(下一个词 | 词)，单位 nat',
      baseline:
        '完整模型的损失（增加 0）。没有任何词选择的专家，关掉后损失的变化恰好为 0。旁边是使用率：第一选择为 e 的词所占比例（均匀为 1 / E）。',
      caption: '每个专家：关掉它（每个词改走次优专家）后留出损失上升多少，旁边是它被使用的频率。',
    },
    settles: {
      title: '路由何时稳定',
      source: 'OLMoE（Muennighoff 等，2024），预训练中的路由饱和。',
      formula: '饱和度(t) = 第 t 步的（词, 选择）对中，属于同一个词在训练结束时的选择的比例',
      baseline: '随机选择：k / E。',
      caption: '每层一条线：每一步中，各个词的专家选择有多少已经是最终的选择。最后一步按定义为 100%。',
    },
    'same-word': {
      title: '同一个词，两种语境',
      source: 'Mixtral 论文（Jiang 等，2024），第 5 节与图 8；OLMoE（Muennighoff 等，2024），词汇专门化。',
      formula: '保持 = 第一选择等于该词最常见第一选择的出现次数 ÷ 出现次数',
      baseline: '随机路由：出现次数多时约为 1 / E。在有注意力的模型中，语境会改变词的向量，因此它可能换专家。',
      caption: '每行是该词的一次出现：它所在的句子，以及它在这一层去往的专家（最优在前）。',
    },
    compute: {
      title: '同等计算量下的稠密模型与 MoE',
      source: 'Switch Transformer（Fedus 等，2021），图 4 与第 2 节：在每个词元 FLOPs 相同的情况下，MoE 模型比稠密模型学得更快。',
      formula: '一步的训练 FLOPs = 3 × 前向 FLOPs；  前向 = 每个词元 2 × (嵌入 + 路由器 + 共享专家 + 运行的专家)',
      baseline: '稠密孪生模型：一个专家，宽度等于 MoE 模型 k 个激活专家之和，用同一种子在相同批次上训练。',
      caption: '每步批次上的损失对已花费的训练 FLOPs，两个模型实时绘制：在相同 FLOPs 下曲线更低者，用同样的计算学到更多。',
    },
  },
  chart: {
    expert: (e: number) => `E${e + 1}`,
    expertName: (e: number) => `专家 ${e + 1}`,
    layer: (l: number) => `第 ${l + 1} 层`,
    sameFirst: '第一选择相同',
    shareAny: '共享专家',
    randomLine: '随机基线',
    increase: '关掉后的损失增加（nat）',
    usage: '使用率（第一选择）',
    step: '训练步',
    saturation: '已是最终的选择',
    flops: '训练 FLOPs',
    loss: '损失（nat）',
    moe: 'MoE',
    dense: '稠密',
    heatLabel: (what: string) => `热图：${what}。相同的数字见下方表格。`,
    barsLabel: (what: string) => `柱状图：${what}。相同的数字见下方表格。`,
    linesLabel: (what: string) => `折线图：${what}。相同的数字见下方表格。`,
    listLabel: (what: string) => `每次出现及其专家：${what}。相同的数字见下方表格。`,
  },
  flopCounter: (moe: string, dense: string) => `目前的 FLOPs：MoE ${moe}，稠密 ${dense}。`,
  meanings: {
    words: (cls: string, expert: number, share: string, uniform: string, times: string) =>
      `最不均衡的格子：${cls}类词有 ${share} 的时间首选专家 ${expert + 1}，是均匀值 ${uniform} 的 ${times} 倍。`,
    wordsTrained: '训练过的路由器会按词的种类分拣，正如 Mixtral 和 OLMoE 对其词汇所报告的。',
    wordsRandom:
      '随机权重下什么都没有学到，但一个词类仍可能偏向某个专家：每个词的向量都加上其词类的（随机）行，所以同类的词一开始就相似。请与训练过的权重比较。',
    neighbours: (layer: number, rate: string, base: string, z: string, side: 'above' | 'below' | 'near') =>
      `第 ${layer + 1} 层：相邻词有 ${rate} 的时间共享第一专家，随机为 ${base}（z = ${z}）：${side === 'above' ? '比随机更频繁' : side === 'below' ? '比随机更少' : '与随机相当'}。`,
    neighboursWhy:
      'Mixtral 发现，在注意力已把语境混入每个词元的较后层，重复率远高于随机。本模型没有注意力：每个词按自己的嵌入行路由，因此只有同类的相邻词才会共享专家。',
    together: (i: number, j: number, ratio: string, apart: number, pairs: number) =>
      `专家 ${i + 1} 与 ${j + 1} 最常一起激活：是随机 top-k 的 ${ratio} 倍。${pairs} 对中有 ${apart} 对一起激活的次数少于随机路由。`,
    togetherFew: '每个词元只选一个专家时，任何两个专家都不会在同一个词上一起激活。',
    knockout: (used: number, usedShare: string, important: number, increase: string) =>
      `专家 ${used + 1} 使用最多（占第一选择的 ${usedShare}），但关掉专家 ${important + 1} 的代价最大：+${increase} nat。`,
    knockoutSame: (expert: number, increase: string) => `专家 ${expert + 1} 既是使用最多的，也是失去后代价最大的（+${increase} nat）。`,
    knockoutWhy: '使用率不等于重要性：很少使用的专家可能掌握着某些词离不开的东西。',
    settles: (layer: number, step: number, share: string) => `第 ${layer + 1} 层在第 ${step} 步时已有 ${share} 的选择是最终选择。`,
    settlesWhy: 'OLMoE 发现路由在预训练早期就稳定下来；这里用本配方，看每次记录时曲线走到了哪里。',
    sameWord: (word: string, n: number, keep: string, expert: number) => `“${word}”出现 ${n} 次；其中 ${keep} 首选专家 ${expert + 1}。`,
    sameWordWhy:
      '本模型没有注意力，因此按同一行读入的词总是去往相同的专家。只有当词被不同地读入时它才会改变：在一句中是动词，在另一句中是名词（标注器给它另一行）。',
    compute: (flops: string, moe: string, dense: string, better: 'moe' | 'dense' | 'tie') =>
      `各用 ${flops} 训练 FLOPs 后，MoE 模型最后 20 步的损失为 ${moe}，稠密孪生模型为 ${dense}：${better === 'moe' ? '同样的计算下 MoE 模型学到更多' : better === 'dense' ? '目前稠密孪生模型领先' : '在逐步噪声范围内持平（差距小于两个标准误差）'}。`,
    computeRunning: '两个模型正在训练，轮流各走一步。',
  },
  table: {
    class: '词类',
    layer: '层',
    measure: '测量',
    rate: '比率',
    pairs: '词对数',
    expert: '专家',
    pair: '专家对',
    together: '共同',
    ratio: '与随机之比',
    usage: '使用率',
    loss: '损失',
    increase: '增加',
    step: '步',
    share: '占比',
    occurrence: '句子',
    first: '第一选择',
    experts: '专家',
    flops: 'FLOPs',
    model: '模型',
    topR: (r: number) => `关掉每个词最优的 ${r} 个`,
  },
};

const part = section({ en, zh });

export default part;

/** The words of the language the page is in. */
export const experimentsWords = (): typeof en => part[getLang()];
