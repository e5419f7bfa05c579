/**
 * The main page's weights switch (src/ui/simulator/weights-control.ts): trained or random weights,
 * and one line on where the trained ones came from, or why random routing means nothing.
 */
import { getLang } from './locale';
import { section } from './section';

const en = {
  label: 'Weights',
  trained: 'Trained',
  random: 'Random',
  loading: 'Loading trained weights… (random weights shown meanwhile)',
  /** `steps`, losses and score already formatted. */
  trainedLine: (live: boolean, steps: string, loss: string, untrained: string, spec: string) =>
    `${live ? 'Trained here just now' : 'Trained weights'}: ${steps} steps; held-out next-word loss ${loss} (random: ${untrained}); specialisation ${spec}`,
  none: 'No trained weights ship for this shape.',
  trainShape: 'Train this shape',
  fewSeconds: 'a few seconds',
  training: 'Training this shape…',
  progressName: 'Training this shape',
  /** `loss` is null before the first step. */
  progress: (step: string, steps: string, loss: string | null) => `step ${step} of ${steps}${loss === null ? '' : `, loss ${loss}`}`,
  stop: 'Stop',
  failed: (message: string) => `${message} Showing the random model.`,
  randomLine: 'Random weights: the router has learned nothing, so which experts a word gets is chance.',
};

const zh: typeof en = {
  label: '权重',
  trained: '已训练',
  random: '随机',
  loading: '正在加载训练好的权重…（暂时显示随机权重）',
  trainedLine: (live, steps, loss, untrained, spec) =>
    `${live ? '刚在本页训练' : '训练好的权重'}：${steps} 步；留出句子上的下一词损失 ${loss}（随机：${untrained}）；专业化得分 ${spec}`,
  none: '这个模型结构没有随附训练好的权重。',
  trainShape: '训练这个结构',
  fewSeconds: '只需几秒',
  training: '正在训练这个结构…',
  progressName: '训练这个结构',
  progress: (step, steps, loss) => `第 ${step} 步，共 ${steps} 步${loss === null ? '' : `，损失 ${loss}`}`,
  stop: '停止',
  failed: (message) => `${message} 现在显示的是随机模型。`,
  randomLine: '随机权重：路由器什么也没学到，所以一个词分到哪些专家全凭偶然。',
};

const part = section({ en, zh });

export default part;

/** This part of the catalogue in the page's language. */
export const weightsWords = (): typeof en => part[getLang()];
