/**
 * All MoE layers at once (shown when there are two or more):
 * (a) the sentence once per layer, each word a chip coloured by its first-choice expert at that layer
 *     with the expert's number on it (the Mixtral paper's Fig. 8 view);
 * (b) the layer-to-layer flow of each word's top expert (layers-layout.ts: an alluvial diagram, as
 *     in the OLMoE paper's cross-layer figures), the current word's line bold;
 * (c) the same numbers as a table (word × layer → top expert and weight), and the current word's
 *     path in words under the picture.
 * Clicking a word (a chip, a word of the picture or its line) sends token-select, so the page follows
 * that word. Only the first row's chips are in the tab order (one stop per word, not one per word and
 * layer); the table reads every layer.
 */
import { css, html, LitElement, nothing, svg, type PropertyValues } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { Trace } from '../../core/trace';
import { TokenSelectEvent } from '../shared/events';
import { formatWeight } from '../shared/format';
import { LocaleController } from '../i18n/locale';
import { layersWords } from '../i18n/layers-view';
import { expertColour, NO_EXPERT_COLOUR, textOn } from '../shared/palette';
import { panelStyles } from '../shared/shared-styles';
import { styleProps } from '../shared/style-props';
import { WidthController } from '../shared/width-controller';
import { detailsTable } from '../shared/details-table';
import { layersLayout, topExpert, topWeight, type LayersLayout } from './layers-layout';

/** Width used before the panel is laid out. */
const FALLBACK_WIDTH = 640;

@customElement('layers-view')
export class LayersView extends LitElement {
  @property({ attribute: false }) trace: Trace | null = null;
  /** Index of the current token. */
  @property({ type: Number }) current = 0;

  /** The picture's font size in px, read from its styles (var(--moe-fs-s)): label boxes are measured with it. */
  @state() private font = 12;
  private readonly size = new WidthController(this);
  private readonly i18n = new LocaleController(this);
  private frame = 0;

  static override styles = [
    ...panelStyles,
    css`
    .rows { display: grid; gap: var(--moe-sp-4); margin: 0 0 var(--moe-sp-6); }
    .row { display: flex; flex-wrap: wrap; align-items: baseline; gap: var(--moe-sp-3); }
    .lh { font-weight: 700; min-width: 4.5rem; font-size: var(--moe-fs-m); }
    ol { list-style: none; display: flex; flex-wrap: wrap; gap: var(--moe-sp-2) var(--moe-sp-3); margin: 0; padding: 0; flex: 1 1 18rem; min-width: 0; }
    button.chip {
      font: inherit; font-size: var(--moe-fs-m); display: inline-flex; align-items: baseline; gap: var(--moe-sp-2);
      padding: var(--moe-sp-1) var(--moe-sp-3); border-radius: 0.3rem; cursor: pointer;
      border: 2px solid transparent; background: var(--chip-bg); color: var(--chip-fg);
    }
    button.chip[aria-current='true'] { border-color: var(--moe-ink); box-shadow: 0 0 0 2px var(--moe-surface) inset; font-weight: 700; }
    .e { font-size: var(--moe-fs-xs); font-variant-numeric: tabular-nums; }
    .flow { font-size: var(--moe-fs-s); }
    svg { display: block; max-width: 100%; height: auto; }
    text { font-family: var(--moe-font); font-size: var(--moe-fs-s); fill: var(--moe-text-2); paint-order: stroke; stroke: var(--moe-surface); stroke-width: 3px; stroke-linejoin: round; }
    text.heading { font-weight: 700; fill: var(--moe-text); }
    text.word { cursor: pointer; }
    text.sel { font-weight: 700; fill: var(--moe-ink); }
    path.p { fill: none; stroke: var(--moe-text-5); stroke-width: 1; stroke-opacity: 0.35; pointer-events: none; }
    path.p.sel { stroke: var(--moe-ink); stroke-width: 3; stroke-opacity: 1; }
    path.hit { fill: none; stroke: var(--moe-ink); stroke-opacity: 0; stroke-width: 7; pointer-events: stroke; cursor: pointer; }
    rect.node { stroke: var(--moe-text-4); stroke-width: 0.5; }
    rect.node.sel { stroke: var(--moe-ink); stroke-width: 2; }
    rect.none { fill: var(--moe-idle-bg); stroke: var(--moe-error); stroke-dasharray: 3 2; }
    circle.start { fill: var(--moe-text-5); }
    circle.start.sel { fill: var(--moe-ink); }
    .path { font-variant-numeric: tabular-nums; }
    .caption { font-size: var(--moe-fs-base); color: var(--moe-text-3); }
    details { font-size: var(--moe-fs-m); margin-top: var(--moe-sp-3); }
    table { border-collapse: collapse; font-variant-numeric: tabular-nums; }
    th, td { padding: var(--moe-sp-1) var(--moe-sp-6); text-align: left; border-bottom: var(--moe-line, 1px) solid var(--moe-rule); }
    tr[aria-current='true'] { background: var(--moe-highlight-3); }
  `,
  ];

