/**
 * The live-training pages: demos/training.html (src/ui/training-page.ts and its controls) and
 * demos/balance.html (src/ui/balance-compare.ts), with the charts they share (loss chart, load
 * history, specialisation map, parameters updated). A `{name}` in a message is a slot the component
 * fills with markup (a bold number, a word of the sentence); see `withSlots` in ../training-format.
 */
import type { GateNorm } from '../../core/config';
import type { BalanceMode } from '../../core/training';
import { getLang } from './locale';
import { section } from './section';
import trainingCharts from './training-charts';

/** ", layer 2" after a title when the model has several layers (null: one layer, no suffix). */
const enLayer = (layer: number | null) => (layer === null ? '' : `, layer ${layer}`);
const zhLayer = (layer: number | null) => (layer === null ? '' : `（第 ${layer} 层）`);
const s = (n: number) => (n === 1 ? '' : 's');

const en = {
  page: {
    pageTitle: 'moe-lab: live training, watch the experts specialise',
    title: 'Live training: watch the experts specialise',
    intro:
      'A small mixture-of-experts language model learns to predict the next word of simple sentences, right here in your browser. Press {train}: the loss falls, words of the same kind start going to the same experts, and only the experts a token chose are updated. Without balancing, nothing stops the router from piling work onto a few favourite experts.',
    balanceLink: 'Two balancing modes side by side',
    trainingStopped: (error: string) => `Training stopped: ${error}`,
    starting: 'Starting the model…',
    controls: 'Controls',
    backend: (backend: string) => `Backend: ${backend}. Same seed, same settings: the same run, step for step.`,
    lossTitle: 'Loss over training',
    lossCaption:
      'Task loss: how surprised the model is by the real next word (cross-entropy; lower is better). Balance loss and z-loss are extra terms the router is trained on when they are switched on.',
    loadTitle: (layer: number | null) => `Expert load over training${enLayer(layer)}`,
    specTitle: (layer: number | null) => `Specialisation map${enLayer(layer)}`,
    updatedTitle: 'Parameters updated this step',
    sentenceTitle: 'The sentence, routed by the model as it learns',
    sentence: 'Sentence',
    presets: 'Presets',
    chooseSentence: 'Choose a sentence…',
    routedAfter: 'Routed with the weights after step {step}; re-routed every few steps while training.',
    truncated: (n: number) => `Only the first ${n} tokens are routed.`,
    noTokens: 'Type a sentence to route: there are no tokens.',
    previousToken: 'Previous token',
    nextToken: 'Next token',
    layerShown: 'Layer shown',
    layerOption: (layer: number, of: number) => `Layer ${layer} of ${of}`,
    layerHint: 'Each layer has its own router and experts; the charts above follow this choice too.',
    routerTitle: (layer: number | null) => `Router${enLayer(layer)}: scores for “{token}”`,
    expertsTitle: (layer: number | null) => `Experts${enLayer(layer)}`,
    sentenceLoadTitle: (layer: number | null) => `Load per expert for this sentence${enLayer(layer)}`,
    routerSwitched: (from: string, to: string) =>
      `The router was switched from ${from.toLowerCase()} to ${to.toLowerCase()} (DeepSeek-V3), the only one with a balancing bias. Training restarted from step 0.`,
    balancingUnset: (router: string) => `Balancing was set to none: bias balancing needs the ${router.toLowerCase()} router.`,
  },
  controls: {
    training: 'Training',
    balancing: 'Balancing',
    model: 'Model',
    train: 'Train',
    pause: 'Pause',
    step: 'Step',
    reset: 'Reset training',
    progress: 'Training progress',
    stepCount: 'Step',
    tokensSeen: 'Tokens seen',
    tokensPerSecond: 'Tokens/s',
    stepsPerSecond: 'Steps/s',
    learningRate: 'Learning rate',
    learningRateHint: 'Adam step size. Too high and the loss jumps about; too low and it barely moves.',
    batchSize: 'Batch size',
    sentences: (n: number) => `${n} sentence${s(n)}`,
    biasSwitchesRouter: ' The two bias modes switch the router to sigmoid with bias, which restarts training.',
    alpha: 'Balance loss α',
    alphaOn: 'α = 0.01 in the Switch Transformer paper.',
    alphaOff: 'Used by the Switch balance loss.',
    gamma: 'Bias update speed (γ)',
    gammaOn: 'How far each bias moves per step (0.001 in DeepSeek-V3, which trains far longer).',
    gammaOff: 'Used by the DeepSeek-V3 bias modes.',
    zLoss: 'Router z-loss',
    zLossHint: 'ST-MoE: keeps the router’s logits small; 0 turns it off.',
    modelLead: 'Changing these builds a new model from the seed and restarts training.',
    routedExperts: 'Routed experts',
    topK: 'Active experts per token (top-k)',
    router: 'Router',
    routerOption: (name: string, source: string) => `${name} (${source})`,
    gateNorm: 'Gate weights',
    gateNormOption: {
      chosen: 'renormalised over the chosen k (Mixtral, DeepSeek-V3)',
      all: 'probability over all experts (Switch, Qwen2-MoE)',
    } as Record<GateNorm, string>,
    gateNormLead:
      'Renormalised, the chosen weights sum to 1 (Mixtral, Qwen3-MoE, DeepSeek-V3); as probabilities over all experts they sum to less (Switch Transformer, Qwen1.5/Qwen2-MoE, OLMoE).',
    top1NoLearn:
      'At top-1 with renormalised weights the one chosen expert always gets weight 1, so the router cannot learn from the task loss (only a balancing loss or bias moves it).',
    useSwitchRule: 'Use the Switch rule (probability over all experts)',
    layers: 'MoE layers',
    seed: 'Seed',
  },
  format: {
    off: '0 (off)',
    balanceNames: {
      none: 'none',
      switch: 'Switch balance loss',
      bias: 'DeepSeek-V3 bias',
      'bias+seq': 'bias + sequence-wise loss',
    } as Record<BalanceMode, string>,
    modeWords: {
      none: 'Nothing pushes back: the router may keep sending most tokens to the experts it already favours.',
      switch: 'An extra loss term, α·E·Σ fᵢ·Pᵢ, penalises the router when the busy experts are also the ones it scores highest.',
      bias: 'No extra loss. After each step, a busy expert’s bias goes down by γ and an idle one’s goes up; the bias changes who is picked, never the weights.',
      'bias+seq': 'The bias nudges, plus a tiny balance loss within each sentence as a safety net (DeepSeek-V3).',
    } as Record<BalanceMode, string>,
  },
  ...trainingCharts.en,
};

