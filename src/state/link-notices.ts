/**
 * The notices a link's decoding gives (every page's codec, src/state/url-schema.ts), by code, with
 * their arguments (see src/core/coded.ts); the catalogue (src/ui/i18n/problems.ts) words them.
 */
import type { CodeOf } from '../core/coded';
import { clip, type ConfigMessages } from '../core/config';
import type { TrainMessages } from '../core/train-settings';

/** Settings of the view that are numbers in a range (link.viewNumber). */
export type ViewNumberKey = 'pos' | 'gamma' | 'bs' | 'speed' | 'layer';

/**
 * Why a link's value was ignored: the problem validateConfig or validateTrainSettings found with
 * it, or (should none be named) one of the general reasons below.
 */
export type LinkReason = CodeOf<
  ConfigMessages & TrainMessages & Pick<LinkMessages, 'link.notUnderstood' | 'link.noFit' | 'link.groupsNoFit'>
>;

/**
 * The notices of a decoded link, by code, with their arguments (see src/core/coded.ts). `value` is
 * the link's value as quoted (cut to 24 characters); `using` the value used instead.
 */
export interface LinkMessages {
  'link.repeated': { key: string; value: string; first: string };
  'link.ignored': { key: string; value: string; reason: LinkReason; using: string };
  'link.notUnderstood': Record<string, never>;
  'link.noFit': Record<string, never>;
  'link.groupsNoFit': Record<string, never>;
  'link.textCut': { max: number };
  'link.viewNumber': { key: ViewNumberKey; value: string; whole: boolean; min: number; max: number; using: number };
  'link.hide': { value: string; options: string };
  'link.unknown': { key: string };
  'link.backend': { value: string; options: string };
}
export type LinkCode = keyof LinkMessages;
export type LinkNotice = CodeOf<LinkMessages>;

/** Notices of the training pages' links besides the simulator's. */
export interface TrainLinkMessages {
  'link.balanceRouter': { value: string };
  'link.groups': { reason: LinkReason };
  'link.balSides': Record<string, never>;
}
export type TrainLinkCode = keyof TrainLinkMessages;
export type TrainLinkNotice = CodeOf<LinkMessages & TrainLinkMessages>;

/** Any page's link notice. */
export type PageNotice = TrainLinkNotice;

/** A notice: its code and arguments (the page words it). */
export function linkNotice<C extends LinkCode>(code: C, args: LinkMessages[C]): LinkNotice {
  return { code, args } as LinkNotice;
}

/** A training page's own notice: its code and arguments. */
export function trainLinkNotice<C extends TrainLinkCode>(code: C, args: TrainLinkMessages[C]): TrainLinkNotice {
  return { code, args } as TrainLinkNotice;
}

/** The two general reasons, for a value whose problem was not named. */
export const NOT_UNDERSTOOD: LinkReason = { code: 'link.notUnderstood', args: {} };
export const NO_FIT: LinkReason = { code: 'link.noFit', args: {} };
export const GROUPS_NO_FIT: LinkReason = { code: 'link.groupsNoFit', args: {} };

/** A link's value as a notice quotes it: at most 24 characters. */
export function short(raw: string): string {
  return clip(raw, 24);
}

/** The value of key was ignored for reason, and `using` used instead. */
export function ignoredNotice(key: string, raw: string, reason: LinkReason, using: string): LinkNotice {
  return linkNotice('link.ignored', { key, value: short(raw), reason, using });
}

/** An unknown key. */
export function unknownNotice(key: string): LinkNotice {
  return linkNotice('link.unknown', { key: short(key) });
}
