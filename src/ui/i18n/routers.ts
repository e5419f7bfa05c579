/**
 * The four routers page (src/ui/router-compare.ts, demos/routers.html). The routers' own names,
 * formulas and captions are in the simulator's section (read through routerInfo() of ../router-info).
 */
import { register } from './catalogue';
import { section } from './section';

const en = {
  pageTitle: 'moe-lab: four routers, one sentence',
  title: 'Four routers, one sentence',
  siteNav: 'Site',
  intro: (seed: number) => `The same model weights (seed ${seed}) route the same sentence by four different rules. Watch who gets the work.`,
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
  sentence: '句子',
  seed: '随机种子',
  invalidSeed: '无效的随机种子',
  routing: '正在路由…',
  tokensPerExpert: (router) => `${router}：各专家分到的词元数`,
  summary: (maxOverMean, skipped, active, total, percent) =>
    `最忙的专家负载是平均负载的 ${maxOverMean}×；没有分到专家的词元：${skipped} 个。平均激活参数：${total} 个中的 ${active} 个（${percent}）。`,
};

const part = section({ en, zh });
register('routers', part);

export default part;