const zh: typeof en = {
  page: {
    pageTitle: 'moe-lab：实时训练，看专家如何分工',
    title: '实时训练：看专家如何分工',
    intro:
      '一个小型混合专家（MoE）语言模型就在你的浏览器里学习预测简单句子的下一个词。按下{train}：损失逐渐下降，同一类的词开始被送往相同的专家，而且只有词元选中的专家才会被更新。如果没有负载均衡，就没有什么能阻止路由器把工作堆到少数几个它偏爱的专家身上。',
    balanceLink: '两种负载均衡方式并排比较',
    trainingStopped: (error) => `训练已停止：${error}`,
    starting: '正在启动模型…',
    controls: '控制项',
    backend: (backend) => `后端：${backend}。相同的随机种子、相同的设置：每一步都得到完全相同的训练过程。`,
    lossTitle: '训练过程中的损失',
    lossCaption: '任务损失：模型对真实的下一个词有多“意外”（交叉熵；越低越好）。负载均衡损失和 z-loss 是开启后路由器额外要优化的项。',
    loadTitle: (layer) => `训练过程中的专家负载${zhLayer(layer)}`,
    specTitle: (layer) => `专业化分布图${zhLayer(layer)}`,
    updatedTitle: '本步更新的参数',
    sentenceTitle: '句子：由正在学习的模型进行路由',
    sentence: '句子',
    presets: '预设句子',
    chooseSentence: '选择一个句子…',
    routedAfter: '使用第 {step} 步之后的权重进行路由；训练时每隔几步重新路由一次。',
    truncated: (n) => `只对前 ${n} 个词元进行路由。`,
    noTokens: '请输入要路由的句子：目前没有词元。',
    previousToken: '上一个词元',
    nextToken: '下一个词元',
    layerShown: '显示的层',
    layerOption: (layer, of) => `第 ${layer} 层（共 ${of} 层）`,
    layerHint: '每一层都有自己的路由器和专家；上方的图表也跟随这一选择。',
    routerTitle: (layer) => `路由器${zhLayer(layer)}：“{token}”的得分`,
    expertsTitle: (layer) => `专家${zhLayer(layer)}`,
    sentenceLoadTitle: (layer) => `本句中各专家的负载${zhLayer(layer)}`,
    routerSwitched: (from, to) => `路由器已从“${from}”切换为“${to}”（DeepSeek-V3），只有它带有负载均衡偏置。训练已从第 0 步重新开始。`,
    balancingUnset: (router) => `负载均衡已设为“无”：偏置负载均衡需要“${router}”路由器。`,
  },
  controls: {
    training: '训练',
    balancing: '负载均衡',
    model: '模型',
    train: '训练',
    pause: '暂停',
    step: '单步',
    reset: '重置训练',
    progress: '训练进度',
    stepCount: '步数',
    tokensSeen: '已见词元',
    tokensPerSecond: '词元/秒',
    stepsPerSecond: '步/秒',
    learningRate: '学习率',
    learningRateHint: 'Adam 的步长。太大时损失上下乱跳；太小时几乎不动。',
    batchSize: '批次大小',
    sentences: (n) => `${n} 个句子`,
    biasSwitchesRouter: '两种偏置模式会把路由器切换为带偏置的 sigmoid，并重新开始训练。',
    alpha: '负载均衡损失 α',
    alphaOn: 'Switch Transformer 论文中 α = 0.01。',
    alphaOff: '用于 Switch 负载均衡损失。',
    gamma: '偏置更新速度（γ）',
    gammaOn: '每一步偏置移动多少（DeepSeek-V3 中为 0.001，但它训练的时间要长得多）。',
    gammaOff: '用于 DeepSeek-V3 的偏置模式。',
    zLoss: '路由器 z-loss',
    zLossHint: 'ST-MoE：让路由器的 logits 保持较小；设为 0 即关闭。',
    modelLead: '修改这些设置会用随机种子构建一个新模型，并重新开始训练。',
    routedExperts: '路由专家数',
    topK: '每个词元激活的专家数（top-k）',
    router: '路由器',
    routerOption: (name, source) => `${name}（${source}）`,
    gateNorm: '门控权重',
    gateNormOption: { chosen: '在选中的 k 个上重新归一化（Mixtral、DeepSeek-V3）', all: '在全部专家上的概率（Switch、Qwen2-MoE）' },
    gateNormLead:
      '重新归一化后，选中专家的权重之和为 1（Mixtral、Qwen3-MoE、DeepSeek-V3）；若取在全部专家上的概率，权重之和小于 1（Switch Transformer、Qwen1.5/Qwen2-MoE、OLMoE）。',
    top1NoLearn: 'top-1 且权重重新归一化时，唯一选中的专家权重总是 1，路由器无法从任务损失中学习（只有均衡损失或偏置能改变它）。',
    useSwitchRule: '改用 Switch 规则（在全部专家上的概率）',
    layers: 'MoE 层数',
    seed: '随机种子',
  },
  format: {
    off: '0（关闭）',
    balanceNames: {
      none: '无',
      switch: 'Switch 负载均衡损失',
      bias: 'DeepSeek-V3 偏置',
      'bias+seq': '偏置 + 序列级损失',
    },
    modeWords: {
      none: '没有任何力量把负载拉回来：路由器可能一直把大部分词元送给它已经偏爱的专家。',
      switch: '额外的损失项 α·E·Σ fᵢ·Pᵢ：当最忙的专家恰好也是路由器打分最高的专家时，就惩罚路由器。',
      bias: '不加额外的损失。每一步之后，繁忙专家的偏置减小 γ，空闲专家的偏置增大 γ；偏置只改变谁被选中，从不改变门控权重。',
      'bias+seq': '在偏置调节之外，再在每个句子内部加一个很小的负载均衡损失作为保险（DeepSeek-V3）。',
    },
  },
  ...trainingCharts.zh,
};

const part = section({ en, zh });

export default part;

/** This part of the catalogue in the page's language. */
export const trainWords = (): typeof en => part[getLang()];
