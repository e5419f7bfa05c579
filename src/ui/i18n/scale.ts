/**
 * The real-scale page (src/ui/scale-page.ts and its leaves: config-input, param-breakdown,
 * toy-vs-real, layer-experts, cost-calculator, scale-format). Rich texts may hold <em>, <strong>
 * and <q> (rendered by richText in src/ui/math-text.ts).
 */
import type { RouterKind } from '../../core/config';
import type { Part } from '../../core/params';
import type { PublishedSourceId } from '../../core/presets';
import type { Attention, RealNote, RealNoteCode, RealNoteMessages, RouterRule } from '../../core/real-config';
import { getLang } from './locale';
import { section } from './section';

/** How a model's shape is described under its name (scale-page's shapeText). */
export interface ShapeFacts {
  toy: boolean;
  layers: number;
  moeLayers: number;
  denseLayers: number;
  hidden: string;
  vocab: string;
  experts: string;
  shared: number;
  topK: number;
}

/** The numbers in "Why the fractions differ" (toy-vs-real). */
export interface WhyFacts {
  fixed: string;
  alwaysOn: string;
  toyK: number;
  toyE: number;
  toyKShare: string;
  name: string;
  routedShare: string;
  realK: number;
  realE: string;
  realKShare: string;
}

/**
 * What a router rule is made of, for wording it. `text` is the core's own English sentence (shown as
 * it is in English); the other languages word it from the facts.
 */
export interface RuleFacts {
  text: string;
  rule: RouterRule;
  /** deepseek_v3, mixtral, … or 'toy'. */
  modelType: string;
  /** The toy's router (only for the toy: its rule alone does not tell expert choice from top-k). */
  toyRouter: RouterKind | null;
  experts: number;
  topK: number;
  shared: number;
}

/**
 * One language's wording of every note core makes when it reads a config (RealNoteMessages in
 * src/core/real-config.ts: the fields it assumed, what the count left out), by code.
 */
export type RealNoteTexts = { [C in RealNoteCode]: (args: RealNoteMessages[C]) => string };

/**
 * A note of core in one language, worded from its code. Core codes every note it makes (tests check
 * this on the presets and many pasted configs); a note whose code was lost (a copy made by
 * spreading) is shown as its English.
 */
export function realNoteText(texts: RealNoteTexts, n: RealNote): string {
  const code: unknown = n.code;
  if (typeof code !== 'string' || !Object.hasOwn(texts, code)) return n.message;
  return (texts[code as RealNoteCode] as (args: unknown) => string)(n.args);
}

/** "field = value (why)": a field the config left out, the value it took and why. */
const assumedEn =
  (why: string) =>
  ({ field, value }: { field: string; value: string }): string =>
    `${field} = ${value} (${why})`;
const assumedZh =
  (why: string) =>
  ({ field, value }: { field: string; value: string }): string =>
    `${field} = ${value}（${why}）`;

/** What the count's notes are about; `english` is the core's own notes, shown as they are in English. */
export interface NoteFacts {
  english: string[];
  toy: boolean;
  /** The output head reuses the input embedding (tied): no output head weights of its own. */
  tied: boolean;
  vocab: number;
  width: number;
  layers: number;
}

