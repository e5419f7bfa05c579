/**
 * What the lesson pages (demos/sparsity.html, demos/experts.html) keep in the URL: the simulator's
 * own keys, read by the simulator's schema (url.ts) so that a link means the same on every page and
 * a bad value gives the same notice and default.
 *
 *   e  routed experts    k  top-k    s  shared experts    m  granularity    seed    text  the sentence
 *
 * Other simulator keys in a link (r, cf, d, h, L, …) are honoured and written back when they differ
 * from the defaults, so a link from the simulator keeps its model.
 */
import type { MoeConfig } from '../core/config';
import type { LinkNotice } from './link-notices';
import { entriesOf, encodeQuery, type PageSchema } from './url-schema';
import { decodeView, fieldsOf, SIMULATOR_SCHEMA } from './url';
import { LINK_DEFAULTS, type LinkFields } from './url-keys';
import { defaultView } from './view';

/** Keys every lesson link writes. */
export const LESSON_KEYS = ['e', 'k', 's', 'm', 'seed', 'text'] as const;

/** The simulator's keys; those besides LESSON_KEYS written only when they are not the defaults. */
export const LESSON_SCHEMA: PageSchema<LinkFields> = {
  ...SIMULATOR_SCHEMA,
  changedOnly: entriesOf(SIMULATOR_SCHEMA)
    .map((e) => e.key)
    .filter((k) => !(LESSON_KEYS as readonly string[]).includes(k)),
};

export interface LessonState {
  config: MoeConfig;
  text: string;
}

export interface DecodedLesson extends LessonState {
  /** One notice per ignored value (a code and its arguments; the page words it). */
  notices: LinkNotice[];
}

/** Reads a lesson link. Never throws: a bad value keeps its default and adds a notice. */
export function decodeLesson(search: string): DecodedLesson {
  const { view, notices } = decodeView(search);
  return { config: view.config, text: view.text, notices };
}

/** The query ("?…") for a lesson's state: the lesson keys, and any other setting that is not its default. */
export function encodeLesson(s: LessonState): string {
  return encodeQuery(LESSON_SCHEMA, fieldsOf({ ...defaultView(), config: s.config, text: s.text }), LINK_DEFAULTS);
}
