/**
 * One side of "Balancing, side by side" (balance-compare.ts): its balancing mode, its figures now
 * (max/mean load, specialisation score, task loss), its load over time and its losses. Drawn in the
 * page's shadow root, so the page's styles line the two sides up row by row.
 */
import { html, type TemplateResult } from 'lit';
import { BALANCE_MODES, type BalanceMode } from '../../core/training';
import type { TrainState } from '../../state/training-loop';

import { loadFigures } from './load-history';
import type { LossSeries } from './loss-chart';
import { formatScore, scoreWords } from './specialisation-map';
import { balanceName, modeWords } from './training-format';
import './load-history';
import './loss-chart';
import { trainWords } from '../i18n/training';

export type Side = 'left' | 'right';
export const SIDES: Side[] = ['left', 'right'];
const TASK_ONLY: LossSeries[] = ['task'];
const WITH_BALANCE: LossSeries[] = ['task', 'balance'];
/** Steps averaged for the "task loss now" figure. */
const LOSS_STEPS = 10;

function sideName(side: Side): string {
  return trainWords().balance[side];
}

/** What the page keeps for a side besides its training state. */
export interface SideView {
  /** The side's layer-1 loads per step. */
  loads: number[][];
  /** The specialisation score at step 0. */
  start: number | null;
  /** The mode cannot be changed now. */
  busy: boolean;
  onMode(mode: BalanceMode): void;
}

export function renderSide(side: Side, s: TrainState, view: SideView): TemplateResult {
  const mode = s.settings.balance;
  const { loads, start, busy, onMode } = view;
  const f = loadFigures(loads);
  const spec = s.specialisation[0] ?? null;
  const series = mode === 'switch' || mode === 'bias+seq' ? WITH_BALANCE : TASK_ONLY;
  const last = s.history.slice(-LOSS_STEPS);
  const loss = last.length ? last.reduce((a, p) => a + p.taskLoss, 0) / last.length : null;
  const id = `${side}-h`;
  const m = trainWords().balance;
  const name = sideName(side);
  return html`<section aria-labelledby=${id} data-side=${side}>
    <h2 id=${id}>${m.sideTitle(name, mode === 'none' ? m.noBalancing : balanceName(mode))}</h2>
    <div class="ctl">
      <label for=${`${side}-mode`}>${trainWords().controls.balancing}</label><span></span>
      <select id=${`${side}-mode`} ?disabled=${busy} @change=${(e: Event) => onMode((e.target as HTMLSelectElement).value as BalanceMode)}>
        ${BALANCE_MODES.map((b) => html`<option value=${b} ?selected=${b === mode}>${balanceName(b)}</option>`)}
      </select>
    </div>
    <p class="mode">${modeWords(mode)}</p>
    <dl class="figures">
      <div><dt>${m.maxMeanNow}</dt><dd class="max-mean"><span class="num">${f ? f.maxOverMean.toFixed(2) : '–'}</span><small>${f ? m.lastSteps(f.steps) : m.noSteps}</small></dd></div>
      <div><dt>${m.specScore}</dt><dd class="score"><span class="num">${spec ? formatScore(spec.score) : '–'}</span><small>${spec ? `${scoreWords(spec.score)}${start !== null && s.step > 0 ? m.atStart(formatScore(start)) : ''}` : ''}</small></dd></div>
      <div><dt>${m.taskLossNow}</dt><dd class="loss"><span class="num">${loss === null ? '–' : loss.toFixed(2)}</span><small>${loss === null ? '' : m.meanOfLast(LOSS_STEPS)}</small></dd></div>
    </dl>
    <h3>${m.shareTitle}</h3>
    <load-history hide-figure .loads=${loads} .firstStep=${s.step - loads.length + 1} label=${m.loadLabel(name)}></load-history>
    <h3>${m.lossTitle}</h3>
    <loss-chart .points=${s.history} .series=${series} .height=${170} label=${m.lossLabel(name)}></loss-chart>
  </section>`;
}