const en = {
  /** The core's sentences about a model (router rule, notes, where published figures come from). */
  core: {
    routerRule: (f: RuleFacts) => f.text,
    notes: (f: NoteFacts) => f.english,
    /** Where a preset's published figures come from, by its id (src/core/presets.ts). */
    publishedSource: {
      'deepseek-v3-report': 'DeepSeek-V3 technical report, arXiv 2412.19437',
      'deepseek-v2-paper': 'DeepSeek-V2 paper, arXiv 2405.04434',
      'mixtral-paper': 'Mistral AI, "Mixtral of experts", December 2023',
    } satisfies Record<PublishedSourceId, string>,
    /** The attention in words; `a` is its shape when the config was read (else the English is shown). */
    attention: (english: string, _a: Attention | null) => english,
    /** The notes of a read config, by code: fields it did not have and the meaning they took, what the count left out. */
    realNotes: {
      'default.modelCode': assumedEn("the model code's default"),
      'default.untied': assumedEn('untied, the default of this model type'),
      'default.moeAfterDense': assumedEn('every layer after the dense ones is MoE'),
      'default.kvPerQuery': assumedEn('one key/value head per query head'),
      'default.everyLayerMoe': assumedEn('every layer is MoE'),
      'default.qkvBias': assumedEn('Qwen2-MoE has q, k and v biases'),
      'default.derived': ({ field, value, from }) => `${field} = ${value} (${from})`,
      'leftOut.mtp': ({ layers }) =>
        `the multi-token-prediction module (num_nextn_predict_layers = ${layers}), as in the published headline total`,
      'leftOut.vision': () => 'the vision tower (vision_config)',
    } satisfies RealNoteTexts,
  },
  page: {
    title: 'moe-lab: real scale, from the toy to DeepSeek-V3',
    siteNav: 'Site',
    heading: 'Real scale: from your toy to DeepSeek-V3',
    lede: "DeepSeek-V3 has about 671 billion parameters, <q>but only a small fraction of these parameters is used for any given input</q>; it cost about US$5.58 million to train on about 2,000 H800 chips. Here the code that counts the toy simulator's weights counts published model configs, so you can check those numbers yourself.",
    modelIgnored: (wanted: string, models: string) => `Ignored model=${wanted}: the models are ${models}.`,
    chooseTitle: '1. Choose a model',
    modelLegend: 'Model',
    publishedTotal: (total: string) => `published ${total} total`,
    toyName: 'Your toy model',
    toyInSentence: 'your toy model',
    toyDetail: (experts: number, topK: number, width: number) => `${experts} experts, top-${topK}, width ${width}`,
    toyPlaceholder:
      'The toy has no config.json: it is counted by the simulator\u2019s own code. Paste a config.json here to count another model.',
    countTitle: '2. Count its weights',
    showing: 'Showing: ',
    layerTitle: (model: string) => `3. One MoE layer of ${model}: every expert`,
    toyVsTitle: '4. Your toy vs DeepSeek-V3',
    costTitle: '5. What did training cost?',
    shape: (s: ShapeFacts) => {
      const layers = s.toy
        ? `${s.moeLayers} MoE layer${s.moeLayers > 1 ? 's' : ''}`
        : s.denseLayers
          ? `${s.layers} layers (${s.denseLayers} dense, ${s.moeLayers} MoE)`
          : `${s.layers} layers, all MoE`;
      return `${layers}, width ${s.hidden}, vocabulary ${s.vocab}; each MoE layer has ${s.experts} routed experts${s.shared ? ` and ${s.shared} shared` : ''}, and a token uses ${s.topK}${s.shared ? ' + the shared' : ''}.`;
    },
    tooLong: (length: string, max: string) =>
      `This text is ${length} characters long; a config.json is a few thousand (at most ${max} here).`,
    notJson: (problem: string) => `Not valid JSON: ${problem}.`,
    cannotCount: (problem: string) => `Cannot count this config: ${problem}.`,
    cannotRoute: (problem: string) => `Cannot route a token here: ${problem}.`,
    pasted: 'pasted',
    fromFile: (file: string) => `from ${file}`,
    sameAs: (name: string, from: string) => `${name} (${from})`,
    yourConfig: 'your config.json',
  },
  config: {
    label: 'Paste a config.json',
    hint: 'Any Hugging Face config.json of a DeepSeek-V2/V3, Mixtral, Qwen-MoE or OLMoE model. Edit a number and the counts follow.',
    placeholder: 'Paste a config.json here',
    fileLabel: 'Or open a config.json file:',
    dropHint: '(or drop it on the box)',
    where: (line: number, column: number) => `Line ${line}, column ${column}: `,
    stillShowing: (model: string) => `Still showing the last good model: ${model}.`,
    fileTooLarge: (file: string, kb: number, maxKb: number) =>
      `${file} is ${kb} KB; a config.json is a few KB (at most ${maxKb} KB here). Is it the weights file?`,
    unreadable: (file: string) => `${file} could not be read.`,
  },
  breakdown: {
    parts: {
      embedding: 'Input embedding',
      outputHead: 'Output head',
      attention: 'Attention',
      denseFfn: 'Dense feed-forward',
      routedExperts: 'Routed experts',
      sharedExperts: 'Shared experts',
      routers: 'Routers',
      norms: 'Norms',
    } as Record<Part, string>,
    embedding: (vocab: string, width: string) => `${vocab} tokens × ${width}; a token reads one row`,
    outputHead: (width: string, vocab: string) => `${width} × ${vocab}: scores every next token`,
    attention: (layers: number, what: string) => `${layers} layers of ${what}`,
    denseFfn: (n: number) => `${n} dense layer${n === 1 ? '' : 's'}, every weight used`,
    routedExperts: (moeLayers: number, experts: string, size: string, topK: number) =>
      `${moeLayers} × ${experts} experts of ${size}; ${topK} used per token`,
    sharedExperts: (moeLayers: number, shared: number, size: string) => `${moeLayers} × ${shared} of ${size}, always on`,
    routers: (moeLayers: number, experts: string, width: string) => `${moeLayers} × (${experts} experts × ${width})`,
    norms: 'RMS norm gains',
    weightsTitle: (exact: string) => `${exact} weights`,
    noModel: 'No model to count.',
    headline: 'Headline counts',
    total: 'Total weights',
    totalAria: (words: string) => `${words} weights in total`,
    active: 'Active for one token',
    activeAria: (words: string) => `${words} active for one token`,
    share: (pct: string) => `${pct} of all weights`,
    barCaption: (total: string) =>
      `The whole bar is all ${total} weights; the blue part does work for one token (light blue: the input embedding row).`,
    conventions: 'Two ways to count active weights',
    withEmbedding:
      "<strong>Counting the input embedding as active</strong> (as the toy simulator does; Mistral's 12.9B for Mixtral matches this count): ",
    withoutEmbedding:
      '<strong>Without the input embedding</strong> (a token only reads one row of that table, so some publishers leave it out): ',
    equals: (pct: string) => ` = ${pct}.`,
    published: (source: string, total: string, active: string) =>
      `<strong>Published</strong> (${source}): ${total} total, ${active} active. `,
    counted: (total: string, offTotal: string, active: string, offActive: string, without: string, offWithout: string) =>
      `<strong>Counted here from the config:</strong> ${total} total (${offTotal}); active ${active} with the input embedding (${offActive}), ${without} without it (${offWithout}).`,
    caption: (model: string) => `Where the weights are: ${model}`,
    part: 'Part',
    whatItIs: 'What it is',
    totalHead: 'Total',
    shareHead: 'Share',
    activeHead: 'Active per token',
    all: 'All',
    exact: 'Show exact counts',
    notesSummary: 'What the count assumed and left out',
    mtp: 'multi-token-prediction modules',
    vision: 'vision towers',
    and: (items: string[]) => items.join(' and '),
    notCounted: (list: string) => `Not counted, as in the published headline totals: ${list}.`,
    configHas: (list: string) => ` This config has ${list}.`,
    defaultsIntro: "Not in the config, so the model code's meaning was used:",
    allFields: 'Every field the count needs was in the config.',
  },
  toyVsReal: {
    parts: {
      embedding: 'embedding',
      outputHead: 'output head',
      attention: 'attention',
      denseFfn: 'dense layers',
      sharedExperts: 'shared experts',
      routers: 'routers',
      norms: 'norms',
    } as Partial<Record<Part, string>>,
    list: (names: string[]) =>
      names.length > 1 ? `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}` : (names[0] ?? 'none'),
    nothing: 'Nothing to compare.',
    fraction: 'Fraction of weights used for one token',
    yourToy: 'Your toy',
    measure: 'Measure',
    totalWeights: 'Total weights',
    active: 'Active for one token',
    fractionWith: 'Fraction active (input embedding counted)',
    fractionWithout: 'Fraction active without the input embedding',
    expertsPerToken: 'Experts per token, each MoE layer',
    routedShare: "Routed experts' share of all weights",
    perToken: (k: number, experts: string, shared: number) => `${k} of ${experts} routed${shared ? ` + ${shared} shared` : ''}`,
    timesAsMany: (model: string, times: string) =>
      `${model} has ${times} times as many weights as your toy. Same counting, same rule for “active”: every weight except the routed experts a token did not use.`,
    why: (w: WhyFacts) =>
      `Why the fractions differ: in your toy ${w.fixed} of the weights (${w.alwaysOn}) work for every token, and ${w.toyK} of ${w.toyE} routed experts is ${w.toyKShare} of the rest. In ${w.name} the routed experts are ${w.routedShare} of everything and a token uses ${w.realK} of ${w.realE} of them (${w.realKShare}).`,
    changeLink: 'Change your toy in the simulator',
    changeRest: ' (more experts, smaller top-k, fine-grained experts) and come back.',
  },
  layer: {
    noModel: 'No model.',
    rule: "The router's rule:",
    tooMany: (experts: string) => `${experts} experts are too many to draw one by one here; the counts above still hold.`,
    route: 'Route a token',
    routeHint: 'A new random token each time, through the same random router.',
    note: (groups: boolean, realModel: string | null) =>
      `No real weights are loaded: the token and the router's weights are random numbers, so <em>which</em> experts light up means nothing. The rule, the number of experts${groups ? ', the groups' : ''} and the work are ${realModel !== null ? `${realModel}'s real ones` : "your toy's"}.`,
    selectionBias: ' The balancing bias the real router adds for selection is learned in training; it is zero here.',
    sharedGroup: (n: number) => `Shared expert${n > 1 ? 's' : ''} (always on)`,
    group: (g: number, kept: boolean | null) => `Group ${g}${kept === null ? '' : kept ? ': kept' : ': not kept'}`,
    routedAll: (experts: string) => `${experts} routed experts`,
    idle: 'idle expert',
    chosen: 'chosen for this token (brighter = larger weight)',
    sharedOn: 'shared, always on',
    groupKept: 'group kept',
    groupDropped: 'group not kept: none of its experts may be chosen',
    caption: (size: string, shared: string | null, moeLayers: number, denseLayers: number) =>
      `Each block is one expert of ${size} weights${shared !== null ? `; shared ones ${shared}` : ''}. This layer is one of ${moeLayers} MoE layers${denseLayers ? ` (plus ${denseLayers} dense)` : ''}; every token is routed again in each.`,
    titleShared: (label: string) => `${label}: shared, always on`,
    titleChosen: (label: string, weight: string) => `${label}: chosen, weight ${weight}`,
    press: 'Press "Route a token".',
    drawingLabel: "Drawing the router's random weights",
    drawing: (share: string) =>
      `Drawing this router's random weights (${share}), once per model; the token is routed as soon as they are ready.`,
    token: (seed: number) => `Token ${seed}:`,
    listSep: ', ',
    chosenItem: (expert: string, weight: string) => `${expert} (${weight})`,
    chosenList: (list: string) => ` chosen ${list}.`,
    groupsKept: (list: string, of: number) => ` Groups kept: ${list} of ${of}.`,
    sharedRun: (list: string, n: number, gate: string | null) =>
      ` Shared: ${list} ${n > 1 ? 'always run' : 'always runs'}${gate !== null ? ` (gate ${gate})` : ''}.`,
    ran: (ran: number, all: number, pct: string, experts: string, multiplyAdds: string, timing: string) =>
      ` ${ran} of ${all} experts ran: ${pct} of this layer's expert weights. The router scored all ${experts} experts with ${multiplyAdds} multiply-adds${timing}.`,
    timing: (ms: string, drewWeights: boolean) =>
      ` in ${ms} ms here${drewWeights ? ' (most of it drawing the random router weights, done once per model)' : ''}`,
    under1: 'under 1',
    summaryLayer: (model: string, experts: number, groups: number, shared: number) =>
      `One MoE layer of ${model}: ${experts} routed experts${groups > 1 ? ` in ${groups} groups` : ''}${shared ? ` and ${shared} shared` : ''}`,
    summaryChosen: (list: string) => `chosen for this token: ${list}`,
    summaryNone: 'no token routed yet',
    summaryGroups: (list: string) => `groups kept: ${list}`,
    summarySep: '; ',
  },
  cost: {
    tokensLabel: 'Training tokens (trillions)',
    tokensShow: (v: string) => `${v}T tokens`,
    peakLabel: 'GPU peak (TFLOP/s)',
    peakShow: (v: string) => `${v} TFLOP/s`,
    utilisationLabel: 'Utilisation of the peak',
    utilisationShow: (v: string) => `${v}%`,
    gpusLabel: 'GPUs',
    gpusShow: (v: string) => `${v} GPUs`,
    priceLabel: 'Price per GPU-hour (US$)',
    priceShow: (v: string) => `$${v}`,
    noModel: 'No model.',
    formula:
      'Training compute ≈ 6 × (weights used per token) × (tokens): 2 operations per weight forward, 4 backward. A sparse model pays for its <strong>active</strong> weights; a dense model of the same size pays for <strong>all</strong> of them.',
    reset: "Back to DeepSeek-V3's published setup",
    caption: (model: string, tokens: string) => `Training ${model} on ${tokens}T tokens`,
    measure: 'Measure',
    sparse: 'Sparse, as built (6 × active)',
    dense: 'Dense, same size (6 × total)',
    weights: 'Weights that multiply, per token',
    weightsNote: '(input embedding left out)',
    compute: 'Compute (FLOPs)',
    gpuHours: 'GPU-hours',
    days: (gpus: string) => `Days on ${gpus} GPUs`,
    costAt: (price: string) => `Cost at $${price} per GPU-hour`,
    denseRatio: (ratio: string) => `The dense model of the same size would cost <strong>${ratio}×</strong> as much: total ÷ active.`,
    check: (hours: string, off: string) => `Published: 2.788M H800 GPU-hours; this calculator: ${hours} (${off}).`,
    published: (gpus: string) =>
      `<strong>Published for DeepSeek-V3</strong> (technical report): ${gpus} H800 GPUs, 14.8T tokens, 2.788M GPU-hours = 2,664K pre-training + 119K context extension + 5K post-training; at $2 per GPU-hour, $5.576M. That is the official training run only: the report says it leaves out earlier research and ablation experiments, and it prices GPU time as if rented at $2 an hour.`,
    assumptions: (utilisation: string) =>
      `Assumptions: the peak default is the H800's dense BF16 throughput, about 989 TFLOP/s (DeepSeek ran most matrix products in FP8, whose peak is twice that, so against the FP8 peak the utilisation would be half). The utilisation default, ${utilisation}%, was not measured: it is <em>fitted</em> so that 6 × 36.6B × 14.8T reproduces the published 2.788M GPU-hours (fitted to the 2,664K pre-training hours alone it would be about 34.3%). 6 × N × D leaves out attention's own arithmetic and any recomputation; the input embedding is a lookup, so it is not in N.`,
  },
  format: {
    /** Sizes and their words, largest first, for formatWords ("671.0 billion"). */
    bigUnits: [
      [1e12, 'trillion'],
      [1e9, 'billion'],
      [1e6, 'million'],
    ] as [number, string][],
    days: (n: string) => `${n} days`,
    daysYears: (n: string, years: string) => `${n} days (${years} years)`,
    hours: (n: string) => `${n} hours`,
    minutes: (n: number) => `${n} minute${n === 1 ? '' : 's'}`,
    underMinute: 'under a minute',
  },
};

