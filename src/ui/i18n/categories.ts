/** The word categories of the built-in vocabulary, as the training page and the exported pictures name them. */
import type { Category } from '../../core/corpus';

export const CATEGORY_NAMES: { en: Record<Category, string>; zh: Record<Category, string> } = {
  en: {
    function: 'function',
    number: 'number',
    colour: 'colour',
    animal: 'animal',
    verb: 'verb',
    adjective: 'adjective',
    object: 'object',
    person: 'person',
    punctuation: 'punctuation',
    unknown: 'unknown',
  },
  zh: {
    function: '虚词',
    number: '数词',
    colour: '颜色',
    animal: '动物',
    verb: '动词',
    adjective: '形容词',
    object: '物品',
    person: '人物',
    punctuation: '标点',
    unknown: '未知',
  },
};
