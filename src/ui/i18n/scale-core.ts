/**
 * The real-scale page's words for what src/core says about a model: its router rule, its attention,
 * the notes of its count, the notes of a read config (by code) and where published figures come
 * from. A part of ./scale (which spreads it into its own).
 */
import type { Attention } from '../../core/real-config';
import { PUBLISHED_SOURCES, type PresetId, type PublishedSourceId } from '../../core/presets';
import type { NoteFacts, RealNoteTexts, RuleFacts } from './scale';
import { section } from './section';

/** "field = value (why)": a field the config left out and the meaning it took. */
const assumedEn =
  (why: string) =>
  ({ field, value }: { field: string; value: string }): string =>
    `${field} = ${value} (${why})`;
const assumedZh =
  (why: string) =>
  ({ field, value }: { field: string; value: string }): string =>
    `${field} = ${value}（${why}）`;

const en = {
  core: {
    routerRule: (f: RuleFacts): string => {
      const r = f.rule;
      const { experts: E, topK: k } = f;
      const softmaxOfK = `The top ${k} of the ${E} router logits are chosen; gate weights: softmax over those ${k}.`;
      if (f.modelType === 'toy') {
        if (f.toyRouter === 'expert-choice')
          return `Your toy uses expert choice, where experts pick tokens from a whole batch; one token alone is shown with softmax top-${k} of ${E}.`;
        if (f.toyRouter === 'noisy-topk')
          return `Noise ε·softplus(noise logits) is added to the ${E} logits; the top ${k} are chosen; gate weights: ${r.normalise ? `softmax over those ${k}` : `their probabilities over all ${E} as they are`}.`;
        if (f.toyRouter === 'sigmoid-bias')
          return `Sigmoid score per expert${r.nGroup > 1 ? `; ${E} experts in ${r.nGroup} groups, the best ${r.topkGroup} groups kept` : ''}; the top ${k} are chosen; gate weights: their scores ${r.normalise ? 'scaled to sum to 1' : 'as they are'}${r.scale !== 1 ? `, then times ${r.scale}` : ''}.`;
        return r.normalise
          ? softmaxOfK
          : `Softmax over all ${E} router logits; the top ${k} are chosen; gate weights: their probabilities as they are.`;
      }
      if (E === 0) return 'No router: a dense model, every layer one feed-forward network that works for every token.';
      if (f.modelType === 'llama4')
        return `Sigmoid of each router logit; the top ${k} of ${E} are chosen; gate weights: their sigmoids as they are.${f.shared > 0 ? ' The shared expert always runs.' : ''}`;
      if (f.modelType === 'deepseek_v3' || f.modelType === 'deepseek_v2' || f.modelType === 'kimi_k2' || f.modelType === 'glm4_moe') {
        const sigmoid = r.scoring === 'sigmoid';
        const groups =
          r.nGroup > 1
            ? ` The ${E} experts sit in ${r.nGroup} groups; each group is ranked by ${r.groupScore === 'top2-sum' ? 'the sum of its 2 best scores' : 'its best score'} and only the best ${r.topkGroup} groups may be used.`
            : '';
        const what = sigmoid ? 'scores' : 'probabilities';
        const weights = r.normalise
          ? `the chosen ${what} scaled to sum to 1${r.scale !== 1 ? `, then times ${r.scale}` : ''}`
          : `the chosen ${what}${r.scale !== 1 ? ` times ${r.scale}` : ' as they are'}`;
        return (
          `${sigmoid ? 'Sigmoid score per expert' : `Softmax over all ${E} experts`}.${groups} The top ${k} are chosen; gate weights: ${weights}.` +
          (f.shared > 0 ? ` ${f.shared} shared expert${f.shared > 1 ? 's always run' : ' always runs'}.` : '')
        );
      }
      if (f.modelType === 'mixtral' || f.modelType === 'gpt_oss') return softmaxOfK;
      return (
        `Softmax over all ${E} experts; the top ${k} are chosen; gate weights: ${r.normalise ? 'their probabilities scaled to sum to 1' : 'their probabilities as they are'}.` +
        (r.sharedGate && f.shared ? ' The shared expert always runs, scaled by its own sigmoid gate.' : '')
      );
    },
    notes: (f: NoteFacts): string[] =>
      f.toy
        ? [
            `The toy has ${f.vocab} words of width ${f.width} and ${f.layers} MoE layer${f.layers > 1 ? 's' : ''}; no attention, and its norms have no weights.` +
              (f.tied
                ? ' Its output head reuses the embedding (tied), so that matrix is counted once.'
                : ' Its output head is a separate matrix.'),
          ]
        : f.tied
          ? ['The output head reuses the input embedding (tie_word_embeddings), so that matrix is counted once.']
          : [],
    /** What a preset's count needs said beside its published figures (a shared shape, a rounding, what is left out). */
    presetNotes: {
      'deepseek-v3':
        'DeepSeek-V3.1 and V3.2 share this shape (the same layers, experts and widths in their config.json), so they count the same.',
      'kimi-k2': 'The card gives the total rounded to a whole trillion (“1T”); the config counts 1.026T.',
      'llama4-scout':
        'The text model counts 107.8B; Meta’s 109B is the whole checkpoint, whose vision encoder (vision_config) this count leaves out.',
      'deepseek-v2-lite': 'Counted 2.451B without the embedding (2.661B with it): the published “2.4B” is rounded to a tenth.',
      'gpt-oss-120b':
        'These are parameter counts; the published checkpoint stores the experts in MXFP4 (about 4 bits a weight), so its files are far smaller than 2 bytes × the count.',
      'gpt-oss-20b':
        'These are parameter counts; the published checkpoint stores the experts in MXFP4 (about 4 bits a weight), so its files are far smaller than 2 bytes × the count.',
    } as Partial<Record<PresetId, string>>,
    /** Where a preset's published figures come from, by its id: core's own English words (src/core/presets.ts). */
    publishedSource: PUBLISHED_SOURCES as Record<PublishedSourceId, string>,
    /** The attention in words (none for the toy). */
    attention: (a: Attention | null): string => {
      if (!a) return '';
      if (a.kind === 'mla')
        return `multi-head latent attention: ${a.heads} heads, keys and values compressed to ${a.kvLoraRank}${a.qLoraRank !== null ? `, queries to ${a.qLoraRank}` : ''}`;
      const kind = a.kvHeads === a.heads ? 'multi-head attention' : a.kvHeads === 1 ? 'multi-query attention' : 'grouped-query attention';
      return `${kind}: ${a.heads} query and ${a.kvHeads} key/value heads of width ${a.headDim}${a.qkNorm === 'per-head' ? ', q/k norms per head' : a.qkNorm === 'full' ? ', q/k norms' : ''}${a.sinks ? ', attention sinks' : ''}`;
    },
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
      'read.inferred': ({ type, from, evidence }) =>
        `No model_type: read as ${type} from its ${from === 'architectures' ? 'architecture' : 'fields'} (${evidence})`,
      'read.ignored': ({ fields, more }) => `Ignored, not known to this page: ${fields}${more > 0 ? ` and ${more} more` : ''}`,
    } satisfies RealNoteTexts,
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
      if (E === 0) return '没有路由器：这是稠密模型，每一层只有一个前馈网络，每个词元都会用到它。';
      if (f.modelType === 'llama4')
        return `对每个路由器 logit 取 sigmoid；从 ${E} 个专家中选出前 ${k} 个；门控权重：它们的 sigmoid 值保持原样。${f.shared > 0 ? '共享专家始终运行。' : ''}`;
      if (f.modelType === 'deepseek_v3' || f.modelType === 'deepseek_v2' || f.modelType === 'kimi_k2' || f.modelType === 'glm4_moe') {
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
      if (f.modelType === 'mixtral' || f.modelType === 'gpt_oss') return softmaxOfK;
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
    presetNotes: {
      'deepseek-v3': 'DeepSeek-V3.1 和 V3.2 与它形状相同（config.json 中的层数、专家数和宽度都一样），所以计数相同。',
      'kimi-k2': '模型卡把总数四舍五入到整万亿（“1T”）；按配置计为 1.026T。',
      'llama4-scout': '文本模型计为 107.8B；Meta 的 109B 是整个检查点，其中的视觉编码器（vision_config）不在本计数中。',
      'deepseek-v2-lite': '不计嵌入为 2.451B（计入为 2.661B）：公布的“2.4B”四舍五入到十分位。',
      'gpt-oss-120b': '这些是参数个数；公布的检查点用 MXFP4（每个权重约 4 位）存储专家，所以文件远小于 2 字节 × 参数数。',
      'gpt-oss-20b': '这些是参数个数；公布的检查点用 MXFP4（每个权重约 4 位）存储专家，所以文件远小于 2 字节 × 参数数。',
    },
    publishedSource: {
      'deepseek-v3-report': 'DeepSeek-V3 技术报告，arXiv 2412.19437',
      'deepseek-v2-paper': 'DeepSeek-V2 论文，arXiv 2405.04434',
      'mixtral-paper': 'Mistral AI 的 Mixtral 论文，2023 年 12 月',
      'kimi-k2-card': '月之暗面 Kimi-K2-Instruct 模型卡，2025 年 7 月',
      'qwen3-cards': '通义千问团队 Qwen3 模型卡，2025 年 4 月',
      'gpt-oss-card': 'OpenAI 的 gpt-oss-120b 与 gpt-oss-20b 模型卡，arXiv 2508.10925',
      'llama4-card': 'Meta 的 Llama 4 模型卡，2025 年 4 月',
      'glm45-card': '智谱 GLM-4.5 模型卡与技术报告，arXiv 2508.06471',
      'mixtral-8x22b-post': 'Mistral AI 发布 Mixtral 8x22B 的文章，2024 年 4 月',
      'olmoe-paper': 'OLMoE 论文，arXiv 2409.02060',
      'qwen15-moe-blog': '通义千问团队 Qwen1.5-MoE 博客文章，2024 年 3 月',
      'llama31-card': 'Meta 的 Llama 3.1 模型卡，2024 年 7 月',
    },
    attention: (a) => {
      if (!a) return '';
      if (a.kind === 'mla')
        return `多头潜在注意力：${a.heads} 个头，键和值压缩到 ${a.kvLoraRank}${a.qLoraRank !== null ? `，查询压缩到 ${a.qLoraRank}` : ''}`;
      const kind = a.kvHeads === a.heads ? '多头注意力' : a.kvHeads === 1 ? '多查询注意力' : '分组查询注意力';
      return `${kind}：${a.heads} 个查询头和 ${a.kvHeads} 个键/值头，宽度 ${a.headDim}${a.qkNorm === 'per-head' ? '，每个头有 q/k 归一化' : a.qkNorm === 'full' ? '，有 q/k 归一化' : ''}${a.sinks ? '，有注意力汇聚（sink）' : ''}`;
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
      'read.inferred': ({ type, from, evidence }) =>
        `没有 model_type：根据其${from === 'architectures' ? '架构' : '字段'}按 ${type} 读取（${evidence}）`,
      'read.ignored': ({ fields, more }) => `已忽略本页不认识的字段：${fields}${more > 0 ? ` 等，另有 ${more} 个` : ''}`,
    },
  },
};

export default section({ en, zh });
