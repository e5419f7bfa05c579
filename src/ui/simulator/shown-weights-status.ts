/**
 * The simulator's weights status as <weights-control> shows it: a failed checkpoint's problem worded
 * in the page's language (the main page and the experiments page share it).
 */
import type { SimState } from '../../state/simulator';
import { checkpointWords } from '../i18n/checkpoint';
import { localized } from '../i18n/localize-message';
import type { WeightsStatus } from './weights-status';

export function shownWeightsStatus(s: Pick<SimState, 'weightsStatus'>): WeightsStatus {
  const w = s.weightsStatus;
  if (w.kind !== 'failed') return w;
  const p = w.problem;
  const message = p.code === 'checkpoint.fetch' ? checkpointWords().notLoaded(p.args.text) : checkpointWords().notUsed(localized(p));
  return { kind: 'failed', message };
}
