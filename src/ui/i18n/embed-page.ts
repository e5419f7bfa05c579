/** The embedding example page (demos/embed.html). Text between backticks is shown as code. */
import { getLang } from './locale';
import { section } from './section';

const en = {
  title: 'moe-lab: embedding the simulator in your own page',
  nav: 'Site',
  heading: 'Embedding moe-lab in a slide',
  p1: 'This page holds a `<moe-lab>` element set up by its attributes, as a teacher would put it in a slide deck:',
  p2: 'Build the library with `npm run build:lib` (dist-lib/moe-lab.js, an ES module that loads one more chunk of its own) and load it with a module script tag. Add `lang="zh"` to show it in Chinese.',
};

const zh: typeof en = {
  title: 'moe-lab：把模拟器嵌入你自己的网页',
  nav: '网站',
  heading: '把 moe-lab 嵌入幻灯片',
  p1: '本页包含一个由属性配置的 `<moe-lab>` 元素，就像老师把它放进幻灯片时那样：',
  p2: '用 `npm run build:lib` 构建库（dist-lib/moe-lab.js，一个会再加载一个自身代码块的 ES 模块），并用 module 类型的 script 标签加载它。加上 `lang="zh"` 即可显示中文。',
};

const part = section({ en, zh });

export default part;

/** This part of the catalogue in the page's language. */
export const embedPageWords = (): typeof en => part[getLang()];
