/**
 * "All layers at once" (src/ui/routing/layers-view.ts and its section in the simulator's shell): the
 * sentence once per layer, each word with its first-choice expert, and the layer-to-layer flow.
 * Expert labels (E3) and the words of the sentence are shown as they are.
 */
import { getLang } from './locale';
import { plural, section } from './section';

const en = {
  title: 'All layers at once',
  /** Before a layer's row of words. */
  rowHead: (layer: number) => `Layer ${layer}:`,
  rowLabel: (layer: number) => `Layer ${layer}: each word and its first-choice expert`,
  /** A chip's accessible name: "token n, layer l:", exactly its visible text, then what it means in brackets. */
  chip: (token: number, layer: number, visible: string, notes: string[]) =>
    `token ${token}, layer ${layer}: ${visible} (${notes.join('; ')})`,
  weight: (weight: string) => `gate weight ${weight}`,
  firstDropped: (expert: number) => `first choice E${expert} dropped, over capacity`,
  noExpert: 'no expert ran: every choice dropped, over capacity',
  /** On a chip whose token no expert processed. */
  none: 'none',
  /** The flow's lane of words no expert processed at a layer. */
  noneLane: '✕ none',
  heading: (layer: number) => `Layer ${layer}`,
  headingShort: (layer: number) => `L${layer}`,
  flowLabel: (word: string, steps: string[]) => `Flow of the words through the layers. “${word}”: ${steps.join(', ')}`,
  step: (layer: number, expert: string) => `layer ${layer} ${expert}`,
  noStep: (layer: number) => `layer ${layer} no expert`,
  /** The current word's path in words, under the picture. */
  path: (word: string) => `Path of “${word}”:`,
  arrow: ' → ',
  pathStep: (layer: number, expert: string) => `L${layer} ${expert}`,
  caption:
    'Left, the words; then one column per layer. A box is an expert that was some word’s first choice at that layer (E0 at the top), as tall as the number of words it took. Each line follows one word from layer to layer: click a line or a word to follow it.',
  noneNote:
    '✕ none: every choice of the word was dropped (over capacity), so no expert ran; it rides the residual connection and its line breaks there.',
  thinned: (n: number) => `${plural(n, 'label', 'labels')} left out so that none overlap; the table has every number.`,
  table: 'Table: each word’s first-choice expert and its gate weight at every layer',
  word: 'Word',
  cell: (expert: number, weight: string) => `E${expert} (${weight})`,
  cellNone: 'none',
};

const zh: typeof en = {
  title: '一次看所有层',
  rowHead: (layer) => `第 ${layer} 层：`,
  rowLabel: (layer) => `第 ${layer} 层：每个词及其首选专家`,
  chip: (token, layer, visible, notes) => `词元 ${token}，第 ${layer} 层：${visible}（${notes.join('；')}）`,
  weight: (weight) => `门控权重 ${weight}`,
  firstDropped: (expert) => `首选 E${expert} 因超出容量被丢弃`,
  noExpert: '没有专家运行：所有选择都因超出容量被丢弃',
  none: '无',
  noneLane: '✕ 无',
  heading: (layer) => `第 ${layer} 层`,
  headingShort: (layer) => `L${layer}`,
  flowLabel: (word, steps) => `各个词穿过各层的流向。“${word}”：${steps.join('，')}`,
  step: (layer, expert) => `第 ${layer} 层 ${expert}`,
  noStep: (layer) => `第 ${layer} 层 无专家`,
  path: (word) => `“${word}”的路径：`,
  arrow: ' → ',
  pathStep: (layer, expert) => `L${layer} ${expert}`,
  caption:
    '左边是句子中的词，右边每层一列。每个方块是该层某些词的首选专家（E0 在最上面），高度与它接收的词数成正比。每条线跟随一个词穿过各层：点击一条线或一个词即可跟随它。',
  noneNote: '✕ 无：这个词的所有选择都因超出容量被丢弃，没有专家运行；它经残差连接直接通过，它的线在这里断开。',
  thinned: (n) => `为避免重叠，省略了 ${n} 个标签；表格中有全部数字。`,
  table: '表格：每个词在每一层的首选专家及其门控权重',
  word: '词',
  cell: (expert, weight) => `E${expert}（${weight}）`,
  cellNone: '无',
};

const part = section({ en, zh });

export default part;

/** This part of the catalogue in the page's language. */
export const layersWords = (): typeof en => part[getLang()];