  private cache: { key: unknown[]; layout: LayersLayout } | null = null;

  private select(i: number): void {
    this.dispatchEvent(new TokenSelectEvent(i));
  }

  private layout(t: Trace): LayersLayout {
    const m = layersWords();
    const key = [t, this.size.width, this.current, this.font, m];
    if (this.cache && this.cache.key.every((k, i) => k === key[i])) return this.cache.layout;
    const layout = layersLayout(t, {
      width: this.size.width || FALLBACK_WIDTH,
      selected: this.current,
      font: this.font,
      heading: m.heading,
      shortHeading: m.headingShort,
      noneText: m.noneLane,
    });
    this.cache = { key, layout };
    return layout;
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    cancelAnimationFrame(this.frame);
  }

  /** Reads the picture's font size once drawn; a change (presenter mode, zoom) lays it out again. */
  protected override updated(changed: PropertyValues): void {
    super.updated(changed);
    const flow = this.renderRoot.querySelector('.flow');
    if (!flow) return;
    const px = parseFloat(getComputedStyle(flow).fontSize);
    if (Number.isFinite(px) && px > 0 && Math.abs(px - this.font) > 0.1) {
      cancelAnimationFrame(this.frame);
      this.frame = requestAnimationFrame(() => (this.font = px));
    }
  }

  override render() {
    const t = this.trace;
    if (!t || t.layers.length < 2 || t.tokens.length === 0) return nothing;
    const m = layersWords();
    const g = this.layout(t);
    const cur = t.tokens[this.current];
    return html`
      <div class="rows">${t.layers.map((_, l) => this.row(t, l))}</div>
      <figure class="flow" aria-describedby="flow-caption">${this.flow(t, g)}</figure>
      ${cur ? html`<p class="path">${this.pathWords(t, this.current)}</p>` : nothing}
      <p class="caption" id="flow-caption">${m.caption}</p>
      ${g.nodes.some((n) => n.expert === null) ? html`<p class="caption">${m.noneNote}</p>` : nothing}
      ${g.hidden > 0 ? html`<p class="caption">${m.thinned(g.hidden)}</p>` : nothing}
      ${this.table(t)}
    `;
  }

  /** Layer l's line: "Layer n:" and every word as a chip with its first-choice expert. */
  private row(t: Trace, l: number) {
    const m = layersWords();
    return html`<div class="row">
      <span class="lh" aria-hidden="true">${m.rowHead(l + 1)}</span>
      <ol aria-label=${m.rowLabel(l + 1)} data-layer=${l}>
        ${t.tokens.map((tok, i) => {
          const r = t.layers[l]?.tokens[i];
          const e = topExpert(r);
          const bg = e === null ? NO_EXPERT_COLOUR : expertColour(e);
          const first = r?.experts[0];
          const firstDropped = r && first !== undefined && r.dropped[0] && e !== null ? first : null;
          const marks = [firstDropped !== null ? `✕${firstDropped}` : '', e === null ? `✕ ${m.none}` : `E${e}`].filter(Boolean);
          const notes =
            e === null
              ? [m.noExpert]
              : [m.weight(formatWeight(topWeight(r))), ...(firstDropped !== null ? [m.firstDropped(firstDropped)] : [])];
          const label = m.chip(i + 1, l + 1, [tok.text, ...marks].join(' '), notes);
          return html`<li>
            <button
              class="chip"
              tabindex=${l === 0 ? 0 : -1}
              ${styleProps({ '--chip-bg': bg, '--chip-fg': textOn(bg) })}
              aria-current=${i === this.current ? 'true' : 'false'}
              aria-label=${label}
              data-expert=${e ?? ''}
              @click=${() => this.select(i)}
            >
              <span class="w" translate="no">${tok.text}</span>
              <span class="e">${marks.join(' ')}</span>
            </button>
          </li>`;
        })}
      </ol>
    </div>`;
  }

