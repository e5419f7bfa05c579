/**
 * Lesson page shell, "Real scale": the same counting code that counts the toy counts DeepSeek-V3,
 * DeepSeek-V2, Mixtral, the other presets (src/core/presets.ts) or any config.json pasted in; one MoE layer is drawn expert by expert and a
 * random token is routed through it by the model's own router rule; the toy and V3 are set side by
 * side; and a calculator turns active weights into GPU-hours and dollars.
 *
 * The shell owns the state (which model, the config text, its problem, the last route) and calls
 * the core; the leaves only render what they are given and send intent up.
 * The URL: the simulator's own keys give the toy's shape (decoded by src/state/url.ts), and
 * `model=` names the preset shown (a preset's id, see src/core/presets.ts, or toy).
 */
import { css, html, LitElement, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import type { RouterKind } from '../../core/config';
import { parseJson } from '../../core/json-locate';
import { locateField } from '../../core/json-field';
import { PRESETS, presetById, presetText, type Preset } from '../../core/presets';
import { ConfigFieldError } from '../../core/real-config';
import { scaleModelFromConfig, scaleModelFromToy, type ScaleModel } from '../../core/scale-model';
import { OPEN_EMBEDDING_ROWS } from '../../core/open-vocab';
import { withKeptKeys } from '../../state/lang';
import { decodeView } from '../../state/url';
import { MAX_CONFIG_CHARS, type InputProblem } from './config-input';
import { getLang, LocaleController, type Lang } from '../i18n/locale';
import { localized, type CoreMessage } from '../i18n/localize-message';
import { richText } from '../shared/math-text';
import { PageController } from '../shared/page-controller';
import { RouteDrawer } from './route-drawer';
import type { ConfigFileProblemEvent, ConfigTextEvent } from './scale-events';
import { formatExact, formatScale } from './scale-format';
import { a11yStyles } from '../shared/shared-styles';
import './config-input';
import '../shared/lang-switch';
import '../shared/theme-switch';
import './cost-calculator';
import './layer-experts';
import './param-breakdown';
import './scale-gallery';
import './toy-vs-real';
import { commonWords } from '../i18n/common';
import { realNoteText, scaleWords } from '../i18n/scale';
import { scaleGalleryWords } from '../i18n/scale-gallery';

type Choice = Preset['id'] | 'toy' | 'custom';
const CHOICES = [...PRESETS.map((p) => p.id), 'toy'] as const;

function presetModel(p: Preset): ScaleModel {
  return scaleModelFromConfig(p.config, { id: p.id, name: p.name, published: p.published });
}

/** JSON with sorted keys, to recognise a pasted config that is exactly a preset. */
function canonical(v: unknown): string {
  return JSON.stringify(v, (_k, x: unknown) =>
    x && typeof x === 'object' && !Array.isArray(x)
      ? Object.fromEntries(Object.entries(x as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b)))
      : x,
  );
}

/** An error from the core, in the page's language. */
function coreText(e: unknown): string {
  return localized(e instanceof Error ? e : String(e));
}

/** What a pasted or opened config is called: a preset it equals, and the file it came from. */
interface Naming {
  same: string | null;
  fileName: string | null;
}

@customElement('scale-page')
export class ScalePage extends LitElement {
  @state() private choice: Choice = 'deepseek-v3';
  @state() private text = '';
  @state() private model: ScaleModel;
  /** Problems are kept as functions that word them, so they follow a language switch. */
  @state() private problem: (() => InputProblem) | null = null;
  /**
   * Sections 3 to 5 are first rendered in the task after the first one, so that loading the page
   * (evaluating its modules, then rendering) is not one long task.
   */
  @state() private restShown = false;
  /** The ignored values of the opening link (coded, worded at render). */
  @state() private notices: readonly (string | CoreMessage)[] = [];
  /** An unknown model= of the opening link, or null. */
  @state() private modelIgnored: string | null = null;
  /** How the custom model (a pasted or opened config) is named. */
  @state() private naming: Naming = { same: null, fileName: null };
  private readonly toy: ScaleModel;
  private readonly toyRouter: RouterKind;
  private readonly v3: ScaleModel;
  /** The toy's own settings from the link (without `model`, `lang` or `backend`), for the simulator link. */
  private readonly toyQuery: string;
  /** Random tokens routed through the shown model's layer (its router drawn over several tasks when large). */
  private readonly routes = new RouteDrawer(this);
  private readonly i18n = new LocaleController(this);
  private readonly page = new PageController(this, {
    title: () => scaleWords().page.title,
    query: () => {
      const params = new URLSearchParams(location.search);
      params.set('model', this.choice);
      params.delete('present'); // the page controller writes it
      return `?${params.toString()}`;
    },
    idle: () => this.routes.routed(),
  });
  /** Models as last shown with their names in the page's language (the same object while nothing changes). */
  private readonly named = new WeakMap<ScaleModel, { lang: Lang; naming: Naming; shown: ScaleModel }>();

