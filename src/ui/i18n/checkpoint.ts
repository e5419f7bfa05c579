/**
 * Trained weights that could not be used (src/core/checkpoint.ts decodeCheckpoint): the page says
 * why and runs the random model. `why` is the problem in the page's language, localized() of the
 * problem's code (worded in ./problems), e.g. notUsed(localized(result.problem)):
 * "The trained weights could not be used: the file is truncated (got 1,204 of 52,112 bytes)." (the weights
 * control adds that the random model is shown).
 */
import { getLang } from './locale';
import { section } from './section';

const en = {
  notUsed: (why: string) => `The trained weights could not be used: ${why}.`,
  /** When the file could not be fetched at all (the browser's own words, or the HTTP status). */
  notLoaded: (why: string) => `The trained weights could not be loaded (${why}).`,
};

const zh: typeof en = {
  notUsed: (why) => `无法使用训练好的权重：${why}。`,
  notLoaded: (why) => `无法加载训练好的权重（${why}）。`,
};

const part = section({ en, zh });

export default part;

/** This part of the catalogue in the page's language. */
export const checkpointWords = (): typeof en => part[getLang()];
