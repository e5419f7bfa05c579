/**
 * The routing picture on the main page (src/ui/routing/flow-picture.ts and sentence-flow.ts): the
 * words drawn in it, its mode switch, and the sentence that describes it to screen readers.
 */
import { getLang } from './locale';
import { section } from './section';

const en = {
  title: 'How the router sends this token to its experts',
  modeLabel: 'Picture',
  oneToken: 'One token',
  wholeSentence: 'Whole sentence',
  animate: 'Animate',
  replay: 'Replay',
  embedding: 'router input',
  numbers: (d: number) => `${d} numbers`,
  router: 'router',
  topScore: (score: string) => `top score ${score}`,
  capacity: 'capacity',
  sum: 'weighted sum',
  output: 'output',
  residual: 'residual: the token itself is added back',
  alwaysOn: 'always on',
  dropped: 'dropped',
  shared: (label: string) => `${label} shared`,
  /** The picture's accessible name: where the token went. */
  describe: (word: string, ran: string[], dropped: string[], idle: number, experts: number, skipped: boolean) =>
    `“${word}”: ${
      skipped ? 'no routed expert ran; the token rides the residual connection' : `the router sent it to ${ran.join(', ')}`
    }${dropped.length ? `; dropped over capacity: ${dropped.join(', ')}` : ''}. ${idle} of ${experts} routed experts stayed idle.`,
  ranItem: (label: string, weight: string) => `${label} (weight ${weight})`,
  /** The name while the picture is held before any expert runs (the guided tour). */
  scored: (word: string, experts: number) =>
    `“${word}”: the router has scored all ${experts} routed experts (the chosen ones in colour); no expert has run yet.`,
  /** `idle` names the idle experts when there are few (else it is empty and only their number is said). */
  sentenceDescribe: (tokens: number, used: number, experts: number, idle: string[]) =>
    `All ${tokens} tokens of the sentence: ${used} of ${experts} routed experts were used, ${experts - used} stayed idle${idle.length ? ` (${idle.join(', ')})` : ''}.`,
  sentenceCaption:
    'Each band is one token’s choice; its width is the gate weight. Dark experts on the right did no work for this sentence.',
  tokenCaption:
    'The column is what the router reads: the token’s d numbers (its normalised embedding at layer 1), blue positive, orange negative. Link widths are gate weights. Lit squares ran; dark ones did no work for this token.',
  clickToFinish: 'Click the picture to skip the animation.',
};

const zh: typeof en = {
  title: '路由器如何把这个词元送到它的专家',
  modeLabel: '图示',
  oneToken: '单个词元',
  wholeSentence: '整句',
  animate: '动画',
  replay: '重放',
  embedding: '路由器输入',
  numbers: (d) => `${d} 个数`,
  router: '路由器',
  topScore: (score) => `最高分 ${score}`,
  capacity: '容量',
  sum: '加权和',
  output: '输出',
  residual: '残差：词元本身被加回',
  alwaysOn: '始终启用',
  dropped: '丢弃',
  shared: (label) => `${label} 共享`,
  describe: (word, ran, dropped, idle, experts, skipped) =>
    `“${word}”：${skipped ? '没有路由专家运行；词元经残差连接通过' : `路由器把它送到 ${ran.join('、')}`}${
      dropped.length ? `；因超出容量被丢弃：${dropped.join('、')}` : ''
    }。${experts} 个路由专家中有 ${idle} 个保持空闲。`,
  ranItem: (label, weight) => `${label}（权重 ${weight}）`,
  scored: (word, experts) => `“${word}”：路由器已经给全部 ${experts} 个路由专家打了分（选中的为彩色）；还没有专家运行。`,
  sentenceDescribe: (tokens, used, experts, idle) =>
    `整句共 ${tokens} 个词元：使用了 ${experts} 个路由专家中的 ${used} 个，${experts - used} 个保持空闲${idle.length ? `（${idle.join('、')}）` : ''}。`,
  sentenceCaption: '每条带是一个词元的一次选择，宽度是门控权重。右侧深色的专家没有为这句话做任何计算。',
  tokenCaption:
    '那一列是路由器读到的内容：词元的 d 个数（第 1 层即归一化后的嵌入），蓝色为正，橙色为负。连线宽度是门控权重。亮起的方块运行了；深色的方块没有为这个词元做任何计算。',
  clickToFinish: '点击图示可跳过动画。',
};

const part = section({ en, zh });

export default part;

/** This part of the catalogue in the page's language. */
export const flowWords = (): typeof en => part[getLang()];
