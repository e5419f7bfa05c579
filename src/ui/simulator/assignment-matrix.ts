/**
 * The whole sentence at once: a token × expert matrix of one layer's assignments. A filled cell is a
 * token that went to an expert, darker for a larger gate weight; a hatched, red-outlined cell is a
 * choice dropped because the expert was full. Only non-empty cells are drawn (at most tokens·k), so
 * 64 tokens × 256 experts stays a few hundred elements. Row labels are buttons that select a token.
 * Under the column names a band in each expert's colour and pattern ties the columns to the experts'
 * colours elsewhere on the page; the cells keep one ink, darker for a larger weight.
 */
import { css, html, LitElement, nothing, svg } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { LayerTrace, TokenRouting, TokenTrace } from '../../core/trace';
import { TokenSelectEvent } from '../shared/events';
import { formatWeight } from '../shared/format';
import { LocaleController } from '../i18n/locale';
import { blockStyles } from '../shared/shared-styles';
import { simWords } from '../i18n/simulator';
import { styleProps } from '../shared/style-props';
import { paint } from '../shared/theme';
import { detailsTable } from '../shared/details-table';
import { expertFill, expertPatternDefs } from '../shared/expert-patterns';

/** Column headers name every expert up to this many; above, a tick every 16 or 32. */
export const NAMED_COLUMNS_MAX = 32;
const INK = paint('matrix-ink');
const DROP = paint('error');
/** The experts' colour band under the column names, and the whole header's height. */
const BAND = 5;
const HEAD = 20 + BAND;

const pct = (v: number) => `${v}%`;

function describe(r: TokenRouting | undefined): { kept: string; dropped: string } {
  const t = simWords();
  const m = t.matrix;
  if (!r) return { kept: m.notRouted, dropped: m.none };
  const part = (keep: boolean) =>
    t.list(r.experts.flatMap((e, j) => (!r.dropped[j] === keep ? [m.cell(e, formatWeight(r.weights[j] ?? 0))] : [])));
  return { kept: part(true) || m.noneNoExpert, dropped: part(false) || m.none };
}

@customElement('assignment-matrix')
export class AssignmentMatrix extends LitElement {
  @property({ attribute: false }) tokens: readonly TokenTrace[] = [];
  @property({ attribute: false }) layer: LayerTrace | null = null;
  /** Index of the selected token; its row is highlighted. */
  @property({ type: Number }) current = 0;

  private readonly i18n = new LocaleController(this);

  static override styles = [
    ...blockStyles,
    css`
    figure { margin: 0; }
    figcaption, .legend { font-size: var(--moe-fs-base); color: var(--moe-muted, var(--moe-text-3)); margin: var(--moe-sp-3) 0; }
    .grid { display: grid; grid-template-columns: max-content 1fr; column-gap: var(--moe-sp-4); }
    .corner { font-size: var(--moe-fs-xs); color: var(--moe-muted, var(--moe-text-5)); align-self: end; white-space: nowrap; }
    svg { display: block; width: 100%; }
    svg.cells { cursor: pointer; }
    text { font: 12px var(--moe-font); fill: var(--moe-text-2); }
    ol { list-style: none; margin: 0; padding: 0; }
    li { height: var(--row); }
    button {
      font: inherit; font-size: var(--font); height: 100%; width: 100%; max-width: 10rem; display: flex; align-items: center; gap: var(--moe-sp-3);
      padding: 0 var(--moe-sp-3); border: 0; border-left: 4px solid transparent; background: none; color: var(--moe-text); cursor: pointer;
      text-align: left; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; box-sizing: border-box;
    }
    button:hover { background: var(--moe-grey-ee); }
    button:focus-visible { outline: 3px solid var(--moe-ink); outline-offset: -3px; }
    button[aria-current='true'] { font-weight: 700; border-left-color: var(--moe-ink); background: var(--moe-highlight-3); }
    .n { color: var(--moe-muted, var(--moe-text-6)); font-size: var(--moe-fs-rel); min-width: 1.6em; text-align: right; font-variant-numeric: tabular-nums; }
    .mark { font-style: italic; font-size: var(--moe-fs-rel); color: var(--moe-error); }
    .sw { display: inline-block; width: 0.9em; height: 0.9em; vertical-align: middle; margin: 0 var(--moe-sp-2) 0 var(--moe-sp-6); border: 1px solid var(--moe-grey-99); }
    details { font-size: var(--moe-fs-m); margin-top: var(--moe-sp-3); }
    table { border-collapse: collapse; font-variant-numeric: tabular-nums; }
    th, td { padding: var(--moe-sp-1) var(--moe-sp-6); text-align: left; border-bottom: var(--moe-line, 1px) solid var(--moe-rule); }
    th { word-break: keep-all; }
    tr[aria-current='true'] { background: var(--moe-highlight-3); }
  `,
  ];

