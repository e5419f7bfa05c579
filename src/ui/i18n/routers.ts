/**
 * The four routers page (src/ui/router-compare.ts, demos/routers.html). The routers' own names,
 * formulas and captions are in the simulator's section (read through routerInfo() of ../router-info).
 */
import { getLang } from './locale';
import { section } from './section';

const en = {
  pageTitle: 'moe-lab: four routers, one sentence',
  title: 'Four routers, one sentence',
  siteNav: 'Site',
  intro: (seed: number) =>
    `The same model weights (seed ${seed}) route the same sentence by four different rules. Watch who gets the work.`,
  gateRule:
    "Gate weights here are renormalised over the chosen k, as in Mixtral, Qwen3-MoE and DeepSeek-V3; the Switch Transformer, Qwen1.5/Qwen2-MoE and OLMoE keep each chosen expert's probability over all experts instead (the simulator's \u201cGate weights\u201d setting), which at top-1 is the only way the router learns from the task.",
  sentence: 'Sentence',
  seed: 'Seed',
  invalidSeed: 'invalid seed',
  routing: 'Routing…',
  tokensPerExpert: (router: string) => `${router}: tokens per expert`,
  summary: (maxOverMean: string, skipped: number, active: string, total: string, percent: string) =>
    `Busiest expert ${maxOverMean}× the mean load; tokens with no expert: ${skipped}. Mean active: ${active} of ${total} (${percent}).`,
};

const zh: typeof en = {
  pageTitle: 'moe-lab：四种路由器，同一个句子',
  title: '四种路由器，同一个句子',
  siteNav: '网站导航',
  intro: (seed) => `同一组模型权重（随机种子 ${seed}）按四种不同的规则为同一个句子做路由。看看工作都分给了谁。`,
  gateRule:
    '这里的门控权重在选中的 k 个专家上重新归一化，与 Mixtral、Qwen3-MoE 和 DeepSeek-V3 相同；Switch Transformer、Qwen1.5/Qwen2-MoE 和 OLMoE 则保留每个选中专家在全部专家上的概率（模拟器中的“门控权重”设置），在 top-1 时只有这样路由器才能从任务中学习。',
  sentence: '句子',
  seed: '随机种子',
  invalidSeed: '无效的随机种子',
  routing: '正在路由…',
  tokensPerExpert: (router) => `${router}：各专家分到的词元数`,
  summary: (maxOverMean, skipped, active, total, percent) =>
    `最忙的专家负载是平均负载的 ${maxOverMean}×；没有分到专家的词元：${skipped} 个。平均激活参数：${total} 个中的 ${active} 个（${percent}）。`,
};

const part = section({ en, zh });

export default part;

/** This part of the catalogue in the page's language. */
export const routersWords = (): typeof en => part[getLang()];