const zh: typeof en = {
  core: {
    routerRule: (f) => {
      const r = f.rule;
      const { experts: E, topK: k } = f;
      const softmaxOfK = `从 ${E} 个路由器 logits 中选出前 ${k} 个；门控权重：对这 ${k} 个做 softmax。`;
      if (f.modelType === 'toy') {
        if (f.toyRouter === 'expert-choice')
          return `你的小模型使用专家选择路由，即由专家从整个批次中挑选词元；这里单独显示一个词元，按 ${E} 个专家中的 softmax top-${k} 处理。`;
        if (f.toyRouter === 'noisy-topk')
          return `在 ${E} 个 logits 上加入噪声 ε·softplus(噪声 logits)；选出前 ${k} 个；门控权重：${r.normalise ? `对这 ${k} 个做 softmax` : `它们在全部 ${E} 个专家上的概率保持原样`}。`;
        if (f.toyRouter === 'sigmoid-bias') {
          return `每个专家计算一个 sigmoid 得分${r.nGroup > 1 ? `；${E} 个专家分为 ${r.nGroup} 组，保留最好的 ${r.topkGroup} 组` : ''}；选出前 ${k} 个；门控权重：它们的得分${r.normalise ? '缩放到总和为 1' : '保持原样'}${r.scale !== 1 ? `，再乘以 ${r.scale}` : ''}。`;
        }
        return r.normalise ? softmaxOfK : `对全部 ${E} 个路由器 logits 做 softmax；选出前 ${k} 个；门控权重：它们的概率保持原样。`;
      }
      if (f.modelType === 'deepseek_v3' || f.modelType === 'deepseek_v2') {
        const sigmoid = r.scoring === 'sigmoid';
        const groups =
          r.nGroup > 1
            ? `${E} 个专家分为 ${r.nGroup} 组；每组按${r.groupScore === 'top2-sum' ? '组内最好的 2 个得分之和' : '组内最好的得分'}排序，只有最好的 ${r.topkGroup} 组可以使用。`
            : '';
        const what = sigmoid ? '得分' : '概率';
        const weights = r.normalise
          ? `选中的${what}缩放到总和为 1${r.scale !== 1 ? `，再乘以 ${r.scale}` : ''}`
          : `选中的${what}${r.scale !== 1 ? `乘以 ${r.scale}` : '保持原样'}`;
        return `${sigmoid ? '每个专家计算一个 sigmoid 得分' : `对全部 ${E} 个专家做 softmax`}。${groups}选出前 ${k} 个；门控权重：${weights}。${f.shared > 0 ? `${f.shared} 个共享专家始终运行。` : ''}`;
      }
      if (f.modelType === 'mixtral') return softmaxOfK;
      return `对全部 ${E} 个专家做 softmax；选出前 ${k} 个；门控权重：${r.normalise ? '它们的概率缩放到总和为 1' : '它们的概率保持原样'}。${r.sharedGate && f.shared ? '共享专家始终运行，并按它自己的 sigmoid 门控缩放。' : ''}`;
    },
    notes: (f) =>
      f.toy
        ? [
            `小模型的词表有 ${f.vocab} 个词，宽度 ${f.width}，有 ${f.layers} 个 MoE 层；没有注意力，归一化层也没有权重。` +
              (f.tied ? '它的输出头复用嵌入矩阵（权重共享），所以该矩阵只计一次。' : '它的输出头是一个单独的矩阵。'),
          ]
        : f.tied
          ? ['输出头复用输入嵌入（tie_word_embeddings），所以该矩阵只计一次。']
          : [],
    publishedSource: {
      'deepseek-v3-report': 'DeepSeek-V3 技术报告，arXiv 2412.19437',
      'deepseek-v2-paper': 'DeepSeek-V2 论文，arXiv 2405.04434',
      'mixtral-paper': 'Mistral AI 的 Mixtral 论文，2023 年 12 月',
    },
    attention: (english, a) => {
      if (!a) return english;
      if (a.kind === 'mla')
        return `多头潜在注意力：${a.heads} 个头，键和值压缩到 ${a.kvLoraRank}${a.qLoraRank !== null ? `，查询压缩到 ${a.qLoraRank}` : ''}`;
      const kind = a.kvHeads === a.heads ? '多头注意力' : a.kvHeads === 1 ? '多查询注意力' : '分组查询注意力';
      return `${kind}：${a.heads} 个查询头和 ${a.kvHeads} 个键/值头，宽度 ${a.headDim}${a.qkNorm === 'per-head' ? '，每个头有 q/k 归一化' : a.qkNorm === 'full' ? '，有 q/k 归一化' : ''}`;
    },
    realNotes: {
      'default.modelCode': assumedZh('模型代码中的默认值'),
      'default.untied': assumedZh('不共享，这是该模型类型的默认设置'),
      'default.moeAfterDense': assumedZh('稠密层之后的每一层都是 MoE 层'),
      'default.kvPerQuery': assumedZh('每个查询头各有一个键/值头'),
      'default.everyLayerMoe': assumedZh('每一层都是 MoE 层'),
      'default.qkvBias': assumedZh('Qwen2-MoE 的 q、k、v 带偏置'),
      'default.derived': ({ field, value, from }) => `${field} = ${value}（由 ${from} 算出）`,
      'leftOut.mtp': ({ layers }) => `多词元预测模块（num_nextn_predict_layers = ${layers}），与公布的总参数一致`,
      'leftOut.vision': () => '视觉塔（vision_config）',
    },
  },
  page: {
    title: 'moe-lab：真实规模，从小模型到 DeepSeek-V3',
    siteNav: '站点',
    heading: '真实规模：从你的小模型到 DeepSeek-V3',
    lede: 'DeepSeek-V3 约有 6710 亿个参数，<q>但对于任何给定的输入，只会用到其中一小部分参数</q>；它的训练花费约 558 万美元，用了约 2,000 块 H800 芯片。本页用统计模拟器中小模型权重的同一段代码来统计已公开模型的配置，你可以亲自核对这些数字。',
    modelIgnored: (wanted, models) => `已忽略 model=${wanted}：可选的模型为 ${models}。`,
    chooseTitle: '1. 选择模型',
    modelLegend: '模型',
    publishedTotal: (total) => `公布的总参数 ${total}`,
    toyName: '你的小模型',
    toyInSentence: '你的小模型',
    toyDetail: (experts, topK, width) => `${experts} 个专家，top-${topK}，宽度 ${width}`,
    toyPlaceholder: '小模型没有 config.json：它由模拟器自己的代码统计。在这里粘贴一个 config.json，可以统计其他模型。',
    countTitle: '2. 统计它的权重',
    showing: '当前显示：',
    layerTitle: (model) => `3. ${model} 的一个 MoE 层：所有专家`,
    toyVsTitle: '4. 你的小模型与 DeepSeek-V3',
    costTitle: '5. 训练花了多少钱？',
    shape: (s) => {
      const layers = s.toy
        ? `${s.moeLayers} 个 MoE 层`
        : s.denseLayers
          ? `${s.layers} 层（${s.denseLayers} 个稠密层，${s.moeLayers} 个 MoE 层）`
          : `${s.layers} 层，全部是 MoE 层`;
      return `${layers}，宽度 ${s.hidden}，词表 ${s.vocab}；每个 MoE 层有 ${s.experts} 个路由专家${s.shared ? `和 ${s.shared} 个共享专家` : ''}，每个词元使用其中 ${s.topK} 个${s.shared ? '，外加共享专家' : ''}。`;
    },
    tooLong: (length, max) => `这段文本有 ${length} 个字符；config.json 一般只有几千个字符（这里最多 ${max} 个）。`,
    notJson: (problem) => `不是有效的 JSON：${problem}。`,
    cannotCount: (problem) => `无法统计这个配置：${problem}。`,
    cannotRoute: (problem) => `这里无法路由词元：${problem}。`,
    pasted: '粘贴',
    fromFile: (file) => `来自 ${file}`,
    sameAs: (name, from) => `${name}（${from}）`,
    yourConfig: '你的 config.json',
  },
  config: {
    label: '粘贴 config.json',
    hint: '可以是 DeepSeek-V2/V3、Mixtral、Qwen-MoE 或 OLMoE 模型在 Hugging Face 上的任意 config.json。改动一个数字，统计结果随之更新。',
    placeholder: '在这里粘贴 config.json',
    fileLabel: '或打开一个 config.json 文件：',
    dropHint: '（也可以把文件拖到文本框上）',
    where: (line, column) => `第 ${line} 行，第 ${column} 列：`,
    stillShowing: (model) => `仍显示上一个有效的模型：${model}。`,
    fileTooLarge: (file, kb, maxKb) => `${file} 有 ${kb} KB；config.json 一般只有几 KB（这里最多 ${maxKb} KB）。这是不是权重文件？`,
    unreadable: (file) => `无法读取 ${file}。`,
  },
  breakdown: {
    parts: {
      embedding: '输入嵌入',
      outputHead: '输出头',
      attention: '注意力',
      denseFfn: '稠密前馈层',
      routedExperts: '路由专家',
      sharedExperts: '共享专家',
      routers: '路由器',
      norms: '归一化层',
    },
    embedding: (vocab, width) => `${vocab} 个词元 × ${width}；每个词元只读取其中一行`,
    outputHead: (width, vocab) => `${width} × ${vocab}：为每个可能的下一个词元打分`,
    attention: (layers, what) => `${layers} 层${what}`,
    denseFfn: (n) => `${n} 个稠密层，每个权重都参与计算`,
    routedExperts: (moeLayers, experts, size, topK) => `${moeLayers} × ${experts} 个专家，每个 ${size}；每个词元使用 ${topK} 个`,
    sharedExperts: (moeLayers, shared, size) => `${moeLayers} × ${shared} 个，每个 ${size}，始终运行`,
    routers: (moeLayers, experts, width) => `${moeLayers} × (${experts} 个专家 × ${width})`,
    norms: 'RMS 归一化的增益',
    weightsTitle: (exact) => `${exact} 个权重`,
    noModel: '没有可统计的模型。',
    headline: '主要统计',
    total: '权重总数',
    totalAria: (words) => `共 ${words} 个权重`,
    active: '单个词元激活的权重',
    activeAria: (words) => `单个词元激活 ${words} 个权重`,
    share: (pct) => `占全部权重的 ${pct}`,
    barCaption: (total) => `整条代表全部 ${total} 个权重；蓝色部分为一个词元做了计算（浅蓝色：输入嵌入中的那一行）。`,
    conventions: '统计激活权重的两种口径',
    withEmbedding:
      '<strong>把输入嵌入算作激活</strong>（模拟器里的小模型就是这样算的；Mistral 公布的 Mixtral 激活参数 12.9B 也是这种口径）：',
    withoutEmbedding: '<strong>不计输入嵌入</strong>（一个词元只读取这张表中的一行，所以有些发布方不把它算进去）：',
    equals: (pct) => ` = ${pct}。`,
    published: (source, total, active) => `<strong>公布值</strong>（${source}）：总参数 ${total}，激活参数 ${active}。`,
    counted: (total, offTotal, active, offActive, without, offWithout) =>
      `<strong>这里根据配置统计：</strong>总参数 ${total}（${offTotal}）；激活参数计入输入嵌入为 ${active}（${offActive}），不计为 ${without}（${offWithout}）。`,
    caption: (model) => `权重分布：${model}`,
    part: '部分',
    whatItIs: '说明',
    totalHead: '总数',
    shareHead: '占比',
    activeHead: '每个词元激活',
    all: '合计',
    exact: '显示精确数值',
    notesSummary: '统计时的假设与未计入的部分',
    mtp: '多词元预测模块',
    vision: '视觉塔',
    and: (items) => (items.length > 1 ? `${items.slice(0, -1).join('、')}和${items[items.length - 1]}` : (items[0] ?? '')),
    notCounted: (list) => `与公布的总参数一样，未计入：${list}。`,
    configHas: (list) => `本配置包含${list}。`,
    defaultsIntro: '以下字段不在配置中，因此按模型代码中的含义处理：',
    allFields: '统计所需的字段在配置中都有。',
  },
  toyVsReal: {
    parts: {
      embedding: '嵌入',
      outputHead: '输出头',
      attention: '注意力',
      denseFfn: '稠密层',
      sharedExperts: '共享专家',
      routers: '路由器',
      norms: '归一化层',
    },
    list: (names) => (names.length > 1 ? `${names.slice(0, -1).join('、')}和${names[names.length - 1]}` : (names[0] ?? '无')),
    nothing: '没有可比较的内容。',
    fraction: '一个词元用到的权重比例',
    yourToy: '你的小模型',
    measure: '指标',
    totalWeights: '权重总数',
    active: '单个词元激活的权重',
    fractionWith: '激活比例（计入输入嵌入）',
    fractionWithout: '激活比例（不计输入嵌入）',
    expertsPerToken: '每个 MoE 层中每个词元使用的专家',
    routedShare: '路由专家占全部权重的比例',
    perToken: (k, experts, shared) => `${experts} 个路由专家中的 ${k} 个${shared ? ` + ${shared} 个共享专家` : ''}`,
    timesAsMany: (model, times) =>
      `${model} 的权重数是你的小模型的 ${times} 倍。统计方法相同，“激活”的规则也相同：除了词元没有用到的路由专家，所有权重都算激活。`,
    why: (w) =>
      `比例为何不同：在你的小模型中，${w.fixed} 的权重（${w.alwaysOn}）为每个词元工作，而 ${w.toyE} 个路由专家中用 ${w.toyK} 个，占其余部分的 ${w.toyKShare}。在 ${w.name} 中，路由专家占全部权重的 ${w.routedShare}，一个词元只用其中 ${w.realE} 个中的 ${w.realK} 个（${w.realKShare}）。`,
    changeLink: '在模拟器中修改你的小模型',
    changeRest: '（更多专家、更小的 top-k、细粒度专家），然后再回来看看。',
  },
  layer: {
    noModel: '没有模型。',
    rule: '路由器的规则：',
    tooMany: (experts) => `${experts} 个专家太多，这里无法逐个画出；上面的统计仍然有效。`,
    route: '路由一个词元',
    routeHint: '每次都是一个新的随机词元，经过同一个随机路由器。',
    note: (groups, realModel) =>
      `这里没有加载真实权重：词元和路由器的权重都是随机数，所以<em>哪些</em>专家被点亮并没有意义。但规则、专家数量${groups ? '、分组' : ''}和计算量都与${realModel !== null ? ` ${realModel} ` : '你的小模型'}的真实情况一致。`,
    selectionBias: '真实路由器在选择专家时加上的负载均衡偏置是训练中学到的；这里设为零。',
    sharedGroup: () => '共享专家（始终运行）',
    group: (g, kept) => `第 ${g} 组${kept === null ? '' : kept ? '：保留' : '：未保留'}`,
    routedAll: (experts) => `${experts} 个路由专家`,
    idle: '空闲的专家',
    chosen: '为这个词元选中（越亮 = 权重越大）',
    sharedOn: '共享专家，始终运行',
    groupKept: '保留的组',
    groupDropped: '未保留的组：其中的专家都不能被选中',
    caption: (size, shared, moeLayers, denseLayers) =>
      `每个方块是一个有 ${size} 个权重的专家${shared !== null ? `；共享专家每个 ${shared}` : ''}。这一层是 ${moeLayers} 个 MoE 层之一${denseLayers ? `（另有 ${denseLayers} 个稠密层）` : ''}；每个词元在每一层都会重新路由。`,
    titleShared: (label) => `${label}：共享专家，始终运行`,
    titleChosen: (label, weight) => `${label}：已选中，权重 ${weight}`,
    press: '请按“路由一个词元”。',
    drawingLabel: '正在生成路由器的随机权重',
    drawing: (share) => `正在生成这个路由器的随机权重（${share}），每个模型只需一次；权重一就绪就会路由词元。`,
    token: (seed) => `词元 ${seed}：`,
    listSep: '、',
    chosenItem: (expert, weight) => `${expert}（${weight}）`,
    chosenList: (list) => `选中 ${list}。`,
    groupsKept: (list, of) => `保留的组：${list}（共 ${of} 组）。`,
    sharedRun: (list, _n, gate) => `共享专家 ${list} 始终运行${gate !== null ? `（门控 ${gate}）` : ''}。`,
    ran: (ran, all, pct, experts, multiplyAdds, timing) =>
      `${all} 个专家中运行了 ${ran} 个：占这一层专家权重的 ${pct}。路由器用 ${multiplyAdds} 次乘加为全部 ${experts} 个专家打分${timing}。`,
    timing: (ms, drewWeights) => `，在本机用时 ${ms} ms${drewWeights ? '（大部分时间用于生成随机路由器权重，每个模型只需一次）' : ''}`,
    under1: '不到 1',
    summaryLayer: (model, experts, groups, shared) =>
      `${model} 的一个 MoE 层：${experts} 个路由专家${groups > 1 ? `，分为 ${groups} 组` : ''}${shared ? `，另有 ${shared} 个共享专家` : ''}`,
    summaryChosen: (list) => `为这个词元选中：${list}`,
    summaryNone: '还没有路由词元',
    summaryGroups: (list) => `保留的组：${list}`,
    summarySep: '；',
  },
  cost: {
    tokensLabel: '训练词元数（万亿）',
    tokensShow: (v) => `${v}T 个词元`,
    peakLabel: 'GPU 峰值算力（TFLOP/s）',
    peakShow: (v) => `${v} TFLOP/s`,
    utilisationLabel: '峰值利用率',
    utilisationShow: (v) => `${v}%`,
    gpusLabel: 'GPU 数量',
    gpusShow: (v) => `${v} 块 GPU`,
    priceLabel: '每 GPU 小时价格（美元）',
    priceShow: (v) => `$${v}`,
    noModel: '没有模型。',
    formula:
      '训练计算量 ≈ 6 ×（每个词元用到的权重）×（词元数）：前向传播每个权重 2 次运算，反向传播 4 次。稀疏模型只为<strong>激活</strong>的权重付出计算；同样大小的稠密模型要为<strong>全部</strong>权重付出计算。',
    reset: '恢复 DeepSeek-V3 公布的设置',
    caption: (model, tokens) => `用 ${tokens}T 个词元训练 ${model}`,
    measure: '指标',
    sparse: '稀疏，实际结构（6 × 激活参数）',
    dense: '稠密，同样大小（6 × 总参数）',
    weights: '每个词元参与乘法的权重',
    weightsNote: '（不计输入嵌入）',
    compute: '计算量（FLOPs）',
    gpuHours: 'GPU 小时',
    days: (gpus) => `在 ${gpus} 块 GPU 上的天数`,
    costAt: (price) => `按每 GPU 小时 $${price} 计的成本`,
    denseRatio: (ratio) => `同样大小的稠密模型的成本是它的 <strong>${ratio}×</strong>：即总参数 ÷ 激活参数。`,
    check: (hours, off) => `公布值：2.788M H800 GPU 小时；本计算器：${hours}（${off}）。`,
    published: (gpus) =>
      `<strong>DeepSeek-V3 公布的数据</strong>（技术报告）：${gpus} 块 H800 GPU，14.8T 个词元，2.788M GPU 小时 = 2,664K 预训练 + 119K 上下文扩展 + 5K 后训练；按每 GPU 小时 $2 计，共 $5.576M。这只是正式训练这一次的花费：报告说明其中不包括此前的研究和消融实验，而且是按每小时 $2 的租用价格来计算 GPU 时间的。`,
    assumptions: (utilisation) =>
      `假设：峰值默认取 H800 的稠密 BF16 吞吐量，约 989 TFLOP/s（DeepSeek 的大部分矩阵乘法用 FP8 计算，FP8 峰值是它的两倍，所以按 FP8 峰值算，利用率只有一半）。利用率的默认值 ${utilisation}% 并非实测：它是<em>拟合</em>出来的，使 6 × 36.6B × 14.8T 正好得到公布的 2.788M GPU 小时（如果只拟合 2,664K 预训练小时，约为 34.3%）。6 × N × D 没有计入注意力本身的运算和任何重计算；输入嵌入只是查表，所以不计入 N。`,
  },
  format: {
    bigUnits: [
      [1e12, '万亿'],
      [1e8, '亿'],
      [1e4, '万'],
    ],
    days: (n) => `${n} 天`,
    daysYears: (n, years) => `${n} 天（${years} 年）`,
    hours: (n) => `${n} 小时`,
    minutes: (n) => `${n} 分钟`,
    underMinute: '不到一分钟',
  },
};

const part = section({ en, zh });

export default part;

/** This part of the catalogue in the page's language. */
export const scaleWords = (): typeof en => part[getLang()];
