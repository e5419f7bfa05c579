/**
 * The compressed-memory page (src/ui/memory-page.ts and its leaves: kv-calculator, latent-toy,
 * error-chart, attention-map). Texts may hold the paper's symbols (d_c, d_h^R: rendered by mathText)
 * and <em>/<strong> (rendered by richText); both in src/ui/math-text.ts.
 */
import type { AttentionKind, AttentionShape, Precision } from '../../core/kv-cache';
import { getLang } from './locale';
import { section } from './section';

/** The headline sentence of the cache calculator, in parts (the numbers are styled apart). */
const en = {
  page: {
    title: 'moe-lab: compressed memory (multi-head latent attention)',
    siteNav: 'Site',
    heading: 'Compressed memory: multi-head latent attention',
    lead: 'When a language model writes, every new word looks back at all the words before it. So that it need not redo that work, the model keeps a <em>key</em> (what a word is about) and a <em>value</em> (what it says) for every earlier word, in every layer: the <strong>key-value cache</strong>. For long texts this memory, not the arithmetic, decides how many people one machine can serve. DeepSeek’s answer (DeepSeek-V2, 2024, and again in V3) is <strong>multi-head latent attention</strong>: keep one small <em>latent</em> vector per word and rebuild the keys and values from it when they are needed.',
    calcTitle: 'How big is the memory?',
    calcCaption:
      'Pick a model and a text length. The table counts the numbers kept for every word, first per layer, then over all layers, then for the whole text and batch (sequences served at once), and turns them into bytes. The highlighted row is what the model really uses; the other rows are what the same model would keep with another kind of attention.',
    toyTitle: 'Try it: a tiny attention layer in your browser',
    toyCaption: (width: number, heads: number, headDim: number) =>
      `A real attention layer (${width}-wide word vectors, ${heads} heads of ${headDim}) reads the sentence below, twice: once with full multi-head attention, which caches a key and a value for every head, and once with a latent version, which caches only a vector of d_c numbers per word and rebuilds all keys and values from it. The squeeze and the rebuild are fitted here in the page: the best d_c-number summary of the key and value weights (a singular value decomposition).`,
    sentence: 'Sentence',
    presets: 'Presets',
    chooseSentence: 'Choose a sentence…',
    seed: 'Seed',
    truncated: (n: number) => `Only the first ${n} words are read.`,
    noWords: 'Type a sentence: there are no words to attend to.',
    unknown: 'Not in the toy’s vocabulary, read as the unknown word: ',
    unknownEnd: '.',
    toyFailed: (error: string) => `The toy could not run: ${error}`,
    starting: 'Starting the model…',
    toyNote: (width: number) =>
      `The toy’s weights are random (seeded), the hardest case for compression: no direction matters much more than another, so every number removed from the latent loses something, and the error only reaches zero at d_c = ${width}. DeepSeek does not squeeze a finished model like this: it trains with the latent in place from the start, so the network learns to put what matters into its 512 numbers, and the DeepSeek-V2 paper reports quality as good as or better than full multi-head attention.`,
    running: (backend: string) => `Running on the ${backend} backend.`,
    ropeTitle: 'Why the position part is stored separately',
    rope1:
      'A model also needs to know <em>where</em> each word is. DeepSeek uses rotary position embedding (RoPE): each key is turned by an angle that depends on its word’s position. But MLA’s speed comes from never rebuilding the keys: the up-projection that would rebuild them is folded into the query side once, so queries are compared with the small cached latent directly. A turn that differs for every position would sit between those two matrices, and they could no longer be folded together.',
    rope2:
      'So DeepSeek keeps position out of the latent: each word also caches one small rotary key of d_h^R = 64 numbers, shared by all heads. That is why the cache is d_c + d_h^R = 512 + 64 = 576 numbers per word per layer.',
    rope3:
      '<strong>The toy on this page has no positions</strong> (like the rest of moe-lab, it does not encode word order; it only stops each word from reading later ones), so it caches the latent alone and its d_h^R is 0.',
    sources:
      'Sources: DeepSeek-V2 paper (arXiv 2405.04434), section 2.1 and Table 1; DeepSeek-V3 technical report (arXiv 2412.19437); the models’ published configuration files.',
  },
  calc: {
    /** DeepSeek-V2 paper, Table 1, "Capability" column. */
    capability: { mha: 'Strong', gqa: 'Moderate', mqa: 'Weak', mla: 'Stronger' } as Record<AttentionKind, string>,
    kindNames: { mha: 'Multi-head (MHA)', gqa: 'Grouped-query (GQA)', mqa: 'Multi-query (MQA)', mla: 'Multi-head latent (MLA)' } as Record<
      AttentionKind,
      string
    >,
    /** The kind inside the headline's sentence: "uses multi-head latent attention". */
    kindInSentence: { mha: 'multi-head', gqa: 'grouped-query', mqa: 'multi-query', mla: 'multi-head latent' } as Record<
      AttentionKind,
      string
    >,
    /** Preset names that are words, not model names (the others are shown as they are). */
    presetNames: { 'mha-v3-width': 'Plain multi-head, DeepSeek-V3’s size', toy: 'The toy on this page' } as Record<string, string>,
    /** Where a preset's numbers come from and what its what-if rows assume, by the preset's id. */
    source: (id: string, s: AttentionShape): string => {
      const heads = `${s.heads} heads of ${s.headDim}`;
      const groups = `the grouped-query row assumes ${s.kvGroups} groups`;
      switch (id) {
        case 'deepseek-v3':
          return `DeepSeek-V3 config (${s.layers} layers, ${heads}, kv_lora_rank ${s.latentDim}, qk_rope_head_dim ${s.ropeDim}); ${groups}`;
        case 'deepseek-v2':
          return `DeepSeek-V2 paper and config (${s.layers} layers, ${heads}, d_c = ${s.latentDim}, d_h^R = ${s.ropeDim}); ${groups}`;
        case 'mixtral-8x7b':
          return `Mixtral config (${s.layers} layers, ${s.heads} query heads of ${s.headDim}, ${s.kvGroups} key-value heads); the latent row assumes DeepSeek-V2’s d_c = 4·d_h = ${s.latentDim}, d_h^R = d_h/2 = ${s.ropeDim}`;
        case 'mha-v3-width':
          return `DeepSeek-V3’s ${s.layers} layers of ${heads}, with ordinary multi-head attention: the comparison of Table 1 in the DeepSeek-V2 paper`;
        case 'toy':
          return `The live toy below: ${s.layers} layer, ${heads}, latent d_c = ${s.latentDim}, no rotary part; ${groups}`;
        default:
          return '';
      }
    },
    precisions: { fp32: 'fp32 (4 bytes)', bf16: 'bf16 (2 bytes)', fp16: 'fp16 (2 bytes)', fp8: 'fp8 (1 byte)' } as Record<
      Precision,
      string
    >,
    bytes: (n: string, one: boolean) => `${n} ${one ? 'byte' : 'bytes'}`,
    model: 'Model',
    context: 'Context length',
    tokens: (n: string) => `${n} tokens`,
    orType: 'or type',
    contextTyped: 'Context length, or type a number',
    tokensUnit: 'tokens',
    batch: 'Batch size',
    sequences: (count: string, n: number) => `${count} ${n === 1 ? 'sequence' : 'sequences'}`,
    batchTyped: 'Batch size, or type a number',
    sequencesUnit: 'sequences',
    precision: 'Precision of each number',
    uses: (kind: string) => ` uses ${kind} attention: it keeps `,
    numbersPerToken: (n: string) => `${n} numbers per token`,
    layers: (layers: number, perLayer: string) =>
      ` (${layers === 1 ? 'it has a single layer' : `${perLayer} in each of ${layers} layers`}). `,
    need: (context: string, sequences: string, precision: string) => `${context} tokens × ${sequences} in ${precision} need `,
    withOther: (plainMha: boolean, bytes: string, compared: string) =>
      `. With ${plainMha ? 'plain multi-head' : 'latent'} attention it would be ${bytes}, ${compared}.`,
    more: (ratio: string) => `${ratio} more`,
    less: (ratio: string) => `${ratio} less`,
    caption: (model: string, layers: number, heads: number, headDim: number) =>
      `Key-value cache of ${model} (${layers} ${layers === 1 ? 'layer' : 'layers'}, ${heads} heads of ${headDim})`,
    attention: 'Attention',
    formula: 'Numbers per token (Table 1)',
    perLayer: 'Per token, per layer',
    allLayers: 'Per token, all layers',
    whole: (context: string, sequences: string, precision: string) => `${context} tokens × ${sequences}, in ${precision}`,
    quality: 'Quality (paper)',
    thisModel: 'this model',
    numbers: (n: string) => `${n} numbers`,
    gqaEquivalent: (groups: number) => `Latent attention here keeps as few numbers as grouped-query attention with ${groups} groups would.`,
    symbols:
      'n_h = query heads, d_h = width of one head, n_g = key-value groups, d_c = latent width, d_h^R = rotary key width, l = layers.',
    otherRows:
      '. The other rows show what the same heads would cache with another kind of attention. Quality is the DeepSeek-V2 paper’s own summary (Table 1).',
    binary: 'Bytes use binary units: 1 KiB = 1,024 bytes, 1 MiB = 1,024 KiB, 1 GiB = 1,024 MiB (1,073,741,824 bytes).',
    readsAtMost: (model: string, max: string) => `${model} reads at most ${max} tokens;`,
    beyond: ' beyond that the figures only extend its formula.',
  },
  toy: {
    fullCache: 'Full attention cache',
    fullTitle: 'Full multi-head attention',
    fullKeeps: (headDim: number, heads: number) => `keeps a key and a value of ${headDim} numbers for each of its ${heads} heads:`,
    perToken: (n: string) => `${n} numbers per token`,
    forTokens: (n: string, tokens: number) => `${n} numbers for these ${tokens} tokens`,
    latentCache: 'Latent attention cache',
    latentTitle: 'Latent attention',
    latentKeeps: 'keeps only the latent vector <i>c</i> of d_c numbers:',
    less: (ratio: string) => `: ${ratio} less`,
    differenceLabel: 'Difference from full attention',
    howFar: 'How far from full attention',
    moved: 'Attention moved: ',
    outputOff: 'Output off by: ',
    headShown: 'Head shown:',
    fullMap: (head: number) => `Full attention, head ${head}`,
    latentMap: (dc: number, head: number) => `Latent, d_c = ${dc}, head ${head}`,
    diffMap: (head: number) => `Difference, head ${head}`,
    mapsCaption:
      'Each row is a word reading the words before it; a darker square means more attention. If the latent version were perfect, the middle map would match the left one and the difference map would be white.',
    latentSize: 'Latent size d_c',
    sliderHint: (fullRank: number) =>
      `Slide left to squeeze the memory: the latent vector keeps d_c numbers per token (1 to ${fullRank}). At ${fullRank}, as wide as the token vectors themselves, nothing is lost.`,
    errorTitle: 'Error for every latent size',
    errorCaption:
      '<strong>Output off by</strong>: how far the layer’s output is from full attention’s (size of the difference over size of the output). <strong>Attention moved</strong>: on average, the share of a word’s attention that lands on different words.',
    whereTitle: 'Where each word looks, for the chosen d_c',
  },
  chart: {
    outputError: 'Output off by',
    attentionMoved: 'Attention moved',
    noData: 'Error against latent size: no data yet',
    summary: (from: number, to: number, outFirst: string, outLast: string, movedFirst: string, movedLast: string) =>
      `Error of the latent version against latent size d_c, from ${from} to ${to}. Output off by ${outFirst} at d_c = ${from}, falling to ${outLast} at d_c = ${to}; attention moved ${movedFirst} falling to ${movedLast}.`,
    summaryAt: (dc: number, out: string, moved: string) => ` At the chosen d_c = ${dc}: output off by ${out}, attention moved ${moved}.`,
    tableSummary: 'Table: error for every latent size',
    cached: 'Cached per token',
    largestChange: 'Largest weight change',
    kvOff: 'Keys and values off by',
    cachedOf: (latent: number, full: number) => `${latent} of ${full}`,
    /** The x axis title, around the symbol d_c (drawn with a subscript). */
    axisBefore: 'latent size ',
    axisAfter: ' (numbers cached per token)',
  },
  map: {
    defaultLabel: 'Attention',
    word: (token: string, position: number) => `“${token}” (${position})`,
    summary: (label: string, n: number, diff: boolean, reader: string, read: string, value: string) =>
      `${label}: ${n} by ${n} grid, a row for each token reading, a column for each token read. The ${diff ? 'biggest change' : 'strongest attention'} is ${reader} reading ${read}: ${value}.`,
    cellTitle: (reader: string, read: string, value: string) => `“${reader}” reads “${read}”: ${value}`,
    key: (max: string, diff: boolean) => `white 0 → dark ${max}${diff ? ' (its own scale)' : ''}; grey = later tokens, never read.`,
    table: 'Table: ',
    weights: 'Attention weights',
    changes: 'Change in attention weights',
    regionLabel: (what: string, label: string) => `${what}, ${label}`,
    tableCaption: (what: string, label: string) => `${what}, ${label}: a row for each token reading, a column for each token read`,
    reads: 'reads →',
  },
};

