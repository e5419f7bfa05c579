/** The main page's shell (src/ui/moe-app.ts): header, lesson links, sentence box, panel titles. */
import { getLang } from './locale';
import { section } from './section';

const en = {
  pageTitle: 'moe-lab: see a mixture of experts route tokens',
  intro: (active: number, experts: number, shared: number) =>
    `A mixture-of-experts model running in your browser. A router picks ${active} of ${experts} experts for each token${
      shared ? `, plus ${shared} shared expert${shared > 1 ? 's' : ''} that always run` : ''
    }; only those run, so only a fraction of the parameters does any work.`,
  lessonsNav: 'Lessons',
  links: {
    routers: 'Four routers side by side',
    sparsity: 'Only a fraction is active',
    experts: 'Smaller and shared experts',
    capacity: 'Capacity and dropped tokens',
    training: 'Live training: watch the experts specialise',
    balance: 'Balancing side by side',
    scale: 'Real scale: your toy vs DeepSeek-V3',
    memory: 'Compressed memory (latent attention)',
    experiments: 'The papers’ experiments, live',
  },
  simulatorLabel: 'moe-lab simulator',
  controlsLabel: 'Controls',
  backendKeys: (backend: string) => `Backend: ${backend}. Keys: ← → step, Space play/pause, Home/End.`,
  modelFailed: (error: string) => `The model could not run: ${error}`,
  starting: 'Starting the model…',
  tokensTitle: 'Tokens and their experts',
  sentence: 'Sentence',
  presets: 'Presets',
  chooseSentence: 'Choose a sentence…',
  truncated: (n: number) => `Only the first ${n} tokens are routed.`,
  noTokens: 'Type a sentence to route: there are no tokens.',
  layerShown: 'Layer shown',
  layerOption: (l: number, of: number) => `Layer ${l} of ${of}`,
  layerHint: 'Each layer has its own router and experts, so a token can go to different experts at each depth.',
  tokensCaption:
    'Each chip is a token, coloured by the expert with its largest weight; the numbers are all its experts (✕ = dropped). Only those experts’ parameters did any work for it.',
  routerTitle: (token: string) => `Router: scores for “${token}”`,
  expertsTitle: 'Experts',
  loadTitle: 'Load per expert',
  matrixTitle: 'Whole sentence',
};

const zh: typeof en = {
  pageTitle: 'moe-lab：看混合专家模型如何分派词元',
  intro: (active, experts, shared) =>
    `一个在浏览器里运行的混合专家（MoE）模型。路由器为每个词元从 ${experts} 个专家中挑选 ${active} 个${
      shared ? `，另有 ${shared} 个始终运行的共享专家` : ''
    }；只有这些专家参与计算，所以只有一小部分参数真正在工作。`,
  lessonsNav: '课程',
  links: {
    routers: '四种路由器并排比较',
    sparsity: '只有一小部分参数在工作',
    experts: '更小的专家与共享专家',
    capacity: '容量与被丢弃的词元',
    training: '实时训练：看专家如何分工',
    balance: '负载均衡并排比较',
    scale: '真实规模：你的小模型与 DeepSeek-V3',
    memory: '压缩记忆（潜在注意力）',
    experiments: '论文中的实验，实时运行',
  },
  simulatorLabel: 'moe-lab 模拟器',
  controlsLabel: '控制项',
  backendKeys: (backend) => `后端：${backend}。按键：← → 逐个词元，空格 播放/暂停，Home/End 首/尾。`,
  modelFailed: (error) => `模型无法运行：${error}`,
  starting: '正在启动模型…',
  tokensTitle: '词元及其专家',
  sentence: '句子',
  presets: '预设句子',
  chooseSentence: '选择一个句子…',
  truncated: (n) => `只对前 ${n} 个词元进行路由。`,
  noTokens: '请输入要路由的句子：目前没有词元。',
  layerShown: '显示的层',
  layerOption: (l, of) => `第 ${l} 层（共 ${of} 层）`,
  layerHint: '每一层都有自己的路由器和专家，所以同一个词元在不同深度可能去往不同的专家。',
  tokensCaption: '每个色块是一个词元，颜色表示权重最大的专家；数字是它去往的所有专家（✕ = 被丢弃）。只有这些专家的参数为它做了计算。',
  routerTitle: (token) => `路由器：“${token}”的得分`,
  expertsTitle: '专家',
  loadTitle: '各专家的负载',
  matrixTitle: '整句视图',
};

const part = section({ en, zh });

export default part;

/** This part of the catalogue in the page's language. */
export const shellWords = (): typeof en => part[getLang()];
