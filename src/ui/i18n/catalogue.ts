/**
 * The message catalogue: every user-facing text of the site, in English and Simplified Chinese.
 * Each part lives in its own file (one per page area); this module joins them into one object per
 * language. Components read it through `messages()` in ./locale.
 */
import capacityPage from './capacity-page';
import common from './common';
import embedPage from './embed-page';
import lessonPages from './lesson-pages';
import lessons from './lessons';
import memory from './memory';
import picture from './picture';
import problems from './problems';
import routers from './routers';
import scale from './scale';
import shell from './shell';
import sim from './simulator';
import train from './training';

function join<T extends Record<string, { en: unknown; zh: unknown }>>(parts: T): { en: { [K in keyof T]: T[K]['en'] }; zh: { [K in keyof T]: T[K]['zh'] } } {
  const en = {} as Record<string, unknown>;
  const zh = {} as Record<string, unknown>;
  for (const [k, v] of Object.entries(parts)) {
    en[k] = v.en;
    zh[k] = v.zh;
  }
  return { en, zh } as never;
}

export const CATALOGUE = join({ capacityPage, common, embedPage, lessonPages, lessons, memory, picture, problems, routers, scale, shell, sim, train });

export type Messages = (typeof CATALOGUE)['en'];