  private select(i: number): void {
    if (i >= 0 && i < this.tokens.length) this.dispatchEvent(new TokenSelectEvent(i));
  }

  private onCellsClick(e: MouseEvent, row: number): void {
    const box = (e.currentTarget as SVGSVGElement).getBoundingClientRect();
    this.select(Math.floor((e.clientY - box.top) / row));
  }

  private header(n: number) {
    if (n <= NAMED_COLUMNS_MAX) {
      return Array.from({ length: n }, (_, e) => svg`<text x=${pct(((e + 0.5) / n) * 100)} y="14" text-anchor="middle">E${e}</text>`);
    }
    const step = n <= 128 ? 16 : 32;
    return Array.from({ length: Math.ceil(n / step) }, (_, i) => {
      const x = pct(((i * step) / n) * 100);
      return svg`<line x1=${x} x2=${x} y1=${HEAD - BAND - 5} y2=${HEAD - BAND} ${styleProps({ stroke: 'var(--moe-text-4)' })}></line><text x=${x} dx="2" y="12">E${i * step}</text>`;
    });
  }

  /** One band per expert in its colour and pattern, under the column names. */
  private band(n: number) {
    const experts = Array.from({ length: n }, (_, e) => e);
    return svg`<defs>${expertPatternDefs('am', experts)}</defs>
      ${experts.map((e) => svg`<rect class="band" x=${pct((e / n) * 100)} width=${pct(100 / n)} y=${HEAD - BAND} height=${BAND} ${styleProps({ fill: expertFill(e, 'am') })}></rect>`)}`;
  }

  /** Vertical guides: between every column when they are named, else at the ticks. */
  private guides(n: number, height: number) {
    const step = n <= NAMED_COLUMNS_MAX ? 1 : n <= 128 ? 16 : 32;
    return Array.from({ length: Math.ceil(n / step) - 1 }, (_, i) => {
      const x = pct((((i + 1) * step) / n) * 100);
      return svg`<line x1=${x} x2=${x} y1="0" y2=${height} ${styleProps({ stroke: paint(step === 1 ? 'rule' : 'grey-bb') })}></line>`;
    });
  }

  private cells(routes: readonly TokenRouting[], n: number, row: number, wMax: number) {
    return routes.map((r, t) =>
      r.experts.map((e, j) => {
        const dropped = r.dropped[j] === true;
        const w = r.weights[j] ?? 0;
        return svg`<rect class=${dropped ? 'cell dropped' : 'cell'} x=${pct((e / n) * 100)} width=${pct(100 / n)} y=${t * row + 2} height=${row - 4}
          fill=${dropped ? 'url(#drop)' : nothing} stroke=${dropped ? nothing : 'none'} fill-opacity=${dropped ? 1 : 0.25 + (0.75 * w) / wMax} ${styleProps({ fill: dropped ? null : INK, stroke: dropped ? DROP : null })}></rect>`;
      }),
    );
  }

