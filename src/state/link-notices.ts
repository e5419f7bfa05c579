/**
 * The notices a link's decoding gives (every page's codec, src/state/url-schema.ts), by code, with
 * their arguments (see src/core/coded.ts); the catalogue (src/ui/i18n/problems.ts) words them.
 */
import type { Coded } from '../core/coded';
import { clip, type ConfigMessages } from '../core/config';
import type { TrainMessages } from '../core/train-settings';

/** Settings of the view that are numbers in a range (link.viewNumber). */
export type ViewNumberKey = 'pos' | 'gamma' | 'bs' | 'speed' | 'layer';

/**
 * Why a link's value was ignored: the problem validateConfig or validateTrainSettings found with
 * it, or (should none be named) one of the general reasons below.
 */
export type LinkReason = Coded<
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
export type LinkNotice = Coded<LinkMessages>;

/** Notices of the training pages' links besides the simulator's. */
export interface TrainLinkMessages {
  'link.balanceRouter': { value: string };
  'link.groups': { reason: LinkReason };
  'link.balSides': Record<string, never>;
}
export type TrainLinkCode = keyof TrainLinkMessages;
export type TrainLinkNotice = Coded<LinkMessages & TrainLinkMessages>;

/** Any page's link notice. */
export type PageNotice = TrainLinkNotice;

/** A notice with its code and arguments. */
export function linkNotice<C extends LinkCode>(code: C, args: LinkMessages[C], message: string): LinkNotice {
  return { message, code, args } as LinkNotice;
}

/** A training page's own notice with its code and arguments. */
export function trainLinkNotice<C extends TrainLinkCode>(code: C, args: TrainLinkMessages[C], message: string): TrainLinkNotice {
  return { message, code, args } as TrainLinkNotice;
}

/** The two general reasons, for a value whose problem was not named. */
export const NOT_UNDERSTOOD: LinkReason = { message: 'not understood', code: 'link.notUnderstood', args: {} };
export const NO_FIT: LinkReason = { message: 'it does not fit the other settings', code: 'link.noFit', args: {} };
export const GROUPS_NO_FIT: LinkReason = { message: 'they do not fit', code: 'link.groupsNoFit', args: {} };

/** A link's value as a notice quotes it: at most 24 characters. */
export function short(raw: string): string {
  return clip(raw, 24);
}

/** "Ignored key=value: reason. Using …." */
export function ignoredNotice(key: string, raw: string, reason: LinkReason, using: string): LinkNotice {
  const args = { key, value: short(raw), reason, using };
  return linkNotice('link.ignored', args, `Ignored ${key}=${args.value}: ${reason.message}. Using ${using}.`);
}

/** "Ignored unknown setting …". */
export function unknownNotice(key: string): LinkNotice {
  return linkNotice('link.unknown', { key: short(key) }, `Ignored unknown setting "${short(key)}" in the link.`);
}

/** { view, notices } with codedNotices attached (not enumerable), so a decoded link compares and logs as { view, notices }. */
export function withCodedNotices<T extends { notices: string[] }, N>(decoded: T, coded: N[]): T & { readonly codedNotices: N[] } {
  Object.defineProperty(decoded, 'codedNotices', { value: coded, enumerable: false, configurable: true });
  return decoded as T & { readonly codedNotices: N[] };
}
