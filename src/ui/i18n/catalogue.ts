/**
 * The message catalogue: every user-facing text of the site, in English and Simplified Chinese.
 * Each part lives in its own file (one per page area) and registers itself here when a component
 * that reads it is loaded, so a page's bundle holds only the parts it shows (each component imports
 * the parts it reads; tests/ui-i18n-imports.test.ts checks that). Components read the catalogue
 * through `messages()` in ./locale; ./all imports every part (for tests and tools).
 */
import type capacityPage from './capacity-page';
import type common from './common';
import type embedPage from './embed-page';
import type lessonPages from './lesson-pages';
import type lessons from './lessons';
import type memory from './memory';
import type picture from './picture';
import type problems from './problems';
import type routers from './routers';
import type scale from './scale';
import type shell from './shell';
import type sim from './simulator';
import type train from './training';

/** Every part, by the name components read it under. */
interface Parts {
  capacityPage: typeof capacityPage;
  common: typeof common;
  embedPage: typeof embedPage;
  lessonPages: typeof lessonPages;
  lessons: typeof lessons;
  memory: typeof memory;
  picture: typeof picture;
  problems: typeof problems;
  routers: typeof routers;
  scale: typeof scale;
  shell: typeof shell;
  sim: typeof sim;
  train: typeof train;
}

/** Which module holds each part (for the import check). */
export const PART_FILES: Record<keyof Parts, string> = {
  capacityPage: 'capacity-page',
  common: 'common',
  embedPage: 'embed-page',
  lessonPages: 'lesson-pages',
  lessons: 'lessons',
  memory: 'memory',
  picture: 'picture',
  problems: 'problems',
  routers: 'routers',
  scale: 'scale',
  shell: 'shell',
  sim: 'simulator',
  train: 'training',
};

export type Messages = { [K in keyof Parts]: Parts[K]['en'] };

/** The registered parts, per language (filled as the parts' modules load). */
export const CATALOGUE: { en: Messages; zh: Messages } = { en: {} as Messages, zh: {} as Messages };

/** Adds a part to the catalogue; its module calls this once when it loads. */
export function register<K extends keyof Parts>(name: K, part: Parts[K]): Parts[K] {
  (CATALOGUE.en as Record<string, unknown>)[name] = part.en;
  (CATALOGUE.zh as Record<string, unknown>)[name] = part.zh;
  return part;
}
