/**
 * Lesson page shell, "Real scale": the same counting code that counts the toy counts DeepSeek-V3,
 * DeepSeek-V2, Mixtral or any config.json pasted in; one MoE layer is drawn expert by expert and a
 * random token is routed through it by the model's own router rule; the toy and V3 are set side by
 * side; and a calculator turns active weights into GPU-hours and dollars.
 *
 * The shell owns the state (which model, the config text, its problem, the last route) and calls
 * the core; the leaves only render what they are given and send intent up.
 * The URL: the simulator's own keys give the toy's shape (decoded by src/state/url.ts), and
 * `model=` names the preset shown (deepseek-v3, deepseek-v2, mixtral-8x7b or toy).
 */
import { css, html, LitElement, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { parseJson, locateKey } from '../core/json-locate';
import { PRESETS, presetById, presetText, type Preset } from '../core/presets';
import { ConfigFieldError } from '../core/real-config';
import { routeRandomToken, routerWeightsCached, type RealRoute } from '../core/real-route';
import { scaleModelFromConfig, scaleModelFromToy, type ScaleModel } from '../core/scale-model';
import { VOCAB } from '../core/tokenizer';
import { decodeView } from '../state/url';
import { MAX_CONFIG_CHARS, type InputProblem } from './config-input';
import type { ConfigFileProblemEvent, ConfigTextEvent } from './scale-events';
import { formatExact, formatScale } from './scale-format';
import { a11yStyles } from './shared-styles';
import './config-input';
import './cost-calculator';
import './layer-experts';
import './param-breakdown';
import './toy-vs-real';

type Choice = Preset['id'] | 'toy' | 'custom';
const CHOICES = [...PRESETS.map((p) => p.id), 'toy'] as const;

function presetModel(p: Preset): ScaleModel {
  return scaleModelFromConfig(p.config, { id: p.id, name: p.name, published: p.published });
}

/** JSON with sorted keys, to recognise a pasted config that is exactly a preset. */
function canonical(v: unknown): string {
  return JSON.stringify(v, (_k, x: unknown) =>
    x && typeof x === 'object' && !Array.isArray(x) ? Object.fromEntries(Object.entries(x as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b))) : x,
  );
}

