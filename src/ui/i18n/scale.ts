/**
 * The real-scale page (src/ui/scale-page.ts and its leaves: config-input, param-breakdown,
 * toy-vs-real, layer-experts, cost-calculator, scale-format). Rich texts may hold <em>, <strong>
 * and <q> (rendered by richText in src/ui/math-text.ts).
 */
import type { RouterKind } from '../../core/config';
import type { RealNote, RealNoteCode, RealNoteMessages, RouterRule } from '../../core/real-config';
import { getLang } from './locale';
import { section } from './section';
import scaleBreakdown from './scale-breakdown';
import scaleCore from './scale-core';

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

/** What a router rule is made of, for wording it. */
export interface RuleFacts {
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

/** A note of core in one language, worded from its code (an unknown code is shown as it is). */
export function realNoteText(texts: RealNoteTexts, n: RealNote): string {
  const code: unknown = n.code;
  if (typeof code !== 'string' || !Object.hasOwn(texts, code)) return String(code);
  return (texts[code as RealNoteCode] as (args: unknown) => string)(n.args);
}

/** What the count's notes are about. */
export interface NoteFacts {
  toy: boolean;
  /** The output head reuses the input embedding (tied): no output head weights of its own. */
  tied: boolean;
  vocab: number;
  width: number;
  layers: number;
}

const en = {
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
    denseTitle: (model: string) => `3. ${model} is dense: no experts to route`,
    denseText: (model: string, total: string) =>
      `Every layer of ${model} is one feed-forward network that every token goes through: no router chooses anything, and all ${total} weights work for every token (100% active). That is the cost a mixture of experts avoids: compare how little of a MoE model above works for one token.`,
    customOption: 'Your own config (pasted or opened)',
    toyVsTitle: (name: string) => `4. Your toy vs ${name}`,
    costTitle: '5. What did training cost?',
    shape: (s: ShapeFacts) => {
      if (!s.toy && s.moeLayers === 0)
        return `${s.layers} dense layers, width ${s.hidden}, vocabulary ${s.vocab}; no experts: every weight works for every token.`;
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
    hint: 'Any Hugging Face config.json of a DeepSeek-V2/V3, Kimi K2, GLM-4.5, Mixtral, Qwen-MoE, OLMoE, gpt-oss or Llama 4 model (or a dense Llama or Qwen2); without model_type, the type is read from its fields. Edit a number and the counts follow.',
    placeholder: 'Paste a config.json here',
    fileLabel: 'Or open a config.json file:',
    dropHint: '(or drop it on the box)',
    where: (line: number, column: number) => `Line ${line}, column ${column}: `,
    stillShowing: (model: string) => `Still showing the last good model: ${model}.`,
    fileTooLarge: (file: string, kb: number, maxKb: number) =>
      `${file} is ${kb} KB; a config.json is a few KB (at most ${maxKb} KB here). Is it the weights file?`,
    unreadable: (file: string) => `${file} could not be read.`,
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
    otherModel: (name: string) =>
      `The sliders start from DeepSeek-V3's published run (14.8T tokens on 2,048 H800 GPUs); ${name}'s own training set-up is not in its config. Set the tokens and GPUs its publisher reports to price its run.`,
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
  ...scaleBreakdown.en,
  ...scaleCore.en,
};

const zh: typeof en = {
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
    denseTitle: (model) => `3. ${model} 是稠密模型：没有专家可供路由`,
    denseText: (model, total) =>
      `${model} 的每一层都只有一个前馈网络，每个词元都要经过它：没有路由器做任何选择，全部 ${total} 个权重对每个词元都起作用（100% 激活）。混合专家模型省下的正是这笔开销：对比上面的 MoE 模型，一个词元只用到其中多么小的一部分。`,
    customOption: '你自己的配置（粘贴或打开的）',
    toyVsTitle: (name) => `4. 你的小模型与 ${name}`,
    costTitle: '5. 训练花了多少钱？',
    shape: (s) => {
      if (!s.toy && s.moeLayers === 0)
        return `${s.layers} 个稠密层，宽度 ${s.hidden}，词表 ${s.vocab}；没有专家：每个权重对每个词元都起作用。`;
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
    hint: '可以是 DeepSeek-V2/V3、Kimi K2、GLM-4.5、Mixtral、Qwen-MoE、OLMoE、gpt-oss 或 Llama 4 模型（或稠密的 Llama、Qwen2 模型）在 Hugging Face 上的任意 config.json；没有 model_type 时，根据其字段判断类型。改动一个数字，统计结果随之更新。',
    placeholder: '在这里粘贴 config.json',
    fileLabel: '或打开一个 config.json 文件：',
    dropHint: '（也可以把文件拖到文本框上）',
    where: (line, column) => `第 ${line} 行，第 ${column} 列：`,
    stillShowing: (model) => `仍显示上一个有效的模型：${model}。`,
    fileTooLarge: (file, kb, maxKb) => `${file} 有 ${kb} KB；config.json 一般只有几 KB（这里最多 ${maxKb} KB）。这是不是权重文件？`,
    unreadable: (file) => `无法读取 ${file}。`,
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
    otherModel: (name) =>
      `滑块从 DeepSeek-V3 公布的训练设置开始（14.8T 个词元，2,048 块 H800 GPU）；${name} 的训练设置不在其配置中。请按其发布者报告的词元数和 GPU 数设置，来估算它的训练花费。`,
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
  ...scaleBreakdown.zh,
  ...scaleCore.zh,
};

const part = section({ en, zh });

export default part;

/** This part of the catalogue in the page's language. */
export const scaleWords = (): typeof en => part[getLang()];
