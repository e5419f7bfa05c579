/**
 * The capacity lesson's part of the URL: the simulator's own keys (url.ts), only those the lesson
 * has controls for. Decoding goes through decodeView, so a bad value gets the simulator's notice and
 * its default; a simulator key the lesson does not use (pos=, L=, …) is listed as ignored.
 *
 *   e  routed experts    k  top-k    cf  capacity factor or none    r  router    seed  seed    text  the sentence
 */
import { DEFAULT_CONFIG, type MoeConfig } from '../core/config';
import { decodeView, type LinkNotice } from './url';

export const CAPACITY_KEYS = ['e', 'k', 'cf', 'r', 'seed', 'text'] as const;
/** Keys every page keeps (lang.ts) and decodeView reads without a notice. */
const KEPT: readonly string[] = ['lang', 'backend', 'theme'];

export interface CapacityView {
  /** The simulator's config with only e, k, cf, r and seed taken from the link. */
  config: MoeConfig;
  text: string;
}

export interface CapacityDecoded {
  view: CapacityView;
  /** decodeView's notices for the lesson's keys (English, from src/state). */
  notices: string[];
  /** The same notices with their codes, for the page's language. */
  codedNotices: LinkNotice[];
  /** Keys in the link that this page has no control for, with their (first) value. */
  ignored: { key: string; value: string }[];
}

export function decodeCapacityView(search: string): CapacityDecoded {
  const params = new URLSearchParams(search);
  const own = new URLSearchParams();
  const ignored: { key: string; value: string }[] = [];
  for (const [key, value] of params) {
    if ((CAPACITY_KEYS as readonly string[]).includes(key) || KEPT.includes(key)) own.append(key, value);
    else if (!ignored.some((i) => i.key === key)) ignored.push({ key, value });
  }
  const { view, notices, codedNotices } = decodeView(own.toString());
  const { routedExperts, topK, capacityFactor, router, seed } = view.config;
  return {
    view: { config: { ...DEFAULT_CONFIG, routedExperts, topK, capacityFactor, router, seed }, text: view.text },
    notices,
    codedNotices: [...codedNotices],
    ignored,
  };
}

/** The query ("?…") that reproduces the lesson's view: its six keys, always all written. */
export function encodeCapacityView(view: CapacityView): string {
  const c = view.config;
  const params = new URLSearchParams();
  params.set('e', String(c.routedExperts));
  params.set('k', String(c.topK));
  params.set('cf', c.capacityFactor === null ? 'none' : String(c.capacityFactor));
  params.set('r', c.router);
  params.set('seed', String(c.seed));
  params.set('text', view.text);
  return `?${params.toString()}`;
}
