/**
 * Names, one-line formulas and plain-words captions of the four routers, for every page. The texts
 * live in the message catalogue (src/ui/i18n/simulator.ts, `routers`): `routerInfo(kind)` gives
 * them in the page's language; ROUTER_INFO is the English, for code that needs a fixed text.
 */
import type { RouterKind } from '../../core/config';
import sim, { simWords, type RouterText } from '../i18n/simulator';

export type RouterInfo = RouterText;

/** The English names, sources, formulas and captions. */
export const ROUTER_INFO: Record<RouterKind, RouterInfo> = sim.en.routers;

/** A router's name, source, formula and caption in the page's current language. */
export function routerInfo(kind: RouterKind): RouterInfo {
  return simWords().routers[kind];
}