  override render() {
    const m = simWords().matrix;
    const l = this.layer;
    const n = l?.experts.length ?? 0;
    const T = this.tokens.length;
    if (!l || n === 0 || T === 0) return html`<p role="status">${m.noSentence}</p>`;
    const routes = l.tokens.slice(0, T);
    const row = T > 24 ? 16 : 22;
    const height = T * row;
    const weights = routes.flatMap((r) => r.weights.filter((_, j) => !r.dropped[j]));
    const wMax = Math.max(1e-9, ...weights);
    const wMin = weights.length ? Math.min(...weights) : 0;
    const choices = routes.reduce((a, r) => a + r.experts.length, 0);
    const label = m.label(T, n, l.index + 1, choices, l.droppedChoices, l.skippedTokens);
    const cur = this.current;
    return html`<figure>
      <figcaption>
        ${m.caption(l.index + 1, n, l.capacity !== null)}
      </figcaption>
      <div class="grid" ${styleProps({ '--row': `${row}px`, '--font': row > 16 ? '0.9rem' : '0.75rem' })}>
        <span class="corner">${m.corner}</span>
        <svg class="head" height=${HEAD} aria-hidden="true">${this.header(n)}${this.band(n)}</svg>
        <ol aria-label=${m.tokens}>
          ${this.tokens.map((tok, i) => {
            const d = describe(routes[i]);
            const skipped = routes[i]?.skipped === true;
            // The name starts with the visible text ("4 now", "4 now no expert"), then the details.
            const name = skipped ? m.rowSkipped(i + 1, tok.text, d.dropped) : m.rowName(i + 1, tok.text, d.kept, d.dropped);
            return html`<li><button aria-current=${i === cur ? 'true' : 'false'} aria-label=${name}
              @click=${() => this.select(i)}><span class="n">${i + 1}</span> <span translate="no">${tok.text}</span>${skipped ? html` <span class="mark">${m.noExpert}</span>` : nothing}</button></li>`;
          })}
        </ol>
        <svg class="cells" height=${height} role="img" aria-label=${label} @click=${(e: MouseEvent) => this.onCellsClick(e, row)}>
          <defs>
            <pattern id="rows" width="10" height=${row} patternUnits="userSpaceOnUse"><line x1="0" x2="10" y1=${row - 0.5} y2=${row - 0.5} ${styleProps({ stroke: 'var(--moe-grey-e2)' })}></line></pattern>
            <pattern id="drop" width="5" height="5" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
              <rect width="5" height="5" ${styleProps({ fill: 'var(--moe-surface)' })}></rect><line x1="0" y1="0" x2="0" y2="5" ${styleProps({ stroke: DROP })} stroke-width="2.5"></line>
            </pattern>
          </defs>
          <rect width="100%" height=${height} ${styleProps({ fill: 'var(--moe-grey-fa)' })}></rect>
          <rect width="100%" height=${height} fill="url(#rows)"></rect>
          ${this.guides(n, height)}
          ${cur >= 0 && cur < T ? svg`<rect class="current" y=${cur * row} width="100%" height=${row} ${styleProps({ fill: 'var(--moe-highlight-3)' })}></rect>` : nothing}
          ${this.cells(routes, n, row, wMax)}
          ${cur >= 0 && cur < T ? svg`<rect class="current-outline" x="1" y=${cur * row + 1} ${styleProps({ width: 'calc(100% - 2px)' })} height=${row - 2} fill="none" ${styleProps({ stroke: 'var(--moe-ink)' })} stroke-width="2"></rect>` : nothing}
        </svg>
      </div>
      <p class="legend">
        ${m.gateWeight}<span class="sw" ${styleProps({ background: INK, opacity: 0.25 + (0.75 * wMin) / wMax })}></span>${m.lightest(formatWeight(wMin))}
        <span class="sw" ${styleProps({ background: INK })}></span>${m.darkest(formatWeight(wMax))}
        ${l.droppedChoices > 0 ? html`<span class="sw" ${styleProps({ background: `repeating-linear-gradient(45deg,${DROP} 0 2px,${paint('surface')} 2px 4px)`, 'border-color': DROP })}></span>${m.droppedFull}` : nothing}
      </p>
      ${this.table(routes)}
    </figure>`;
  }

  private table(routes: readonly TokenRouting[]) {
    const m = simWords().matrix;
    return detailsTable(
      m.table,
      html`<tr><th scope="col">${m.number}</th><th scope="col">${m.token}</th><th scope="col">${m.expertsWeights}</th><th scope="col">${m.droppedChoices}</th></tr>`,
      this.tokens.map((tok, i) => {
        const d = describe(routes[i]);
        return html`<tr aria-current=${i === this.current ? 'true' : 'false'}><td>${i + 1}</td><th scope="row" translate="no">${tok.text}</th><td>${d.kept}</td><td>${d.dropped}</td></tr>`;
      }),
    );
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'assignment-matrix': AssignmentMatrix;
  }
}