const zh: typeof en = {
  page: {
    title: 'moe-lab：压缩记忆（多头潜在注意力）',
    siteNav: '站点',
    heading: '压缩记忆：多头潜在注意力',
    lead: '语言模型在生成文本时，每写一个新词都要回顾前面所有的词。为了不重复这些计算，模型在每一层都为之前的每个词保存一个<em>键</em>（这个词讲的是什么）和一个<em>值</em>（它说了什么），这就是<strong>键值缓存（KV 缓存）</strong>。对于长文本，决定一台机器能同时服务多少人的，是这块内存，而不是计算量。DeepSeek 的办法（DeepSeek-V2，2024 年，V3 中沿用）是<strong>多头潜在注意力</strong>：每个词只保存一个小的<em>潜在</em>向量，需要时再从它重建键和值。',
    calcTitle: '这块内存有多大？',
    calcCaption:
      '选择一个模型和一个文本长度。表格统计每个词要保存多少个数：先是每层，再是所有层，然后是整段文本和整个批次（同时服务的序列），并换算成字节。高亮的一行是这个模型实际使用的注意力；其他行是同一个模型换用其他注意力时要保存的量。',
    toyTitle: '动手试试：在浏览器里运行的一个小注意力层',
    toyCaption: (width, heads, headDim) =>
      `一个真正的注意力层（词向量宽 ${width}，${heads} 个注意力头，每个宽 ${headDim}）把下面的句子读两遍：一遍用完整的多头注意力，为每个头缓存一个键和一个值；另一遍用潜在版本，每个词只缓存一个由 d_c 个数组成的向量，再从它重建所有的键和值。压缩和重建都是在本页中拟合的：用 d_c 个数对键和值的权重做最好的概括（奇异值分解，SVD）。`,
    sentence: '句子',
    presets: '预设句子',
    chooseSentence: '选择一个句子…',
    seed: '随机种子',
    truncated: (n) => `只读取前 ${n} 个词。`,
    noWords: '请输入一个句子：现在没有可以关注的词。',
    unknown: '以下词不在小模型的词表中，按未知词处理：',
    unknownEnd: '。',
    toyFailed: (error) => `小模型无法运行：${error}`,
    starting: '正在启动模型…',
    toyNote: (width) =>
      `小模型的权重是随机的（带种子），这对压缩来说是最难的情况：没有哪个方向比其他方向重要得多，所以潜在向量每少一个数都会丢失一些信息，误差要到 d_c = ${width} 时才降到零。DeepSeek 并不是这样去压缩一个训练好的模型：它从一开始就带着潜在向量训练，网络因此学会把重要的信息放进这 512 个数里；DeepSeek-V2 论文报告其质量与完整的多头注意力相当，甚至更好。`,
    running: (backend) => `正在 ${backend} 后端上运行。`,
    ropeTitle: '为什么位置部分要单独存储',
    rope1:
      '模型还需要知道每个词<em>在哪里</em>。DeepSeek 使用旋转位置编码（RoPE）：每个键按其所在词的位置旋转一个角度。但 MLA 之所以快，是因为它从不重建键：本来用于重建键的上投影矩阵被一次性并入查询一侧，于是查询直接与缓存中的小潜在向量比较。如果每个位置的旋转都不同，这个旋转就会夹在这两个矩阵之间，它们就无法再合并了。',
    rope2:
      '所以 DeepSeek 不把位置信息放进潜在向量：每个词另外缓存一个由 d_h^R = 64 个数组成的小旋转键，由所有注意力头共享。这就是为什么缓存是每个词每层 d_c + d_h^R = 512 + 64 = 576 个数。',
    rope3:
      '<strong>本页的小模型没有位置信息</strong>（和 moe-lab 的其他部分一样，它不编码词序，只是不让每个词读取它后面的词），所以它只缓存潜在向量，它的 d_h^R 为 0。',
    sources:
      '资料来源：DeepSeek-V2 论文（arXiv 2405.04434）第 2.1 节与表 1；DeepSeek-V3 技术报告（arXiv 2412.19437）；各模型公开的配置文件。',
  },
  calc: {
    capability: { mha: '强', gqa: '中等', mqa: '弱', mla: '更强' },
    kindNames: { mha: '多头注意力（MHA）', gqa: '分组查询注意力（GQA）', mqa: '多查询注意力（MQA）', mla: '多头潜在注意力（MLA）' },
    kindInSentence: { mha: '多头注意力', gqa: '分组查询注意力', mqa: '多查询注意力', mla: '多头潜在注意力' },
    presetNames: { 'mha-v3-width': '普通多头注意力，DeepSeek-V3 的规模', toy: '本页的小模型' },
    source: (id, s) => {
      const heads = `${s.heads} 个注意力头，每个宽 ${s.headDim}`;
      const groups = `分组查询注意力一行假设分为 ${s.kvGroups} 组`;
      switch (id) {
        case 'deepseek-v3':
          return `DeepSeek-V3 的配置（${s.layers} 层，${heads}，kv_lora_rank ${s.latentDim}，qk_rope_head_dim ${s.ropeDim}）；${groups}`;
        case 'deepseek-v2':
          return `DeepSeek-V2 论文与配置（${s.layers} 层，${heads}，d_c = ${s.latentDim}，d_h^R = ${s.ropeDim}）；${groups}`;
        case 'mixtral-8x7b':
          return `Mixtral 的配置（${s.layers} 层，${s.heads} 个查询头，每个宽 ${s.headDim}，${s.kvGroups} 个键值头）；潜在注意力一行沿用 DeepSeek-V2 的 d_c = 4·d_h = ${s.latentDim}，d_h^R = d_h/2 = ${s.ropeDim}`;
        case 'mha-v3-width':
          return `DeepSeek-V3 的 ${s.layers} 层，每层 ${heads}，改用普通多头注意力：即 DeepSeek-V2 论文表 1 中的比较`;
        case 'toy':
          return `下面的实时小模型：${s.layers} 层，${heads}，潜在向量 d_c = ${s.latentDim}，没有旋转部分；${groups}`;
        default:
          return '';
      }
    },
    precisions: { fp32: 'fp32（4 字节）', bf16: 'bf16（2 字节）', fp16: 'fp16（2 字节）', fp8: 'fp8（1 字节）' },
    bytes: (n) => `${n} 字节`,
    model: '模型',
    context: '上下文长度',
    tokens: (n) => `${n} 个词元`,
    orType: '或输入',
    contextTyped: '上下文长度，或输入一个数',
    tokensUnit: '个词元',
    batch: '批大小',
    sequences: (count) => `${count} 个序列`,
    batchTyped: '批大小，或输入一个数',
    sequencesUnit: '个序列',
    precision: '每个数的精度',
    uses: (kind) => ` 使用${kind}：保存`,
    numbersPerToken: (n) => `每个词元 ${n} 个数`,
    layers: (layers, perLayer) => `（${layers === 1 ? '它只有一层' : `${layers} 层，每层 ${perLayer} 个`}）。`,
    need: (context, sequences, precision) => `${context} 个词元 × ${sequences}，按 ${precision} 计需要 `,
    withOther: (plainMha, bytes, compared) => `。若改用${plainMha ? '普通多头注意力' : '潜在注意力'}，则需要 ${bytes}，${compared}。`,
    more: (ratio) => `是它的 ${ratio}`,
    less: (ratio) => `只有它的 1/${ratio.replace('×', '')}`,
    caption: (model, layers, heads, headDim) => `${model} 的 KV 缓存（${layers} 层，${heads} 个注意力头，每个宽 ${headDim}）`,
    attention: '注意力',
    formula: '每个词元的数（表 1）',
    perLayer: '每个词元，每层',
    allLayers: '每个词元，所有层',
    whole: (context, sequences, precision) => `${context} 个词元 × ${sequences}，${precision}`,
    quality: '质量（论文）',
    thisModel: '本模型',
    numbers: (n) => `${n} 个数`,
    gqaEquivalent: (groups) => `这里的潜在注意力保存的数，和分为 ${groups} 组的分组查询注意力一样少。`,
    symbols: 'n_h = 查询头数，d_h = 每个头的宽度，n_g = 键值组数，d_c = 潜在向量宽度，d_h^R = 旋转键宽度，l = 层数。',
    otherRows: '。其他行表示同样的注意力头换用其他注意力时要缓存的量。质量一栏是 DeepSeek-V2 论文自己的概括（表 1）。',
    binary: '字节采用二进制单位：1 KiB = 1,024 字节，1 MiB = 1,024 KiB，1 GiB = 1,024 MiB（1,073,741,824 字节）。',
    readsAtMost: (model, max) => `${model} 最多读取 ${max} 个词元；`,
    beyond: '超出部分的数字只是按其公式外推。',
  },
  toy: {
    fullCache: '完整注意力的缓存',
    fullTitle: '完整的多头注意力',
    fullKeeps: (headDim, heads) => `为 ${heads} 个注意力头各保存一个键和一个值，每个 ${headDim} 个数：`,
    perToken: (n) => `每个词元 ${n} 个数`,
    forTokens: (n, tokens) => `这 ${tokens} 个词元共 ${n} 个数`,
    latentCache: '潜在注意力的缓存',
    latentTitle: '潜在注意力',
    latentKeeps: '只保存由 d_c 个数组成的潜在向量 <i>c</i>：',
    less: (ratio) => `：只有前者的 1/${ratio.replace('×', '')}`,
    differenceLabel: '与完整注意力的差别',
    howFar: '与完整注意力差多远',
    moved: '注意力偏移：',
    outputOff: '输出误差：',
    headShown: '显示的注意力头：',
    fullMap: (head) => `完整注意力，第 ${head} 个头`,
    latentMap: (dc, head) => `潜在注意力，d_c = ${dc}，第 ${head} 个头`,
    diffMap: (head) => `差值，第 ${head} 个头`,
    mapsCaption:
      '每一行是一个词在读取它前面的词；方块颜色越深，注意力越多。如果潜在版本完美无缺，中间的图就会与左边的图一样，差值图则全是白色。',
    latentSize: '潜在向量大小 d_c',
    sliderHint: (fullRank) =>
      `向左拖动来压缩内存：潜在向量每个词元保存 d_c 个数（1 到 ${fullRank}）。到 ${fullRank} 时，它和词向量本身一样宽，不会丢失任何信息。`,
    errorTitle: '每种潜在向量大小下的误差',
    errorCaption:
      '<strong>输出误差</strong>：这一层的输出与完整注意力的输出相差多少（差值的大小除以输出的大小）。<strong>注意力偏移</strong>：平均而言，一个词的注意力有多大比例落到了别的词上。',
    whereTitle: '在选定的 d_c 下，每个词看向哪里',
  },
  chart: {
    outputError: '输出误差',
    attentionMoved: '注意力偏移',
    noData: '误差与潜在向量大小的关系：还没有数据',
    summary: (from, to, outFirst, outLast, movedFirst, movedLast) =>
      `潜在版本的误差随潜在向量大小 d_c 的变化，d_c 从 ${from} 到 ${to}。输出误差在 d_c = ${from} 时为 ${outFirst}，到 d_c = ${to} 时降至 ${outLast}；注意力偏移从 ${movedFirst} 降至 ${movedLast}。`,
    summaryAt: (dc, out, moved) => `在选定的 d_c = ${dc} 处：输出误差 ${out}，注意力偏移 ${moved}。`,
    tableSummary: '表格：每种潜在向量大小下的误差',
    cached: '每个词元缓存的数',
    largestChange: '权重的最大变化',
    kvOff: '键和值的误差',
    cachedOf: (latent, full) => `${latent} / ${full}`,
    axisBefore: '潜在向量大小 ',
    axisAfter: '（每个词元缓存的数）',
  },
  map: {
    defaultLabel: '注意力',
    word: (token, position) => `“${token}”（${position}）`,
    summary: (label, n, diff, reader, read, value) =>
      `${label}：${n} × ${n} 的网格，每一行是一个正在读取的词元，每一列是一个被读取的词元。${diff ? '变化最大' : '注意力最强'}的是 ${reader} 读取 ${read}：${value}。`,
    cellTitle: (reader, read, value) => `“${reader}”读取“${read}”：${value}`,
    key: (max, diff) => `白色 0 → 深色 ${max}${diff ? '（自身的刻度）' : ''}；灰色 = 后面的词元，从不读取。`,
    table: '表格：',
    weights: '注意力权重',
    changes: '注意力权重的变化',
    regionLabel: (what, label) => `${what}，${label}`,
    tableCaption: (what, label) => `${what}，${label}：每一行是一个正在读取的词元，每一列是一个被读取的词元`,
    reads: '读取 →',
  },
};

const part = section({ en, zh });

export default part;

/** This part of the catalogue in the page's language. */
export const memoryWords = (): typeof en => part[getLang()];
