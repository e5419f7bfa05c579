/** Messages used on every page: the site's name, the language and theme switches, presenter mode, notices. */
import { getLang } from './locale';
import { section } from './section';

const en = {
  siteName: 'moe-lab',
  language: 'Language',
  presenter: 'Presenter mode',
  presenterHint: 'Large type, high contrast, fewer panels: for projecting to a room.',
  home: 'Back to the simulator',
  linkNotUnderstood: 'Some settings in the link were not understood and use their defaults:',
  andMore: (n: number) => `…and ${n} more.`,
  presentIgnored: (raw: string) => `Ignored present=${raw}: presenter mode is present=1 (on) or present=0 (off).`,
  langIgnored: (raw: string) => `Ignored lang=${raw}: the languages are en (English) and zh (Simplified Chinese). Using English.`,
  theme: 'Theme',
  themeNames: { system: 'System', light: 'Light', dark: 'Dark' },
  themeIgnored: (raw: string) => `Ignored theme=${raw}: the themes are light and dark. Using the system's choice.`,
};

const zh: typeof en = {
  siteName: 'moe-lab',
  language: '语言',
  presenter: '演示模式',
  presenterHint: '大字号、高对比度、更少的面板：适合投影给全班看。',
  home: '回到模拟器',
  linkNotUnderstood: '链接中有些设置无法识别，已改用默认值：',
  andMore: (n: number) => `……还有 ${n} 条。`,
  presentIgnored: (raw: string) => `已忽略 present=${raw}：演示模式为 present=1（开）或 present=0（关）。`,
  langIgnored: (raw: string) => `已忽略 lang=${raw}：可选语言为 en（英语）和 zh（简体中文）。现使用英语。`,
  theme: '主题',
  themeNames: { system: '跟随系统', light: '浅色', dark: '深色' },
  themeIgnored: (raw: string) => `已忽略 theme=${raw}：可选主题为 light（浅色）和 dark（深色）。现跟随系统设置。`,
};

const part = section({ en, zh });

export default part;

/** This part of the catalogue in the page's language. */
export const commonWords = (): typeof en => part[getLang()];