  /** Each layer's expert for token i, as steps "layer n E3". */
  private steps(t: Trace, i: number, step: (l: number, e: string) => string, none: (l: number) => string): string[] {
    return t.layers.map((layer, l) => {
      const e = topExpert(layer.tokens[i]);
      return e === null ? none(l + 1) : step(l + 1, `E${e}`);
    });
  }

  private pathWords(t: Trace, i: number) {
    const m = layersWords();
    const word = t.tokens[i]?.text ?? '';
    const steps = this.steps(t, i, m.pathStep, (l) => m.pathStep(l, `✕ ${m.none}`));
    return html`<strong>${m.path(word)}</strong> ${steps.join(m.arrow)}`;
  }

  private flow(t: Trace, g: LayersLayout) {
    const m = layersWords();
    const cur = t.tokens[this.current];
    const name = cur ? m.flowLabel(cur.text, this.steps(t, this.current, m.step, m.noStep)) : m.title;
    const sel = g.paths.find((p) => p.selected);
    return html`<svg viewBox="0 0 ${g.width} ${g.height}" width=${g.width} height=${g.height} role="img" aria-label=${name}>
      ${g.paths.map((p) => (p.selected ? nothing : svg`<path class="p" d=${p.d}></path>`))}
      ${g.nodes.map((n) =>
        n.expert === null
          ? svg`<rect class="node none" x=${n.x} y=${n.y} width=${n.width} height=${n.height}></rect>`
          : svg`<rect class="node ${n.selected ? 'sel' : ''}" x=${n.x} y=${n.y} width=${n.width} height=${n.height} ${styleProps({ fill: expertColour(n.expert) })}></rect>`,
      )}
      ${sel ? svg`<path class="p sel" d=${sel.d}></path>` : nothing}
      ${g.paths.map((p) => svg`<circle class="start ${p.selected ? 'sel' : ''}" cx=${p.start.x} cy=${p.start.y} r=${p.selected ? 3 : 1.5}></circle>`)}
      ${g.paths.map((p) => svg`<path class="hit" d=${p.d} data-token=${p.token} @click=${() => this.select(p.token)}></path>`)}
      ${g.labels.map((l) => {
        const cls = `${l.kind} ${l.kind === 'word' && l.token === this.current ? 'sel' : ''}`;
        const click = l.kind === 'word' && l.token !== undefined ? () => this.select(l.token as number) : undefined;
        return svg`<text class=${cls} x=${l.x} y=${l.y} text-anchor=${l.anchor} dominant-baseline="central" translate=${l.kind === 'word' ? 'no' : nothing} @click=${click}>${l.text}</text>`;
      })}
    </svg>`;
  }

  private table(t: Trace) {
    const m = layersWords();
    return detailsTable(
      m.table,
      html`<tr><th scope="col">${m.word}</th>${t.layers.map((_, l) => html`<th scope="col">${m.heading(l + 1)}</th>`)}</tr>`,
      t.tokens.map(
        (tok, i) => html`<tr aria-current=${i === this.current ? 'true' : 'false'}>
          <th scope="row" translate="no">${tok.text}</th>
          ${t.layers.map((layer) => {
            const r = layer.tokens[i];
            const e = topExpert(r);
            return html`<td>${e === null ? m.cellNone : m.cell(e, formatWeight(topWeight(r)))}</td>`;
          })}
        </tr>`,
      ),
    );
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'layers-view': LayersView;
  }
}