function message(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

@customElement('scale-page')
export class ScalePage extends LitElement {
  @state() private choice: Choice = 'deepseek-v3';
  @state() private text = '';
  @state() private model: ScaleModel;
  @state() private problem: InputProblem | null = null;
  @state() private route: RealRoute | null = null;
  @state() private routeMs: number | null = null;
  @state() private routeProblem: string | null = null;
  @state() private drewWeights = false;
  @state() private notices: string[] = [];
  private readonly toy: ScaleModel;
  private readonly v3: ScaleModel;
  private readonly simulatorHref: string;
  private tokenSeed = 1;

  static override styles = [
    ...a11yStyles,
    css`
    :host { display: block; max-width: 78rem; margin: 0 auto; padding: 0 1rem 2rem; font-family: system-ui, sans-serif; color: #111; line-height: 1.4; }
    h1 { font-size: 1.7rem; margin: 0.4rem 0 0.3rem; }
    h2 { font-size: 1.2rem; margin: 0 0 0.4rem; }
    .lede { font-size: 1.02rem; max-width: 60rem; margin: 0.2rem 0 0.8rem; }
    .lede q { font-style: italic; }
    section { border: 1px solid #ccc; border-radius: 0.5rem; padding: 0.75rem 1rem; background: #fff; margin-bottom: 1rem; min-width: 0; }
    .top { display: grid; grid-template-columns: minmax(18rem, 25rem) minmax(0, 1fr); gap: 1rem; align-items: start; }
    .pair { display: grid; grid-template-columns: minmax(0, 1fr) minmax(0, 1.25fr); gap: 1rem; align-items: start; }
    .top > section, .pair > section { margin-bottom: 0; }
    .pair { margin-top: 1rem; }
    fieldset { border: none; margin: 0 0 0.75rem; padding: 0; }
    legend { font-weight: 600; margin-bottom: 0.3rem; padding: 0; }
    .choices { display: flex; flex-direction: column; gap: 0.25rem; }
    .choices label { display: flex; gap: 0.45rem; align-items: baseline; padding: 0.25rem 0.4rem; border-radius: 0.3rem; cursor: pointer; }
    .choices label:has(input:checked) { background: #e3f0f8; outline: 1px solid #0072b2; }
    .choices small { color: #444; }
    .showing { font-size: 0.95rem; margin: 0 0 0.4rem; }
    .shape { font-size: 0.9rem; color: #333; margin: 0 0 0.4rem; }
    .notice { background: #fff4d6; border: 1px solid #c89b00; padding: 0.5rem 0.75rem; border-radius: 0.4rem; }
    @media (max-width: 960px) {
      .top, .pair { grid-template-columns: minmax(0, 1fr); }
    }
  `,
  ];

  constructor() {
    super();
    const params = new URLSearchParams(location.search);
    const wanted = params.get('model');
    params.delete('model');
    const query = params.toString() ? `?${params.toString()}` : '';
    const { view, notices } = decodeView(query);
    this.notices = notices;
    this.toy = scaleModelFromToy(view.config, VOCAB.words.length);
    this.simulatorHref = `../index.html${query}`;
    const v3 = presetById('deepseek-v3') as Preset;
    this.v3 = presetModel(v3);
    this.model = this.v3;
    this.text = presetText(v3);
    if (wanted !== null) {
      if ((CHOICES as readonly string[]).includes(wanted)) this.select(wanted as Choice, false);
      else this.notices = [...this.notices, `Ignored model=${wanted.slice(0, 24)}: the models are ${CHOICES.join(', ')}.`];
    }
    this.routeNow();
  }

  override render() {
    const m = this.model;
    return html`
      <h1>Real scale: from your toy to DeepSeek-V3</h1>
      <p class="lede">
        DeepSeek-V3 has about 671 billion parameters, <q>but only a small fraction of these parameters is used for any given input</q>;
        it cost about US$5.58 million to train on about 2,000 H800 chips. Here the code that counts the toy simulator's weights counts
        published model configs, so you can check those numbers yourself.
      </p>
      ${this.notices.length
        ? html`<div class="notice" role="alert">Some settings in the link were not understood:<ul>${this.notices.slice(0, 6).map((n) => html`<li>${n}</li>`)}</ul></div>`
        : nothing}
      <div class="top">
        <section aria-labelledby="choose-h">
          <h2 id="choose-h">1. Choose a model</h2>
          <fieldset>
            <legend>Model</legend>
            <div class="choices">
              ${PRESETS.map((p) => this.radio(p.id, p.name, `published ${formatScale(p.published.total).replace('.0B', 'B')} total`))}
              ${this.radio('toy', 'Your toy model', `${this.toy.layer.experts} experts, top-${this.toy.layer.topK}, width ${this.toy.hidden}`)}
            </div>
          </fieldset>
          <config-input
            .value=${this.text}
            .problem=${this.problem}
            showing=${this.problem ? m.name : ''}
            placeholder=${this.choice === 'toy' ? 'The toy has no config.json: it is counted by the simulator\u2019s own code. Paste a config.json here to count another model.' : 'Paste a config.json here'}
            @config-text=${this.onText}
            @config-file-problem=${this.onFileProblem}
          ></config-input>
        </section>
        <section aria-labelledby="count-h">
          <h2 id="count-h">2. Count its weights</h2>
          <p class="showing" role="status">Showing: <strong>${m.name}</strong>${m.kind === 'real' ? html` (<code>${m.modelType}</code>)` : nothing}</p>
          <p class="shape">${this.shapeText(m)}</p>
          <param-breakdown .model=${m}></param-breakdown>
        </section>
      </div>
      <section aria-labelledby="layer-h" style="margin-top:1rem">
        <h2 id="layer-h">3. One MoE layer of ${m.inSentence}: every expert</h2>
        <layer-experts .model=${m} .route=${this.route} .elapsed=${this.routeMs} .drewWeights=${this.drewWeights} .problem=${this.routeProblem} @route-token=${this.onRoute}></layer-experts>
      </section>
      <div class="pair">
        <section aria-labelledby="toy-h">
          <h2 id="toy-h">4. Your toy vs DeepSeek-V3</h2>
          <toy-vs-real .toy=${this.toy} .real=${this.v3} simulatorHref=${this.simulatorHref}></toy-vs-real>
        </section>
        <section aria-labelledby="cost-h">
          <h2 id="cost-h">5. What did training cost?</h2>
          <cost-calculator .model=${m}></cost-calculator>
        </section>
      </div>
    `;
  }

  private radio(id: Choice, name: string, detail: string) {
    return html`<label><input type="radio" name="model" value=${id} .checked=${this.choice === id} @change=${() => this.select(id)} />
      <span>${name} <small>${detail}</small></span></label>`;
  }

  private shapeText(m: ScaleModel): string {
    const L = m.layer;
    const layers =
      m.kind === 'toy' ? `${L.moeLayers} MoE layer${L.moeLayers > 1 ? 's' : ''}` : L.denseLayers ? `${m.layers} layers (${L.denseLayers} dense, ${L.moeLayers} MoE)` : `${m.layers} layers, all MoE`;
    return `${layers}, width ${formatExact(m.hidden)}, vocabulary ${formatExact(m.vocab)}; each MoE layer has ${formatExact(L.experts)} routed experts${L.shared ? ` and ${L.shared} shared` : ''}, and a token uses ${L.topK}${L.shared ? ' + the shared' : ''}.`;
  }

  private select(choice: Choice, updateUrl = true): void {
    this.choice = choice;
    this.problem = null;
    const preset = presetById(choice);
    if (preset) {
      this.model = presetModel(preset);
      this.text = presetText(preset);
    } else if (choice === 'toy') {
      this.model = this.toy;
      this.text = '';
    }
    if (updateUrl) this.keepInUrl();
    this.routeNow(true);
  }

  private keepInUrl(): void {
    const params = new URLSearchParams(location.search);
    if (this.choice === 'custom') return;
    params.set('model', this.choice);
    history.replaceState(null, '', `?${params.toString()}`);
  }

  private onText(e: ConfigTextEvent): void {
    const raw = e.text;
    this.text = raw;
    this.choice = 'custom';
    const text = raw.replace(/^\uFEFF/, '');
    if (text.trim() === '') {
      this.problem = null;
      return;
    }
    if (text.length > MAX_CONFIG_CHARS) {
      this.problem = { message: `This text is ${formatExact(text.length)} characters long; a config.json is a few thousand (at most ${formatExact(MAX_CONFIG_CHARS)} here).` };
      return;
    }
    const parsed = parseJson(text);
    if (!parsed.ok) {
      this.problem = { ...parsed.problem, message: `Not valid JSON: ${parsed.problem.message}.` };
      return;
    }
    try {
      const same = PRESETS.find((p) => canonical(p.config) === canonical(parsed.value));
      const from = e.fileName ? `from ${e.fileName}` : 'pasted';
      const name = same ? `${same.name} (${from})` : e.fileName ?? 'your config.json';
      this.model = scaleModelFromConfig(parsed.value, { id: 'custom', name, published: same?.published ?? null });
      this.problem = null;
      this.routeNow(true);
    } catch (err) {
      const at = err instanceof ConfigFieldError && err.field !== 'config' ? locateKey(text, err.field) : null;
      this.problem = { message: `Cannot count this config: ${message(err)}.`, ...(at ?? {}) };
    }
  }

  private onFileProblem(e: ConfigFileProblemEvent): void {
    this.problem = { message: e.message };
  }

  private onRoute(): void {
    this.tokenSeed++;
    this.routeNow();
  }

  /** Routes token `tokenSeed` through the current model's layer (from token 1 again when `restart`). */
  private routeNow(restart = false): void {
    if (restart) this.tokenSeed = 1;
    const t0 = performance.now();
    try {
      this.drewWeights = !routerWeightsCached(this.model);
      this.route = routeRandomToken(this.model, this.tokenSeed);
      this.routeProblem = null;
    } catch (e) {
      this.route = null;
      this.routeProblem = `Cannot route a token here: ${message(e)}.`;
    }
    this.routeMs = performance.now() - t0;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'scale-page': ScalePage;
  }
}
