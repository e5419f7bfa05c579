/**
 * The word categories of the built-in toy vocabulary and the word classes of the open vocabulary
 * (shared names such as 'verb' are one entry), as the pages and the exported pictures name them.
 */
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
    noun: 'noun',
    name: 'name',
    adverb: 'adverb',
    pronoun: 'pronoun',
    determiner: 'determiner',
    preposition: 'preposition',
    conjunction: 'conjunction',
    interjection: 'interjection',
    symbol: 'symbol',
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
    noun: '名词',
    name: '专名',
    adverb: '副词',
    pronoun: '代词',
    determiner: '限定词',
    preposition: '介词',
    conjunction: '连词',
    interjection: '叹词',
    symbol: '符号',
    unknown: '未知',
  },
};
