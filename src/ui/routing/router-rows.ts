/**
 * The router panel's model of one token's routing (router-panel.ts): one row per routed expert with
 * its score, bias, noise, group and result; the words and numbers a row is shown with; and where
 * the compact chart puts its chosen experts' labels (its axis: shared/axis-labels.ts).
 */
import type { RouterKind } from '../../core/config';
import type { TokenRouting } from '../../core/trace';
import { formatWeight } from '../shared/format';

import { paint } from '../shared/theme';
import { simWords } from '../i18n/simulator';

/** One routed expert as the router saw it for this token. */
export interface Row {
  e: number;
  score: number;
  /** What selection ran on: s + bias for sigmoid-bias, else the score. */
  pick: number;
  bias: number | undefined;
  noise: number | undefined;
  group: number;
  /** False only for sigmoid-bias experts outside the token's kept groups. */
  kept: boolean;
  /** Place among the chosen (0 = first), -1 when not chosen. */
  choice: number;
  weight: number;
  dropped: boolean;
}

/** What the bars show for each router, in the page's language. */
export const scoreName = (router: RouterKind): string => simWords().router.scoreName[router];

/** Fixed decimals with a real minus sign. */
export const dec = (v: number, d = 3): string => v.toFixed(d).replace('-', '−');
export const signed = (v: number, d = 3): string => `${v < 0 ? '−' : '+'}${Math.abs(v).toFixed(d)}`;
export const HATCH = `repeating-linear-gradient(45deg, ${paint('error')} 0 3px, ${paint('surface')} 3px 6px)`;

/** Groups of the sigmoid-bias router, or 1 when the router does not group. */
export function groupCount(r: TokenRouting, groupSize: number): number {
  const E = r.scores.length;
  if (!r.keptGroups || groupSize <= 0 || groupSize >= E || E % groupSize !== 0) return 1;
  return E / groupSize;
}

export function rowsOf(r: TokenRouting, router: RouterKind, bias: readonly number[] | undefined, groupSize: number): Row[] {
  const groups = groupCount(r, groupSize);
  const size = r.scores.length / groups;
  const kept = new Set(r.keptGroups ?? []);
  return r.scores.map((score, e) => {
    const choice = r.experts.indexOf(e);
    const group = Math.floor(e / size);
    const biased = router === 'sigmoid-bias' ? r.biased?.[e] : undefined;
    return {
      e,
      score,
      pick: biased ?? score,
      bias: biased === undefined ? undefined : (bias?.[e] ?? biased - score),
      noise: router === 'noisy-topk' ? r.noise?.[e] : undefined,
      group,
      kept: groups === 1 || kept.has(group),
      choice,
      weight: choice >= 0 ? (r.weights[choice] ?? 0) : 0,
      dropped: choice >= 0 && r.dropped[choice] === true,
    };
  });
}

export function result(row: Row): string {
  const m = simWords().router;
  if (row.choice < 0) return '';
  if (row.dropped) return m.chosenDropped(row.choice + 1);
  return m.chosenWeight(row.choice + 1, formatWeight(row.weight));
}

export function valueText(row: Row): string {
  if (row.bias !== undefined) return `${dec(row.score)} ${row.bias < 0 ? '−' : '+'} ${Math.abs(row.bias).toFixed(3)} = ${dec(row.pick)}`;
  if (row.noise !== undefined) return simWords().router.withNoise(dec(row.score), signed(row.noise, 2));
  return dec(row.score);
}

/** Places n labels of width w in order along [0, width], as close to their xs as they can be. */
export function spread(xs: readonly number[], w: number, width: number): number[] {
  const p = xs.map((x) => Math.min(Math.max(x, w / 2), width - w / 2));
  for (let i = 1; i < p.length; i++) p[i] = Math.max(p[i] as number, (p[i - 1] as number) + w);
  for (let i = p.length - 1; i >= 0; i--) p[i] = Math.min(p[i] as number, (i + 1 < p.length ? (p[i + 1] as number) : width + w / 2) - w);
  return p.map((v) => Math.max(v, w / 2));
}
