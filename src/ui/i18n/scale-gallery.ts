/**
 * The real-scale page's gallery (src/ui/scale/scale-gallery.ts and scale-gallery-chart.ts): every
 * preset and the toy on one chart and in one table.
 */
import type { AttentionKind } from '../../core/kv-cache';
import { getLang } from './locale';
import { section } from './section';

const en = {
  title: '6. Every model, one count',
  intro: (models: number) =>
    `All ${models} models of the list and your toy, counted by the same code, largest first. The bars use a logarithmic scale: each labelled grid line is 1,000 times the one before it, so the toy and a trillion-weight model fit on one chart.`,
  legendTotal: 'Total weights',
  legendActive: 'Active for one token',
  chartLabel: (models: number, largest: string, smallest: string, caption: string) =>
    `Bar chart, logarithmic scale: total and active weights of ${models} models, from ${largest} down to ${smallest}. Every number is in the table “${caption}”.`,
  caption: 'Every model counted: weights, experts and key-value cache',
  tableRegion: 'The table of every model (scrolls sideways)',
  model: 'Model',
  total: 'Total weights',
  active: 'Active per token',
  activeShare: 'Active %',
  experts: 'Routed experts',
  perToken: 'Experts per token',
  shared: 'Shared experts',
  kv: 'KV cache per token (bf16)',
  dense: 'none (dense)',
  notApplicable: '—',
  noAttention: 'no attention',
  kindShort: { mha: 'MHA', gqa: 'GQA', mqa: 'MQA', mla: 'MLA' } as Record<AttentionKind, string>,
  kvTitle: (elements: string, kind: string) => `${elements} numbers per token (${kind}), 2 bytes each`,
  weightsTitle: (exact: string) => `${exact} weights`,
  notes:
    'Active counts the input embedding, as the toy does, so a published figure that leaves it out is a little lower (the counts above say which convention each publisher used). The key-value cache is what one more token of context keeps, over every layer, in bf16 (2 bytes a number), by the formulas of the memory page: multi-head latent attention (MLA) keeps a latent vector and a small rotary key per layer, grouped-query (GQA) and multi-head (MHA) attention a key and a value per key-value head. Where layers attend only to a sliding window (gpt-oss: sliding_window 128), those layers keep no more than the window, so a long context costs less than this figure times its length. The toy has no attention layer, so it keeps no cache.',
};

const zh: typeof en = {
  title: '6. 所有模型，同一种计数',
  intro: (models) =>
    `列表中的全部 ${models} 个模型和你的小模型，由同一段代码计数，从大到小排列。条形使用对数刻度：每条带标签的网格线是前一条的 1,000 倍，所以小模型和万亿参数的模型能放在同一张图上。`,
  legendTotal: '总参数',
  legendActive: '每个词元的激活参数',
  chartLabel: (models, largest, smallest, caption) =>
    `条形图，对数刻度：${models} 个模型的总参数与激活参数，从 ${largest} 到 ${smallest}。所有数字都在表格“${caption}”中。`,
  caption: '逐个模型计数：参数、专家与键值缓存',
  tableRegion: '所有模型的表格（可横向滚动）',
  model: '模型',
  total: '总参数',
  active: '每个词元的激活参数',
  activeShare: '激活比例',
  experts: '路由专家',
  perToken: '每个词元的专家数',
  shared: '共享专家',
  kv: '每个词元的 KV 缓存（bf16）',
  dense: '无（稠密模型）',
  notApplicable: '—',
  noAttention: '无注意力层',
  kindShort: { mha: 'MHA', gqa: 'GQA', mqa: 'MQA', mla: 'MLA' },
  kvTitle: (elements, kind) => `每个词元 ${elements} 个数（${kind}），每个数 2 字节`,
  weightsTitle: (exact) => `${exact} 个参数`,
  notes:
    '激活参数包含输入嵌入，与小模型的算法一致，所以不计输入嵌入的公开数字会略低一些（上面的计数说明了每家发布者用的是哪种算法）。键值缓存是上下文每多一个词元所要保存的数，计入所有层，按 bf16（每个数 2 字节）和“压缩记忆”页的公式计算：多头潜在注意力（MLA）每层保存一个潜在向量和一个小的旋转位置键；分组查询注意力（GQA）和多头注意力（MHA）为每个键值头保存一个键和一个值。若某些层只关注滑动窗口内的词元（gpt-oss：sliding_window 128），这些层最多保存窗口长度的缓存，所以长上下文的实际开销小于此数乘以长度。小模型没有注意力层，所以不保存缓存。',
};

const part = section({ en, zh });

export default part;

/** This part of the catalogue in the page's language. */
export const scaleGalleryWords = (): typeof en => part[getLang()];