  static override styles = [
    ...a11yStyles,
    css`
    :host { display: block; max-width: 78rem; margin: 0 auto; padding: 0 var(--moe-sp-8) var(--moe-sp-10); font-family: var(--moe-font); color: var(--moe-text); line-height: 1.4; }
    small { font-size: var(--moe-fs-s); }
    header { display: flex; flex-wrap: wrap; justify-content: space-between; align-items: center; gap: var(--moe-sp-5) var(--moe-sp-8); margin: var(--moe-sp-5) 0 0; }
    header a:focus-visible { outline: 3px solid var(--moe-ink); outline-offset: 2px; }
    h1 { font-size: var(--moe-fs-2xl); margin: var(--moe-sp-4) 0 var(--moe-sp-3); }
    h2 { font-size: var(--moe-fs-l); margin: 0 0 var(--moe-sp-4); }
    .lede { font-size: var(--moe-fs-1); max-width: 60rem; margin: var(--moe-sp-2) 0 var(--moe-sp-7); }
    .lede q { font-style: italic; }
    section { border: 1px solid var(--moe-border); border-radius: 0.5rem; padding: var(--moe-sp-7) var(--moe-sp-8); background: var(--moe-surface); margin-bottom: var(--moe-sp-8); min-width: 0; }
    .top { display: grid; grid-template-columns: minmax(18rem, 25rem) minmax(0, 1fr); gap: var(--moe-sp-8); align-items: start; }
    .pair { display: grid; grid-template-columns: minmax(0, 1fr) minmax(0, 1.25fr); gap: var(--moe-sp-8); align-items: start; }
    .top > section, .pair > section { margin-bottom: 0; }
    section.spaced { margin-top: var(--moe-sp-8); }
    .pair { margin-top: var(--moe-sp-8); }
    label.pick { display: block; font-weight: 600; margin-bottom: var(--moe-sp-3); }
    select#model-pick { display: block; width: 100%; max-width: 32rem; margin: 0 0 var(--moe-sp-7); padding: var(--moe-sp-2) var(--moe-sp-4); font: inherit; }
    .showing { font-size: var(--moe-fs-base); margin: 0 0 var(--moe-sp-4); }
    .shape { font-size: var(--moe-fs-base); color: var(--moe-text-3); margin: 0 0 var(--moe-sp-4); }
    .notice { background: var(--moe-warn-bg); border: 1px solid var(--moe-warn); padding: var(--moe-sp-5) var(--moe-sp-7); border-radius: 0.4rem; }
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
    const decoded = decodeView(query);
    const { view } = decoded;
    this.notices = decoded.notices;
    this.toy = scaleModelFromToy(view.config, OPEN_EMBEDDING_ROWS);
    this.toyRouter = view.config.router;
    params.delete('lang');
    params.delete('backend');
    params.delete('theme');
    this.toyQuery = params.toString() ? `?${params.toString()}` : '';
    const v3 = presetById('deepseek-v3') as Preset;
    this.v3 = presetModel(v3);
    this.model = this.v3;
    this.text = presetText(v3);
    if (wanted !== null) {
      if ((CHOICES as readonly string[]).includes(wanted)) this.select(wanted as Choice, false);
      else this.modelIgnored = wanted.slice(0, 24);
    }
    this.routes.restart(this.model);
  }

  protected override firstUpdated(): void {
    setTimeout(() => (this.restShown = true), 0);
  }

  /** Resolves once no router is being drawn (the last token asked for is routed, or refused). */
  routed(): Promise<void> {
    return this.routes.routed();
  }

  /** Resolves once the last token asked for is routed and the page has rendered it. */
  settled(): Promise<void> {
    return this.page.settled();
  }

  /** The simulator with the toy's settings, in the page's language. */
  private get simulatorHref(): string {
    return `../index.html${withKeptKeys(this.toyQuery, location.search)}`;
  }

  /** A model with its name in the page's language (the toy's, a pasted config's); presets keep theirs. */
  private shown(m: ScaleModel): ScaleModel {
    const lang = getLang();
    const n = this.named.get(m);
    if (n && n.lang === lang && n.naming === this.naming) return n.shown;
    const t = scaleWords().page;
    let shown = m;
    if (m.kind === 'toy') shown = { ...m, name: t.toyName, inSentence: t.toyInSentence };
    else if (m.id === 'custom') {
      const { same, fileName } = this.naming;
      const name = same ? t.sameAs(same, fileName ? t.fromFile(fileName) : t.pasted) : (fileName ?? t.yourConfig);
      shown = { ...m, name, inSentence: name };
    }
    this.named.set(m, { lang, naming: this.naming, shown });
    return shown;
  }

  override render() {
    const t = scaleWords().page;
    const m = this.shown(this.model);
    const problem = this.problem?.() ?? null;
    return html`
      <header>
        <nav aria-label=${t.siteNav}><a href=${`../index.html${withKeptKeys('', location.search)}`}><span aria-hidden="true">← </span>${commonWords().home}</a></nav>
        <lang-switch></lang-switch><theme-switch></theme-switch>
      </header>
      <main>
      <h1>${t.heading}</h1>
      <p class="lede">${richText(t.lede)}</p>
      ${this.page.renderLinkNotices(this.modelIgnored === null ? this.notices : [...this.notices, t.modelIgnored(this.modelIgnored, CHOICES.join(', '))])}
      <div class="top">
        <section aria-labelledby="choose-h">
          <h2 id="choose-h">${t.chooseTitle}</h2>
          <label class="pick" for="model-pick">${t.modelLegend}</label>
          <select id="model-pick" @change=${this.onPick}>
            ${PRESETS.map((p) => this.option(p.id, `${p.name} · ${t.publishedTotal(formatScale(p.published.total).replace('.0B', 'B'))}`))}
            ${this.option('toy', `${t.toyName} · ${t.toyDetail(this.toy.layer.experts, this.toy.layer.topK, this.toy.hidden)}`)}
            ${this.choice === 'custom' ? html`<option value="custom" selected disabled>${t.customOption}</option>` : nothing}
          </select>
          <config-input
            .value=${this.text}
            .problem=${problem}
            .notes=${problem ? [] : m.reading.map((n) => realNoteText(scaleWords().core.realNotes, n))}
            showing=${problem ? m.name : ''}
            placeholder=${this.choice === 'toy' ? t.toyPlaceholder : ''}
            @config-text=${this.onText}
            @config-file-problem=${this.onFileProblem}
          ></config-input>
        </section>
        <section aria-labelledby="count-h">
          <h2 id="count-h">${t.countTitle}</h2>
          <p class="showing" role="status">${t.showing}<strong>${m.name}</strong>${m.kind === 'real' ? html` (<code translate="no">${m.modelType}</code>)` : nothing}</p>
          <p class="shape">${this.shapeText(m)}</p>
          <param-breakdown .model=${m}></param-breakdown>
        </section>
      </div>
      ${this.restShown ? this.renderRest(m) : nothing}
      </main>
    `;
  }

  /** Sections 3 to 6: the layer's experts, the toy against V3, the training cost, the gallery of every model. */
  private renderRest(m: ScaleModel) {
    const t = scaleWords().page;
    const r = this.routes;
    // "Your toy vs": the chosen model (DeepSeek-V3 while the toy itself is chosen).
    const real = m.kind === 'real' ? m : this.v3;
    return html`
      ${
        m.kind === 'real' && m.layer.experts === 0
          ? html`<section aria-labelledby="layer-h" class="spaced">
              <h2 id="layer-h">${t.denseTitle(m.inSentence)}</h2>
              <p>${t.denseText(m.inSentence, formatScale(m.total))}</p>
            </section>`
          : html`<section aria-labelledby="layer-h" class="spaced">
              <h2 id="layer-h">${t.layerTitle(m.inSentence)}</h2>
              <layer-experts .model=${m} .route=${r.route} .elapsed=${r.ms} .drewWeights=${r.drewWeights} .drawing=${r.drawing} .problem=${r.error === null ? null : t.cannotRoute(coreText(r.error))} toyRouter=${this.toyRouter} @route-token=${this.onRoute}></layer-experts>
            </section>`
      }
      <div class="pair">
        <section aria-labelledby="toy-h">
          <h2 id="toy-h">${t.toyVsTitle(real.name)}</h2>
          <toy-vs-real .toy=${this.shown(this.toy)} .real=${real} simulatorHref=${this.simulatorHref}></toy-vs-real>
        </section>
        <section aria-labelledby="cost-h">
          <h2 id="cost-h">${t.costTitle}</h2>
          <cost-calculator .model=${m}></cost-calculator>
        </section>
      </div>
      <section aria-labelledby="gallery-h" class="spaced">
        <h2 id="gallery-h">${scaleGalleryWords().title}</h2>
        <scale-gallery .toy=${this.toy}></scale-gallery>
      </section>
    `;
  }

  /** One choice of the model list (selected by `?selected`, which holds on the first render too, unlike the select's value). */
  private option(id: Choice, label: string) {
    return html`<option value=${id} ?selected=${this.choice === id}>${label}</option>`;
  }

  private readonly onPick = (e: Event): void => {
    const id = (e.target as HTMLSelectElement).value;
    if ((CHOICES as readonly string[]).includes(id)) this.select(id as Choice);
  };

  private shapeText(m: ScaleModel): string {
    const L = m.layer;
    return scaleWords().page.shape({
      toy: m.kind === 'toy',
      layers: m.layers,
      moeLayers: L.moeLayers,
      denseLayers: L.denseLayers,
      hidden: formatExact(m.hidden),
      vocab: formatExact(m.vocab),
      experts: formatExact(L.experts),
      shared: L.shared,
      topK: L.topK,
    });
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
    this.routes.restart(this.model);
  }

  private keepInUrl(): void {
    if (this.choice !== 'custom') this.page.writeUrl();
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
      const length = text.length;
      this.problem = () => ({ message: scaleWords().page.tooLong(formatExact(length), formatExact(MAX_CONFIG_CHARS)) });
      return;
    }
    const parsed = parseJson(text);
    if (!parsed.ok) {
      const p = parsed.problem;
      // Too deep is valid JSON this page will not count; anything else is not JSON.
      const deep = p.code === 'json.tooDeep';
      this.problem = () => ({ ...p, message: (deep ? scaleWords().page.cannotCount : scaleWords().page.notJson)(localized(p)) });
      return;
    }
    try {
      const same = PRESETS.find((p) => canonical(p.config) === canonical(parsed.value));
      // The model's own name is the English one; the page shows it through shown(), in its language.
      const from = e.fileName ? `from ${e.fileName}` : 'pasted';
      const name = same ? `${same.name} (${from})` : (e.fileName ?? 'your config.json');
      this.model = scaleModelFromConfig(parsed.value, { id: 'custom', name, published: same?.published ?? null });
      this.naming = { same: same?.name ?? null, fileName: e.fileName };
      this.problem = null;
      this.routes.restart(this.model);
    } catch (err) {
      // The field's value, or where a missing field belongs (the end of its object).
      const at = err instanceof ConfigFieldError && err.field !== 'config' ? locateField(text, err.field, err.within) : null;
      this.problem = () => ({ message: scaleWords().page.cannotCount(coreText(err)), ...(at ?? {}) });
    }
  }

  private onFileProblem(e: ConfigFileProblemEvent): void {
    const describe = e.describe;
    this.problem = () => ({ message: describe() });
  }

  private onRoute(): void {
    this.routes.next();
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'scale-page': ScalePage;
  }
}
