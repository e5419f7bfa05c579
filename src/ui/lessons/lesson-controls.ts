/**
 * The lesson pages' controls: labelled sliders and selects with their values in view, the seed and
 * the sentence. Which ones show is set by `fields`. It only sends intent up (config-change,
 * view-change with the text); the page validates and answers with new properties. A refused change
 * shows its reasons next to the control that was moved (`problem`), and the control moves back.
 */
import { css, html, LitElement, nothing, type TemplateResult } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { live } from 'lit/directives/live.js';
import { GRANULARITIES, LIMITS, type ConfigProblem, type MoeConfig } from '../../core/config';
import { ConfigChangeEvent, ViewChangeEvent } from '../shared/events';
import { LocaleController } from '../i18n/locale';
import { localized } from '../i18n/localize-message';
import { blockStyles } from '../shared/shared-styles';
import { lessonPagesWords } from '../i18n/lesson-pages';
import { presetOptions } from '../shared/sentence-fields';

export type LessonControl = 'experts' | 'topk' | 'shared' | 'granularity' | 'seed' | 'sentence';

/** The control a config field is set by. */
export const CONTROL_OF: Partial<Record<keyof MoeConfig, LessonControl>> = {
  routedExperts: 'experts',
  topK: 'topk',
  sharedExperts: 'shared',
  granularity: 'granularity',
  seed: 'seed',
};

export interface ControlProblem {
  control: LessonControl;
  /** The config's problems as validation gave them (with their hidden codes, so they are worded in the page's language). */
  problems: readonly ConfigProblem[];
}

@customElement('lesson-controls')
export class LessonControls extends LitElement {
  private readonly i18n = new LocaleController(this);
  @property({ attribute: false }) config!: MoeConfig;
  @property() text = '';
  @property({ attribute: false }) fields: readonly LessonControl[] = [];
  @property({ attribute: false }) problem: ControlProblem | null = null;
  /** Prefix of the element ids, so two instances on one page do not clash. */
  @property({ attribute: 'id-prefix' }) idPrefix = 'lc';

  static override styles = [
    ...blockStyles,
    css`
      fieldset { border: 1px solid var(--moe-border); border-radius: 0.5rem; margin: var(--moe-sp-4) 0 var(--moe-sp-6); padding: var(--moe-sp-4) var(--moe-sp-7) var(--moe-sp-2); }
      legend { font-weight: 700; padding: 0 var(--moe-sp-2); }
      .grid { display: grid; grid-template-columns: repeat(auto-fill, minmax(14rem, 1fr)); gap: var(--moe-sp-2) var(--moe-sp-9); }
      .row { display: grid; grid-template-columns: 1fr auto; align-items: center; align-content: start; gap: var(--moe-sp-1) var(--moe-sp-5); margin-bottom: var(--moe-sp-5); }
      .wide { grid-column: 1 / -1; }
      label { font-weight: 600; font-size: var(--moe-fs-base); }
      output { font-variant-numeric: tabular-nums; font-weight: 700; min-width: 2.5rem; text-align: right; }
      input, select { grid-column: 1 / -1; font: inherit; box-sizing: border-box; width: 100%; min-height: 1.8rem; }
      input[type='text'] { padding: var(--moe-sp-2); }
      .problem { grid-column: 1 / -1; color: var(--moe-error); font-size: var(--moe-fs-m); font-weight: 600; margin: var(--moe-sp-1) 0 0; }
      .problem ul { margin: 0; padding-left: var(--moe-sp-8); }
    `,
  ];

  private problemFor(control: LessonControl): TemplateResult | typeof nothing {
    const p = this.problem;
    if (!p || p.control !== control) return nothing;
    return html`<div class="problem" role="alert" id=${`${this.idPrefix}-${control}-problem`}>
      ${lessonPagesWords().controls.refused}
      <ul>${p.problems.map((q) => html`<li>${localized(q)}</li>`)}</ul>
    </div>`;
  }

