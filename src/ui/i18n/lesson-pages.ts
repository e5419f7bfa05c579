/**
 * The two lesson pages "Only a fraction is active" (demos/sparsity.html, src/ui/sparsity-page.ts)
 * and "More, smaller experts, and shared experts" (demos/experts.html, src/ui/experts-page.ts),
 * with their shared controls (src/ui/lesson-controls.ts).
 */
import { getLang } from './locale';
import { plural, section } from './section';

/** x to 3 significant figures, as a plain number: 37.552 → 37.6, 6710.26 → 6710. */
function sig3(x: number): number {
  return Number(x.toPrecision(3));
}

const en = {
  navLabel: 'Site',
  /** Large counts to 3 significant figures: 37.6B, 671B. */
  big: (n: number): string => (n >= 1e9 ? `${sig3(n / 1e9)}B` : n >= 1e6 ? `${sig3(n / 1e6)}M` : n.toLocaleString('en')),
  /** Counts written out: 53,952. */
  count: (n: number): string => n.toLocaleString('en'),
  /** Shares to 3 significant figures: 5.60%, 31.7%. */
  percent: (f: number): string => `${(f * 100).toPrecision(3)}%`,
  starting: 'Starting the model…',
  backend: (name: string) => `Running on the ${name} backend.`,
  modelFailed: (error: string) => `The model could not run: ${error}`,
  truncated: (n: number) => `Only the first ${n} tokens are routed.`,
  noTokens: 'Type a sentence to route: there are no tokens.',
  unknownWords: 'Not in the toy model’s vocabulary, routed as the unknown token:',
  yours: 'your setting',
  layerShort: (l: number) => `L${l}`,
  droppedMark: 'dropped',
  controls: {
    legend: 'Your model',
    experts: 'Routed experts (E)',
    topK: 'Experts per token (top-k)',
    shared: 'Shared experts (s)',
    granularity: 'Expert granularity (m)',
    granularityOption: (m: number) => (m === 1 ? '1 (whole experts)' : `${m} (each expert split into ${m})`),
    seed: 'Seed',
    sentence: 'Sentence',
    presets: 'Presets',
    chooseSentence: 'Choose a sentence…',
    refused: 'Not applied, the last good setting stays:',
  },
  sparsity: {
    pageTitle: 'moe-lab: only a fraction is active',
    title: 'Only a fraction is active',
    intro1:
      'A mixture-of-experts layer holds many experts (small feed-forward networks), but for each token a router picks only the top-k of them. The experts it did not pick do no work for that token: their parameters sit in memory and wait.',
    intro2: (name: string, total: string, active: string, pct: string) =>
      `So a model can hold far more parameters (its total parameters) than it uses for any one token (its active parameters). ${name}, counted from its published configuration, has ${total} parameters and uses ${active} of them for each token: ${pct}.`,
    intro3:
      'Below, the toy model from the simulator routes your sentence live, and the code that counts its parameters also counts other shapes and real models. Move the sliders and watch the fraction.',
    liveTitle: 'Your sentence in the live model',
    liveCaption:
      'For each token, the parameters that actually worked for it, out of all the model’s parameters: the embedding table and the router work for every token, and so do shared experts; of the routed experts, only the ones the router chose.',
    average: (avg: string, total: string, pct: string, n: number) =>
      `Sentence average: ${avg} of ${total} parameters active per token (${pct}), over ${plural(n, 'token', 'tokens')}.`,
    layersNote: (l: number) => `Summed over the model’s ${l} layers; the experts used are listed per layer.`,
    tableCaption: 'Active parameters per token, part by part',
    token: 'Token',
    expertsUsed: 'Routed experts used',
    embedding: 'Embedding',
    router: 'Router',
    shared: 'Shared experts',
    routed: 'Routed experts',
    active: 'Active',
    share: 'Share of all',
    bar: 'Bar',
    legendLabel: 'What the bar segments are',
    notUsed: 'not used',
    embeddingNote: (emb: string, realName: string, realShare: string) =>
      `Counted like published model sizes: the whole embedding table (${emb} parameters, which is also the output head) counts as active, although a token reads only one row of it. In this small model that is a large part; in ${realName} the embedding is ${realShare} of all parameters.`,
    sweepTitle: 'Other shapes: routed experts × top-k',
    sweepCaption: (d: number, h: number, m: number, s: number, l: number) =>
      `The same counting code for other numbers of routed experts (rows) and experts per token (columns), keeping your width ${d}, expert hidden width ${h}, granularity ${m}, ${plural(s, 'shared expert', 'shared experts')} and ${plural(l, 'layer', 'layers')}. Each cell gives the active share of all parameters and, below it, of the experts’ parameters alone. More experts at the same top-k leave the work per token unchanged while the total grows, so the fraction falls.`,
    sweepTableCaption: 'Active share of all parameters (and of the experts’ parameters) for one token',
    rowHead: 'Routed experts E',
    colHead: (k: number) => `top-k = ${k}`,
    ofExperts: (pct: string) => `experts: ${pct}`,
    impossible: 'not possible (k > E)',
    realTitle: 'Real models',
    realCaption:
      'The same fraction for published models, counted from their configuration files by the same code (countParams), next to your toy model. Each bar is all of a model’s parameters; the filled part is what one token uses.',
    realTableCaption: 'Total and active parameters of real models and your toy',
    model: 'Model',
    shape: 'Routed experts, top-k, shared',
    shapeOf: (e: number, k: number, s: number) => `${e} routed, top-${k}, ${s} shared`,
    total: 'Total parameters',
    activePerToken: 'Active per token',
    fraction: 'Active fraction',
    withoutEmbedding: 'Active without the input embedding',
    published: 'Published (total / active)',
    toyName: 'Your toy model',
    barText: (active: string, total: string, pct: string) => `${active} of ${total} (${pct})`,
    countingNote: (mixtral: string) =>
      `Two ways to count. Here the input embedding counts as active, as the toy simulator does (Mistral’s published ${mixtral} for Mixtral 8x7B matches this count). A token only reads one row of that table, so some publishers leave it out: the column “without the input embedding” gives that count. Figures to 3 significant figures.`,
  },
  experts: {
    pageTitle: 'moe-lab: more, smaller experts, and shared experts',
    title: 'More, smaller experts, and shared experts',
    intro1:
      'DeepSeekMoE (2024) changed the usual mixture of experts in two ways. The first is fine-grained experts: cut every expert into m smaller ones, each 1/m as wide inside, and let every token use m times as many. A token still uses the same number of expert parameters, so the work stays the same.',
    intro2: (e: number, k: number, c1: string, em: number, km: number, c4: string) =>
      `What grows is the choice. With ${e} experts and top-${k}, a token can use ${c1} different sets of experts; split each expert into 4 and choose ${km} of ${em}, and there are ${c4}. With more combinations, each expert can specialise in a narrower kind of knowledge.`,
    intro3: (name: string, shared: number, routed: number, k: number) =>
      `The second idea is shared experts: a few experts that every token always uses. They hold common knowledge, so that the routed experts need not each keep a copy of it. ${name} has ${plural(shared, 'shared expert', 'shared experts')} and ${routed} routed experts in each MoE layer, ${k} of them active for each token.`,
    splitTitle: 'Split the experts, keep the cost',
    splitCaption: (e: number, k: number, d: number, h: number) =>
      `Your model has ${e} routed experts, top-${k}, width ${d} and expert hidden width ${h}. Each row splits every expert into m. The routed-expert parameters a token uses stay the same; the number of expert sets it can choose from explodes.`,
    splitTableCaption: 'Fine-grained segmentation of your model at equal cost',
    m: 'Granularity m',
    expertsEm: 'Routed experts E·m',
    hidden: 'Hidden width per expert h/m',
    perExpert: 'Parameters per expert',
    usedKm: 'Used per token k·m',
    activeRouted: 'Routed-expert parameters per token',
    router: 'Router parameters',
    sets: 'Different expert sets C(E·m, k·m)',
    noSplit: (h: number, m: number) => `${h} does not divide by ${m}`,
    routerNote:
      'The router grows with m, because it gives every expert a score: width × E·m parameters in each layer, small next to the experts. All counts are for all layers.',
    liveTitle: 'Measured in the live model',
    liveCaption: (n: number) =>
      `The same sentence (${plural(n, 'token', 'tokens')}) and the same seed, routed by the toy model at each granularity. Counted from each run’s trace: how many different expert sets the tokens used in layer 1, and the routed-expert parameters that worked for each token.`,
    liveTableCaption: 'Each granularity routed live',
    setsUsed: 'Different expert sets used',
    setsPossible: 'Possible sets',
    measuredRouted: 'Routed-expert parameters per token (measured)',
    meanActive: 'All active parameters per token (mean)',
    notRun: 'not run:',
    range: (lo: string, hi: string) => `${lo} to ${hi}`,
    equal: (n: string) => `Equal cost: every token used ${n} routed-expert parameters at every granularity.`,
    notEqual: 'Not equal everywhere: some choices were dropped over an expert’s capacity (see the ranges), or a granularity could not run.',
    setsNote:
      'A sentence has only a few tokens, so it can use at most that many different sets; what grows with m is how many it could choose from.',
    activeNote:
      'The last column also counts the embedding, the router (which grows with m) and any shared experts (split too, each h/m wide), so it moves a little with m; the routed experts’ part does not.',
    sharedTitle: 'Shared experts run for every token',
    sharedCaption:
      'Add shared experts with the slider. In this simulator they come on top of the k·m routed experts, as in DeepSeek-V3 (8 routed + 1 shared), and each one is as big as a routed expert (hidden width h/m).',
    loadTableCaption: (n: number) => `Tokens each expert processed in the live model (layer 1, ${plural(n, 'token', 'tokens')})`,
    expert: 'Expert',
    kind: 'Kind',
    kindShared: 'shared',
    kindRouted: 'routed',
    processed: 'Tokens processed',
    ofTokens: 'Share of tokens',
    busiest: (shown: number, of: number) => `Routed experts: the ${shown} busiest of ${of} are shown.`,
    noShared: 'No shared experts yet: move the slider to add one.',
    allTokens: (s: number, n: number, max: number) =>
      `${s === 1 ? 'The shared expert' : `Each of the ${s} shared experts`} processed all ${plural(n, 'token', 'tokens')}; the busiest routed expert processed ${max}.`,
    sharedTableCaption: 'Total and active parameters as shared experts are added (counted)',
    sharedCount: 'Shared experts',
    total: 'Total parameters',
    active: 'Active per token',
    fraction: 'Active fraction',
    paperNote:
      'In the DeepSeekMoE paper, shared experts take the place of routed ones: with K_s shared experts a token uses m·k − K_s routed experts, so the cost stays the same. Here they are added, so the active parameters grow with each one.',
  },
};

