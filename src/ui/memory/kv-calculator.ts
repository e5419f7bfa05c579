/**
 * The key-value cache calculator: for a preset model, the cache of multi-head, grouped-query,
 * multi-query and latent attention (Table 1 of the DeepSeek-V2 paper) per token per layer, per
 * token, and for a whole context and batch, in numbers and in bytes at a chosen precision.
 *
 * A self-contained widget: it owns its view settings (model, context, batch, precision), takes
 * their starting values as properties, checks typed numbers (a bad one gets a message next to its
 * box and the last good value stays) and announces each accepted change with a `kv-settings` event.
 */
import { css, html, LitElement, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import {
  ATTENTION_KINDS,
  cacheBytes,
  cacheElements,
  checkWhole,
  FORMULAS,
  formulaWithNumbers,
  KV_PRESETS,
  LIMITS,
  perToken,
  perTokenPerLayer,
  PRECISIONS,
  type AttentionKind,
  type KvPreset,
  type Precision,
} from '../../core/kv-cache';
import { formatCount } from '../shared/format';
import { LocaleController } from '../i18n/locale';
import { localized, type CoreMessage } from '../i18n/localize-message';
import { mathText } from '../shared/math-text';
import { bytesText, ratioText } from './memory-format';
import { blockStyles } from '../shared/shared-styles';
import { memoryWords } from '../i18n/memory';
import { styleProps } from '../shared/style-props';
import { UpEvent } from '../shared/events';

/** Slider stops: powers of two. The boxes beside the sliders take any whole number in range. */
const CONTEXT_STOPS = Array.from({ length: 18 }, (_, i) => 2 ** i); // 1 … 131,072
const BATCH_STOPS = Array.from({ length: 11 }, (_, i) => 2 ** i); // 1 … 1,024

/** The two amounts set by a slider of stops or typed: the context (tokens) and the batch (sequences). */
type Amount = 'context' | 'batch';
const AMOUNTS = {
  context: { stops: CONTEXT_STOPS, min: LIMITS.minContext, max: LIMITS.maxContext, unit: 'tokens' },
  batch: { stops: BATCH_STOPS, min: LIMITS.minBatch, max: LIMITS.maxBatch, unit: '' },
} as const;

function nearestStop(stops: readonly number[], v: number): number {
  let best = 0;
  stops.forEach((s, i) => {
    if (Math.abs(Math.log2(s) - Math.log2(v)) < Math.abs(Math.log2(stops[best] as number) - Math.log2(v))) best = i;
  });
  return best;
}

export interface KvSettings {
  preset: string;
  context: number;
  batch: number;
  precision: Precision;
}

export class KvSettingsEvent extends UpEvent {
  static readonly type = 'kv-settings';
  constructor(readonly settings: KvSettings) {
    super(KvSettingsEvent.type);
  }
}

function times(a: number, b: number): string {
  const t = memoryWords().calc;
  return a >= b ? t.more(ratioText(a / b)) : t.less(ratioText(b / a));
}

/** "2 sequences", in the page's language. */
function sequences(n: number): string {
  return memoryWords().calc.sequences(formatCount(n), n);
}

/** A preset's name: model names as they are, the others in the page's language. */
function presetName(p: KvPreset): string {
  return memoryWords().calc.presetNames[p.id] ?? p.name;
}

@customElement('kv-calculator')
export class KvCalculator extends LitElement {
  @property({ attribute: false }) presets: readonly KvPreset[] = KV_PRESETS;
  @property() preset = 'deepseek-v3';
  @property({ type: Number }) context = 131072;
  @property({ type: Number }) batch = 1;
  @property() precision: Precision = 'bf16';
  /** Refused typed numbers, worded on each render (so a shown problem follows a language switch). */
  @state() private problems: { context?: CoreMessage; batch?: CoreMessage } = {};
  private readonly i18n = new LocaleController(this);

  static override styles = [
    ...blockStyles,
    css`
    .controls { display: grid; grid-template-columns: repeat(auto-fit, minmax(14rem, 1fr)); gap: var(--moe-sp-6) var(--moe-sp-9); margin-bottom: var(--moe-sp-7); align-items: start; }
    .control { display: grid; grid-template-columns: 1fr auto; gap: var(--moe-sp-1) var(--moe-sp-5); align-items: center; }
    label { font-weight: 600; white-space: nowrap; }
    output { font-variant-numeric: tabular-nums; font-weight: 600; text-align: right; white-space: nowrap; }
    select, input[type='range'] { grid-column: 1 / -1; width: 100%; font: inherit; box-sizing: border-box; min-height: 1.6rem; }
    .typed { grid-column: 1 / -1; display: flex; gap: var(--moe-sp-4); align-items: center; font-size: var(--moe-fs-base); }
    .typed input { font: inherit; width: 7.5rem; padding: var(--moe-sp-1) var(--moe-sp-3); }
    .problem { grid-column: 1 / -1; color: var(--moe-error); font-size: var(--moe-fs-m); font-weight: 600; margin: 0; }
    .headline { font-size: var(--moe-fs-1); background: var(--moe-info-bg-2); border-left: 4px solid var(--moe-accent); padding: var(--moe-sp-5) var(--moe-sp-7); margin: var(--moe-sp-5) 0 var(--moe-sp-7); }
    .headline strong { font-variant-numeric: tabular-nums; }
    .scroll { overflow-x: auto; }
    table { border-collapse: collapse; font-variant-numeric: tabular-nums; width: 100%; font-size: var(--moe-fs-base); }
    caption { text-align: left; font-weight: 600; padding-bottom: var(--moe-sp-3); }
    th, td { padding: var(--moe-sp-3) var(--moe-sp-5); border-bottom: 1px solid var(--moe-rule); text-align: right; vertical-align: top; }
    th:first-child, .formula { text-align: left; }
    tbody th { font-weight: 600; }
    thead th { vertical-align: bottom; font-size: var(--moe-fs-m); }
    tr.native { background: var(--moe-warn-bg); }
    .tag { display: inline-block; font-size: var(--moe-fs-xs); font-weight: 700; background: var(--moe-warn); color: var(--moe-on-warn); border-radius: 0.25rem; padding: 0 var(--moe-sp-3); margin-left: var(--moe-sp-3); }
    .bar { height: 0.45rem; background: var(--moe-accent); margin-top: var(--moe-sp-2); margin-left: auto; min-width: 1px; }
    .f { display: inline-block; white-space: nowrap; }
    .elements { font-size: var(--moe-fs-s); color: var(--moe-text-4); }
    sub, sup { font-size: var(--moe-fs-sub); line-height: 0; }
    .small { font-size: var(--moe-fs-m); color: var(--moe-text-3); margin: var(--moe-sp-4) 0 0; }
    :is(input, select):focus-visible { outline: 3px solid var(--moe-ink); outline-offset: 2px; }
  `,
  ];

  private current(): KvPreset {
    return this.presets.find((p) => p.id === this.preset) ?? (this.presets[0] as KvPreset);
  }

  private announce(): void {
    this.dispatchEvent(
      new KvSettingsEvent({ preset: this.current().id, context: this.context, batch: this.batch, precision: this.precision }),
    );
  }

  private setAmount(key: Amount, v: number): void {
    this[key] = v;
    this.problems = { ...this.problems, [key]: undefined };
    this.announce();
  }

  private typedAmount(key: Amount, e: Event): void {
    const { min, max, unit } = AMOUNTS[key];
    const checked = checkWhole((e.target as HTMLInputElement).value, key, min, max, unit);
    if (checked.ok) this.setAmount(key, checked.value);
    else this.problems = { ...this.problems, [key]: checked };
  }

  /** The slider of an amount's stops, beside a box to type any whole number, and the typed one's problem. */
  private amountControl(key: Amount, words: { label: string; shown: string; typedLabel: string; unit: string }) {
    const { stops, min, max } = AMOUNTS[key];
    const value = this[key];
    const problem = this.problems[key];
    return html`<div class="control">
      <label for=${key}>${words.label}</label>
      <output for=${key}>${words.shown}</output>
      <input id=${key} type="range" min="0" max=${stops.length - 1} step="1" .value=${String(nearestStop(stops, value))}
        aria-valuetext=${words.shown} @input=${(e: Event) => this.setAmount(key, stops[Number((e.target as HTMLInputElement).value)] ?? 1)} />
      <span class="typed"><label for=${`${key}-typed`}>${memoryWords().calc.orType}</label>
        <input id=${`${key}-typed`} aria-label=${words.typedLabel} type="number" min=${min} max=${max} step="1" .value=${String(value)}
          aria-invalid=${problem ? 'true' : 'false'} aria-describedby=${problem ? `${key}-problem` : nothing} @change=${(e: Event) => this.typedAmount(key, e)} /> ${words.unit}</span>
      ${problem ? html`<p class="problem" role="alert" id=${`${key}-problem`}>${localized(problem)}</p>` : nothing}
    </div>`;
  }

  private controls() {
    const p = this.current();
    const t = memoryWords().calc;
    return html`<div class="controls">
      <div class="control">
        <label for="preset">${t.model}</label><span></span>
        <select id="preset" @change=${(e: Event) => {
          this.preset = (e.target as HTMLSelectElement).value;
          this.announce();
        }}>
          ${this.presets.map((q) => {
            const named = t.presetNames[q.id] !== undefined;
            return html`<option value=${q.id} ?selected=${q.id === p.id} translate=${named ? 'yes' : 'no'}>${presetName(q)}</option>`;
          })}
        </select>
      </div>
      ${this.amountControl('context', { label: t.context, shown: t.tokens(formatCount(this.context)), typedLabel: t.contextTyped, unit: t.tokensUnit })}
      ${this.amountControl('batch', { label: t.batch, shown: sequences(this.batch), typedLabel: t.batchTyped, unit: t.sequencesUnit })}
      <div class="control">
        <label for="precision">${t.precision}</label><span></span>
        <select id="precision" @change=${(e: Event) => {
          this.precision = (e.target as HTMLSelectElement).value as Precision;
          this.announce();
        }}>
          ${(Object.keys(PRECISIONS) as Precision[]).map((k) => html`<option value=${k} ?selected=${k === this.precision}>${t.precisions[k]}</option>`)}
        </select>
      </div>
    </div>`;
  }

  private headline(p: KvPreset) {
    const s = p.shape;
    const total = (kind: AttentionKind) => cacheBytes(cacheElements(kind, s, this.context, this.batch), this.precision);
    const other: AttentionKind = p.native === 'mha' ? 'mla' : 'mha';
    const t = memoryWords().calc;
    return html`<p class="headline" aria-live="polite">
      <strong>${presetName(p)}</strong>${t.uses(t.kindInSentence[p.native])}<strong class="per-token">${t.numbersPerToken(formatCount(perToken(p.native, s)))}</strong>${t.layers(
        s.layers,
        formatCount(perTokenPerLayer(p.native, s)),
      )}${t.need(formatCount(this.context), sequences(this.batch), this.precision)}<strong class="total">${bytesText(total(p.native))}</strong>${t.withOther(
        other === 'mha',
        bytesText(total(other)),
        times(total(other), total(p.native)),
      )}
    </p>`;
  }

  private table(p: KvPreset) {
    const s = p.shape;
    const biggest = Math.max(...ATTENTION_KINDS.map((k) => perToken(k, s)));
    const t = memoryWords().calc;
    // A wide table scrolls sideways on a narrow screen: focusable, so the keyboard can scroll it too.
    return html`<div class="scroll" role="region" aria-labelledby="kv-caption" tabindex="0"><table>
      <caption id="kv-caption">${t.caption(presetName(p), s.layers, s.heads, s.headDim)}</caption>
      <thead>
        <tr>
          <th scope="col">${t.attention}</th>
          <th scope="col" class="formula">${t.formula}</th>
          <th scope="col">${t.perLayer}</th>
          <th scope="col">${t.allLayers}</th>
          <th scope="col">${t.whole(formatCount(this.context), sequences(this.batch), this.precision)}</th>
          <th scope="col">${t.quality}</th>
        </tr>
      </thead>
      <tbody>
        ${ATTENTION_KINDS.map((k) => {
          const n = perToken(k, s);
          const elements = cacheElements(k, s, this.context, this.batch);
          return html`<tr class=${k === p.native ? 'native' : ''} data-kind=${k}>
            <th scope="row">${t.kindNames[k]}${k === p.native ? html` <span class="tag">${t.thisModel}</span>` : nothing}</th>
            <td class="formula"><span class="f">${mathText(FORMULAS[k])}</span> <span class="f">= ${formulaWithNumbers(k, s)}</span></td>
            <td>${formatCount(perTokenPerLayer(k, s))}</td>
            <td class="per-token">${formatCount(n)}<div class="bar" ${styleProps({ width: `${Math.max(0.5, (100 * n) / biggest).toFixed(2)}%` })} aria-hidden="true"></div></td>
            <td><strong class="bytes">${bytesText(cacheBytes(elements, this.precision))}</strong><br /><span class="elements">${t.numbers(formatCount(elements))}</span></td>
            <td>${t.capability[k]}</td>
          </tr>`;
        })}
      </tbody>
    </table></div>`;
  }

  /** "(512 + 64) numbers are as few as grouped-query attention with 2.25 groups would keep" (Table 1's comparison). */
  private gqaEquivalent(p: KvPreset) {
    const s = p.shape;
    const groups = perTokenPerLayer('mla', s) / (2 * s.headDim);
    if (p.native !== 'mla' || groups < 1) return nothing;
    return memoryWords().calc.gqaEquivalent(Number(groups.toFixed(2)));
  }

  override render() {
    const p = this.current();
    if (!p) return nothing;
    const t = memoryWords().calc;
    return html`${this.controls()} ${this.headline(p)} ${this.table(p)}
      <p class="small">
        ${mathText(t.symbols)}
        ${mathText(t.source(p.id, p.shape))}${t.otherRows}
        ${this.gqaEquivalent(p)}
      </p>
      <p class="small">
        ${t.binary}
        ${this.context > p.maxContext ? html`<strong>${t.readsAtMost(presetName(p), formatCount(p.maxContext))}</strong>${t.beyond}` : nothing}
      </p>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'kv-calculator': KvCalculator;
  }
  interface HTMLElementEventMap {
    'kv-settings': KvSettingsEvent;
  }
}