  private describedBy(control: LessonControl): string | typeof nothing {
    return this.problem?.control === control ? `${this.idPrefix}-${control}-problem` : nothing;
  }

  private change(change: Partial<Record<keyof MoeConfig, unknown>>): void {
    this.dispatchEvent(new ConfigChangeEvent(change));
  }

  private slider(control: LessonControl, label: string, min: number, max: number, value: number, field: keyof MoeConfig): TemplateResult {
    const id = `${this.idPrefix}-${control}`;
    return html`<div class="row">
      <label for=${id}>${label}</label>
      <output for=${id} id=${`${id}-value`}>${value}</output>
      <input id=${id} type="range" min=${min} max=${max} step="1" .value=${live(String(value))} aria-describedby=${this.describedBy(control)}
        @input=${(e: Event) => this.change({ [field]: Number((e.target as HTMLInputElement).value) })} />
      ${this.problemFor(control)}
    </div>`;
  }

  /** A row of a label over its control (the cell a slider's value takes left empty), then the control's problem. */
  private row(id: string, label: string, control: TemplateResult, problemOf: LessonControl | null, wide = false): TemplateResult {
    return html`<div class=${wide ? 'row wide' : 'row'}>
      <label for=${id}>${label}</label><span></span>
      ${control}
      ${problemOf ? this.problemFor(problemOf) : nothing}
    </div>`;
  }

  private renderControl(f: LessonControl): TemplateResult {
    const c = this.config;
    const m = lessonPagesWords().controls;
    switch (f) {
      case 'experts':
        return this.slider(f, m.experts, 1, LIMITS.maxRoutedExperts, c.routedExperts, 'routedExperts');
      case 'topk':
        return this.slider(f, m.topK, 1, LIMITS.maxTopK, c.topK, 'topK');
      case 'shared':
        return this.slider(f, m.shared, 0, LIMITS.maxShared, c.sharedExperts, 'sharedExperts');
      case 'granularity': {
        const id = `${this.idPrefix}-granularity`;
        const select = html`<select id=${id} aria-describedby=${this.describedBy(f)} @change=${(e: Event) => this.change({ granularity: Number((e.target as HTMLSelectElement).value) })}>
          ${GRANULARITIES.map((g) => html`<option value=${g} .selected=${live(g === c.granularity)}>${m.granularityOption(g)}</option>`)}
        </select>`;
        return this.row(id, m.granularity, select, f);
      }
      case 'seed': {
        const id = `${this.idPrefix}-seed`;
        const input = html`<input id=${id} type="number" min="0" max="4294967295" step="1" .value=${live(String(c.seed))} aria-invalid=${this.problem?.control === f ? 'true' : 'false'}
          aria-describedby=${this.describedBy(f)}
          @change=${(e: Event) => {
            const raw = (e.target as HTMLInputElement).value.trim();
            this.change({ seed: raw === '' ? Number.NaN : Number(raw) });
          }} />`;
        return this.row(id, m.seed, input, f);
      }
      case 'sentence': {
        const id = `${this.idPrefix}-sentence`;
        const input = html`<input id=${id} type="text" maxlength="2000" .value=${live(this.text)} @change=${(e: Event) => this.setText((e.target as HTMLInputElement).value)} />`;
        const select = html`<select id=${`${id}-preset`} translate="no" @change=${(e: Event) => this.setText((e.target as HTMLSelectElement).value)}>
          ${presetOptions(this.text, m.chooseSentence)}
        </select>`;
        return html`${this.row(id, m.sentence, input, null, true)}${this.row(`${id}-preset`, m.presets, select, null)}`;
      }
    }
  }

  private setText(text: string): void {
    this.dispatchEvent(new ViewChangeEvent({ text }));
  }

  override render() {
    const wanted = this.fields;
    return html`<fieldset>
      <legend>${lessonPagesWords().controls.legend}</legend>
      <div class="grid">${wanted.map((f) => this.renderControl(f))}</div>
    </fieldset>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'lesson-controls': LessonControls;
  }
}
