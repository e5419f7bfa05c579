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
    `The same sentence routed by four different rules (random weights from seed ${seed}, or each router's trained weights). Watch who gets the work.`,
  gateRule:
    "Gate weights here are renormalised over the chosen k, as in Mixtral, Qwen3-MoE and DeepSeek-V3; the Switch Transformer, Qwen1.5/Qwen2-MoE and OLMoE keep each chosen expert's probability over all experts instead (the simulator's \u201cGate weights\u201d setting), which at top-1 is the only way the router learns from the task.",
  weights: 'Weights',
  trained: 'Trained',
  random: 'Random',
  trainedNote:
    'Each router runs the weights that were trained with it (300 steps on sentences from the word-class templates, the main page\u2019s checkpoints): four rules, four learned routings of the same sentence.',
  randomNote:
    'Random weights look alike across routers: softmax top-k and sigmoid with bias (its bias still 0) rank the experts by the same random scores, so they pick the same experts; noisy top-k only shakes those scores, and expert choice lets each expert pick tokens. Nothing has been learned, so nothing tells the rules apart. Switch to Trained to see each rule\u2019s own routing.',
  runTrained: 'Weights trained with this router.',
  runRandom: (seed: number) => `Random weights (seed ${seed}).`,
  runNoCheckpoint: (seed: number) => `No trained weights for this router here: random weights (seed ${seed}).`,
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
  intro: (seed) => `同一个句子按四种不同的规则做路由（随机权重来自随机种子 ${seed}，或每种路由器训练好的权重）。看看工作都分给了谁。`,
  gateRule:
    '这里的门控权重在选中的 k 个专家上重新归一化，与 Mixtral、Qwen3-MoE 和 DeepSeek-V3 相同；Switch Transformer、Qwen1.5/Qwen2-MoE 和 OLMoE 则保留每个选中专家在全部专家上的概率（模拟器中的“门控权重”设置），在 top-1 时只有这样路由器才能从任务中学习。',
  weights: '权重',
  trained: '已训练',
  random: '随机',
  trainedNote:
    '每种路由器都运行和它一起训练出来的权重（在词类模板生成的句子上训练 300 步，即主页面的检查点）：四种规则，对同一个句子学出了四种路由。',
  randomNote:
    '随机权重下几种路由器看起来差不多：softmax top-k 和带偏置的 sigmoid（偏置仍为 0）按同一组随机分数给专家排序，所以选中的专家相同；noisy top-k 只是给这些分数加了扰动，expert choice 则让每个专家挑选词元。什么都还没学到，所以规则之间看不出区别。切换到“已训练”即可看到每种规则自己的路由。',
  runTrained: '权重是用这种路由器训练出来的。',
  runRandom: (seed) => `随机权重（随机种子 ${seed}）。`,
  runNoCheckpoint: (seed) => `这里没有这种路由器训练好的权重：使用随机权重（随机种子 ${seed}）。`,
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