const zh: typeof en = {
  navLabel: '站点',
  big: (n) => (n >= 1e8 ? `${sig3(n / 1e8)}亿` : n >= 1e4 ? `${sig3(n / 1e4)}万` : n.toLocaleString('zh-Hans')),
  count: (n) => n.toLocaleString('en'),
  percent: (f) => `${(f * 100).toPrecision(3)}%`,
  starting: '正在启动模型…',
  backend: (name) => `运行后端：${name}。`,
  modelFailed: (error) => `模型无法运行：${error}`,
  truncated: (n) => `只对前 ${n} 个词元进行路由。`,
  noTokens: '请输入要路由的句子：目前没有词元。',
  unknownWords: '不在小模型词表中、按未知词元路由的词：',
  yours: '你的设置',
  layerShort: (l) => `第${l}层`,
  droppedMark: '被丢弃',
  controls: {
    legend: '你的模型',
    experts: '路由专家数（E）',
    topK: '每个词元的专家数（top-k）',
    shared: '共享专家数（s）',
    granularity: '专家粒度（m）',
    granularityOption: (m) => (m === 1 ? '1（完整专家）' : `${m}（每个专家切成 ${m} 个）`),
    seed: '随机种子',
    sentence: '句子',
    presets: '预设句子',
    chooseSentence: '选择一个句子…',
    refused: '未采用，保留上一个有效设置：',
  },
  sparsity: {
    pageTitle: 'moe-lab：只有一小部分参数在工作',
    title: '只有一小部分参数在工作',
    intro1:
      '混合专家层里有很多专家（小型前馈网络），但对每个词元，路由器只挑选其中的 top-k 个。没被选中的专家不为这个词元做任何计算：它们的参数只是待在内存里。',
    intro2: (name, total, active, pct) =>
      `因此，模型拥有的参数（总参数）可以远多于它处理任何一个词元时用到的参数（激活参数）。按其公开的配置计算，${name} 共有 ${total} 个参数，每个词元只用到其中 ${active} 个，即 ${pct}。`,
    intro3:
      '下面，模拟器里的小模型实时为你的句子做路由；为它数参数的同一段代码也用来计算其他形状和真实模型。拖动滑块，看看这个比例如何变化。',
    liveTitle: '你的句子在实时模型中',
    liveCaption:
      '对每个词元，列出真正为它工作的参数占全部参数的多少：嵌入表和路由器为每个词元工作，共享专家也是；路由专家中只有被路由器选中的那些。',
    average: (avg, total, pct, n) => `整句平均：每个词元激活 ${total} 个参数中的 ${avg} 个（${pct}），共 ${n} 个词元。`,
    layersNote: (l) => `已对模型的 ${l} 层求和；用到的专家按层列出。`,
    tableCaption: '每个词元的激活参数，按部分列出',
    token: '词元',
    expertsUsed: '用到的路由专家',
    embedding: '嵌入',
    router: '路由器',
    shared: '共享专家',
    routed: '路由专家',
    active: '激活',
    share: '占全部的比例',
    bar: '条形图',
    legendLabel: '条形各段的含义',
    notUsed: '未使用',
    embeddingNote: (emb, realName, realShare) =>
      `按公开模型规模的惯例计数：整个嵌入表（${emb} 个参数，同时也是输出头）都算作激活，尽管一个词元只读取其中一行。在这个小模型里它占很大一部分；在 ${realName} 中，嵌入只占全部参数的 ${realShare}。`,
    sweepTitle: '其他形状：路由专家数 × top-k',
    sweepCaption: (d, h, m, s, l) =>
      `用同一段计数代码计算其他路由专家数（行）和每个词元的专家数（列），保持你的宽度 ${d}、专家隐藏宽度 ${h}、粒度 ${m}、${s} 个共享专家和 ${l} 层不变。每格给出激活参数占全部参数的比例，下方是只占专家参数的比例。top-k 不变而专家更多时，每个词元的计算量不变，总参数却增加，所以比例下降。`,
    sweepTableCaption: '一个词元的激活参数占全部参数（以及占专家参数）的比例',
    rowHead: '路由专家数 E',
    colHead: (k) => `top-k = ${k}`,
    ofExperts: (pct) => `专家：${pct}`,
    impossible: '不可能（k > E）',
    realTitle: '真实模型',
    realCaption:
      '公开模型的同一比例：用同一段代码（countParams）从它们的配置文件计算，并与你的小模型并列。每个条形代表模型的全部参数，填充部分是一个词元用到的参数。',
    realTableCaption: '真实模型与你的小模型的总参数和激活参数',
    model: '模型',
    shape: '路由专家、top-k、共享专家',
    shapeOf: (e, k, s) => `${e} 个路由专家，top-${k}，${s} 个共享专家`,
    total: '总参数',
    activePerToken: '每个词元的激活参数',
    fraction: '激活比例',
    withoutEmbedding: '不计输入嵌入的激活参数',
    published: '公开数字（总参数 / 激活参数）',
    toyName: '你的小模型',
    barText: (active, total, pct) => `${total} 中的 ${active}（${pct}）`,
    countingNote: (mixtral) =>
      `有两种计数方式。这里把输入嵌入算作激活，和小模拟器的做法一样（Mistral 为 Mixtral 8x7B 公布的 ${mixtral} 与这种计数相符）。一个词元只读取嵌入表的一行，所以有些发布者不把它算进去：“不计输入嵌入”一栏给出的就是这种计数。数字保留 3 位有效数字。`,
  },
  experts: {
    pageTitle: 'moe-lab：更多更小的专家，以及共享专家',
    title: '更多更小的专家，以及共享专家',
    intro1:
      'DeepSeekMoE（2024）对常见的混合专家做了两处改动。第一处是细粒度专家：把每个专家切成 m 个更小的专家，每个的内部宽度只有原来的 1/m，并让每个词元使用 m 倍数量的专家。一个词元用到的专家参数数量不变，所以计算量也不变。',
    intro2: (e, k, c1, em, km, c4) =>
      `变多的是选择。${e} 个专家、top-${k} 时，一个词元可以使用 ${c1} 种不同的专家组合；把每个专家切成 4 份、从 ${em} 个中选 ${km} 个，就有 ${c4} 种组合。组合越多，每个专家就可以专注于更窄的一类知识。`,
    intro3: (name, shared, routed, k) =>
      `第二处是共享专家：少数几个每个词元都一定会用到的专家。它们存放通用知识，这样路由专家就不必各自保存一份。${name} 的每个 MoE 层有 ${shared} 个共享专家和 ${routed} 个路由专家，每个词元激活其中 ${k} 个路由专家。`,
    splitTitle: '切分专家，成本不变',
    splitCaption: (e, k, d, h) =>
      `你的模型有 ${e} 个路由专家，top-${k}，宽度 ${d}，专家隐藏宽度 ${h}。每一行把每个专家切成 m 个。一个词元用到的路由专家参数保持不变；它可以选择的专家组合数却急剧增长。`,
    splitTableCaption: '在成本相同的前提下对你的模型做细粒度切分',
    m: '粒度 m',
    expertsEm: '路由专家数 E·m',
    hidden: '每个专家的隐藏宽度 h/m',
    perExpert: '每个专家的参数',
    usedKm: '每个词元使用 k·m 个',
    activeRouted: '每个词元的路由专家参数',
    router: '路由器参数',
    sets: '不同的专家组合数 C(E·m, k·m)',
    noSplit: (h, m) => `${h} 不能被 ${m} 整除`,
    routerNote: '路由器随 m 增大，因为它要给每个专家打分：每层有 宽度 × E·m 个参数，与专家相比很小。所有计数都包括全部层。',
    liveTitle: '在实时模型中测量',
    liveCaption: (n) =>
      `同一个句子（${n} 个词元）、同一个随机种子，由小模型在每种粒度下进行路由。从每次运行的轨迹中统计：这些词元在第 1 层用了多少种不同的专家组合，以及真正为每个词元工作的路由专家参数。`,
    liveTableCaption: '每种粒度的实时路由结果',
    setsUsed: '用到的不同专家组合',
    setsPossible: '可能的组合',
    measuredRouted: '每个词元的路由专家参数（实测）',
    meanActive: '每个词元的全部激活参数（平均）',
    notRun: '未运行：',
    range: (lo, hi) => `${lo} 至 ${hi}`,
    equal: (n) => `成本相同：在每种粒度下，每个词元都用了 ${n} 个路由专家参数。`,
    notEqual: '并非处处相同：有些选择因超出专家容量而被丢弃（见范围），或者某种粒度无法运行。',
    setsNote: '一个句子只有几个词元，所以最多只能用到那么多种不同的组合；随 m 增长的是可供选择的组合数。',
    activeNote:
      '最后一栏还计入了嵌入、路由器（随 m 增大）以及共享专家（同样被切分，每个宽 h/m），所以它会随 m 略有变化；路由专家那部分则不变。',
    sharedTitle: '共享专家为每个词元运行',
    sharedCaption:
      '用滑块添加共享专家。在这个模拟器里，它们是在 k·m 个路由专家之外额外加上的，与 DeepSeek-V3 相同（8 个路由专家 + 1 个共享专家），每个共享专家和一个路由专家一样大（隐藏宽度 h/m）。',
    loadTableCaption: (n) => `实时模型中每个专家处理的词元数（第 1 层，共 ${n} 个词元）`,
    expert: '专家',
    kind: '类型',
    kindShared: '共享',
    kindRouted: '路由',
    processed: '处理的词元数',
    ofTokens: '占词元的比例',
    busiest: (shown, of) => `路由专家：只显示 ${of} 个中最忙的 ${shown} 个。`,
    noShared: '还没有共享专家：拖动滑块添加一个。',
    allTokens: (s, n, max) =>
      `${s === 1 ? '这个共享专家' : `${s} 个共享专家中的每一个都`}处理了全部 ${n} 个词元；最忙的路由专家处理了 ${max} 个。`,
    sharedTableCaption: '添加共享专家时的总参数和激活参数（计数）',
    sharedCount: '共享专家数',
    total: '总参数',
    active: '每个词元的激活参数',
    fraction: '激活比例',
    paperNote:
      '在 DeepSeekMoE 论文中，共享专家取代了部分路由专家：有 K_s 个共享专家时，一个词元使用 m·k − K_s 个路由专家，因此成本不变。这里的共享专家是额外加上的，所以每加一个，激活参数就增加一些。',
  },
};

const part = section({ en, zh });

export default part;

/** This part of the catalogue in the page's language. */
export const lessonPagesWords = (): typeof en => part[getLang()];
