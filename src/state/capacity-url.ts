/**
 * The capacity lesson's part of the URL: the simulator's own keys (url-keys.ts), only those the
 * lesson has controls for, read by the one codec (url-schema.ts), so a bad value gets the
 * simulator's notice and its default; any other key (pos=, L=, …) is listed as ignored.
 *
 *   e  routed experts    k  top-k    cf  capacity factor or none    r  router    seed  seed    text  the sentence
 */
import { DEFAULT_CONFIG, type MoeConfig } from '../core/config';
import type { LinkNotice } from './link-notices';
import { CONFIG_ENTRIES, fitConfig, LINK_DEFAULTS, TEXT, type LinkFields } from './url-keys';
import { decodeQuery, encodeQuery, type PageSchema } from './url-schema';

export const CAPACITY_KEYS = ['e', 'k', 'cf', 'r', 'seed', 'text'] as const;

export const CAPACITY_SCHEMA: PageSchema<LinkFields> = {
  steps: [...CONFIG_ENTRIES.filter((e) => (CAPACITY_KEYS as readonly string[]).includes(e.key)), fitConfig, TEXT],
  others: 'list',
};

export interface CapacityView {
  /** The simulator's config with only e, k, cf, r and seed taken from the link. */
  config: MoeConfig;
  text: string;
}

export interface CapacityDecoded {
  view: CapacityView;
  /** The notices for the lesson's keys (codes and arguments; the page words them). */
  notices: LinkNotice[];
  /** Keys in the link that this page has no control for, with their (first) value. */
  ignored: { key: string; value: string }[];
}

export function decodeCapacityView(search: string): CapacityDecoded {
  const { state, notices, others } = decodeQuery(CAPACITY_SCHEMA, search, LINK_DEFAULTS);
  const { routedExperts, topK, capacityFactor, router, seed } = state;
  return {
    view: { config: { ...DEFAULT_CONFIG, routedExperts, topK, capacityFactor, router, seed }, text: state.text },
    notices: notices as LinkNotice[],
    ignored: others,
  };
}

/** The query ("?…") that reproduces the lesson's view: its six keys, always all written. */
export function encodeCapacityView(view: CapacityView): string {
  return encodeQuery(CAPACITY_SCHEMA, { ...LINK_DEFAULTS, ...view.config, text: view.text });
}
