/**
 * The guided tour's last lessons, compressed memory and the papers' experiments, in both languages
 * (split from ./lessons.ts, which holds the tour's controls and the other lessons' words).
 */
import { formatBytes } from '../../core/kv-cache';
import type { LessonFacts, PublishedFacts } from '../../state/lesson-facts';

type Body = (f: LessonFacts, p: PublishedFacts) => string;
interface LessonText {
  title: string;
  steps: Record<string, { title: string; body: Body }>;
}

const n = (v: number | bigint): string => v.toLocaleString('en');

const en = {
  memory: {
    title: 'Compressed memory',
    steps: {
      cache: {
        title: 'The cache grows with every token',
        body: (_f, p) =>
          `While writing, a model keeps the keys and values of every earlier token: the KV cache. With ordinary multi-head attention, DeepSeek-V3’s 61 layers would keep ${n(p.mhaPerToken)} numbers per token: ${formatBytes(p.mha128k)} for a 128K-token context in bf16.`,
      },
      latent: {
        title: 'Multi-head latent attention keeps a small latent',
        body: (_f, p) =>
          `DeepSeek-V3 caches one latent vector per token and layer instead (512 numbers, plus 64 for positions), ${n(p.mlaPerToken)} per token: ${formatBytes(p.mla128k)} at 128K, ${Math.round(p.mhaPerToken / p.mlaPerToken)}× less. Keys and values are rebuilt from the latent by projections.`,
      },
    },
  },
  experiments: {
    title: 'The papers’ experiments',
    steps: {
      kinds: {
        title: 'Words of a kind, experts of a kind',
        body: (f) =>
          `The matrix shows every token of the sentence against the ${f.experts} experts. With the trained weights, words of one kind (the nouns, the verbs, the adjectives) meet the same experts: the router learned to sort words, not to spread them at random.`,
      },
      papers: {
        title: 'Measure it as the papers do',
        body: () =>
          'Mixtral, OLMoE, DeepSeekMoE and the Switch Transformer measured their routers with a few experiments: which words go where, whether neighbours share experts, which experts fire together, what happens when one is switched off, when routing settles, and dense against MoE at equal compute. The experiments page runs each of them on this model, live.',
      },
    },
  },
} satisfies Record<string, LessonText>;

const zh: typeof en = {
  memory: {
    title: '压缩记忆',
    steps: {
      cache: {
        title: '缓存随每个词元增长',
        body: (_f, p) =>
          `生成文本时，模型要保存之前每个词元的键和值：KV 缓存。如果用普通的多头注意力，DeepSeek-V3 的 61 层每个词元要保存 ${n(p.mhaPerToken)} 个数：128K 词元的上下文在 bf16 下需要 ${formatBytes(p.mha128k)}。`,
      },
      latent: {
        title: '多头潜在注意力只保存一个小的潜在向量',
        body: (_f, p) =>
          `DeepSeek-V3 改为每个词元每层缓存一个潜在向量（512 个数，另加 64 个用于位置），每个词元共 ${n(p.mlaPerToken)} 个数：128K 时为 ${formatBytes(p.mla128k)}，少了 ${Math.round(p.mhaPerToken / p.mlaPerToken)} 倍。键和值再由投影从潜在向量重建出来。`,
      },
    },
  },
  experiments: {
    title: '论文中的实验',
    steps: {
      kinds: {
        title: '同类的词，同类的专家',
        body: (f) =>
          `矩阵把句子中的每个词元与 ${f.experts} 个专家对应起来。用训练过的权重时，同一类的词（名词、动词、形容词）去往相同的专家：路由器学会了给词分类，而不是随机分散。`,
      },
      papers: {
        title: '像论文那样测量',
        body: () =>
          'Mixtral、OLMoE、DeepSeekMoE 和 Switch Transformer 用几项实验测量它们的路由器：哪些词去哪里、相邻的词是否共享专家、哪些专家一起激活、关掉一个专家会怎样、路由何时稳定，以及同等计算量下稠密模型与 MoE 的比较。实验页面在这个模型上实时运行其中每一项。',
      },
    },
  },
};

export const MORE_LESSONS = { en, zh };
