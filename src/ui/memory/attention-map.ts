/**
 * One attention matrix as a heat map: row i is the token that reads, column j the token it reads,
 * and the shade is the attention weight (or, for a difference map, its size). Cells above the
 * diagonal are later tokens, which a causal layer may not read: they are greyed. Every cell has a
 * tooltip with its number; the accessible name summarises the strongest cell, and a table under
 * the map (built when opened) holds every number.
 */
import { css, html, LitElement, nothing, svg } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { LocaleController } from '../i18n/locale';
import { mathText } from '../shared/math-text';
import { blockStyles } from '../shared/shared-styles';
import { memoryWords } from '../i18n/memory';
import { styleProps } from '../shared/style-props';

const CELL = 22;
const GAP = 1;

/** White to a full colour, linearly; v in [0, 1]. */
function shade(v: number, tone: 'weight' | 'diff'): string {
  const t = Math.max(0, Math.min(1, v));
  const [r, g, b] = tone === 'weight' ? [8, 48, 107] : [179, 38, 30];
  const mix = (c: number) => Math.round(255 + (c - 255) * t);
  return `rgb(${mix(r)},${mix(g)},${mix(b)})`;
}

@customElement('attention-map')
export class AttentionMap extends LitElement {
  /** Row-major size × size. */
  @property({ attribute: false }) matrix: ArrayLike<number> = [];
  @property({ attribute: false }) tokens: readonly string[] = [];
  /** The map's name; empty for the catalogue's "Attention". */
  @property() label = '';
  /** 'weight': shades 0 → 1; 'diff': shades 0 → scaleMax. */
  @property() tone: 'weight' | 'diff' = 'weight';
  /** The value drawn darkest. */
  @property({ type: Number }) scaleMax = 1;
  /** The table alternative is only built while its <details> is open (64 tokens make 4,096 cells). */
  @state() private tableOpen = false;
  private readonly i18n = new LocaleController(this);

  private get name(): string {
    return this.label || memoryWords().map.defaultLabel;
  }

  static override styles = [
    ...blockStyles,
    css`
    figure { margin: 0; }
    figcaption { font-weight: 600; font-size: var(--moe-fs-base); margin-bottom: var(--moe-sp-2); }
    svg { display: block; max-width: 100%; height: auto; }
    text { font-family: var(--moe-font); font-size: var(--moe-fs-xs); fill: var(--moe-text-2); }
    sub { font-size: var(--moe-fs-sub); }
    .key { font-size: var(--moe-fs-s); color: var(--moe-text-4); margin: var(--moe-sp-1) 0 0; }
    details { font-size: var(--moe-fs-s); margin-top: var(--moe-sp-2); }
    .table-wrap { overflow-x: auto; }
    table { border-collapse: collapse; font-variant-numeric: tabular-nums; }
    th, td { padding: var(--moe-sp-1) var(--moe-sp-3); text-align: right; border-bottom: 1px solid var(--moe-rule); }
    thead th { text-align: center; }
  `,
  ];

  private summary(n: number): string {
    let best = { i: 0, j: 0, v: -1 };
    for (let i = 0; i < n; i++)
      for (let j = 0; j <= i; j++) {
        const v = Math.abs(Number(this.matrix[i * n + j] ?? 0));
        if (v > best.v) best = { i, j, v };
      }
    const t = memoryWords().map;
    const word = (k: number) => t.word(this.tokens[k] ?? String(k + 1), k + 1);
    return t.summary(this.name, n, this.tone !== 'weight', word(best.i), word(best.j), best.v.toFixed(2));
  }

  override render() {
    const n = this.tokens.length;
    if (n === 0 || this.matrix.length !== n * n) return nothing;
    const longest = Math.max(...this.tokens.map((t) => t.length));
    const margin = Math.min(96, 14 + longest * 7);
    const size = margin + n * CELL;
    const max = this.scaleMax > 0 ? this.scaleMax : 1;
    const m = memoryWords().map;
    return html`<figure>
      <figcaption>${mathText(this.name)}</figcaption>
      <svg viewBox="0 0 ${size} ${size}" width=${size} role="img" aria-label=${this.summary(n)}>
        ${this.tokens.map(
          (t, i) => svg`<text x=${margin - 4} y=${margin + i * CELL + CELL / 2 + 4} text-anchor="end" translate="no">${t}</text>
            <text transform="translate(${margin + i * CELL + CELL / 2 + 4} ${margin - 4}) rotate(-60)" text-anchor="start" translate="no">${t}</text>`,
        )}
        ${Array.from({ length: n * n }, (_, k) => {
          const i = Math.floor(k / n);
          const j = k % n;
          const x = margin + j * CELL;
          const y = margin + i * CELL;
          if (j > i)
            return svg`<rect class="future" x=${x} y=${y} width=${CELL - GAP} height=${CELL - GAP} ${styleProps({ fill: 'var(--moe-grey-ec)' })}></rect>`;
          const v = Number(this.matrix[k] ?? 0);
          return svg`<rect class="cell" x=${x} y=${y} width=${CELL - GAP} height=${CELL - GAP} fill=${shade(Math.abs(v) / max, this.tone)}><title>${m.cellTitle(this.tokens[i] ?? '', this.tokens[j] ?? '', v.toFixed(3))}</title></rect>`;
        })}
      </svg>
      <p class="key">
        <svg width="70" height="10" aria-hidden="true"><defs><linearGradient id="g"><stop offset="0" stop-color=${shade(0, this.tone)}></stop><stop offset="1" stop-color=${shade(1, this.tone)}></stop></linearGradient></defs><rect width="70" height="10" fill="url(#g)" ${styleProps({ stroke: 'var(--moe-grey-99)' })}></rect></svg>
        ${m.key(max.toFixed(2), this.tone === 'diff')}
      </p>
      <details @toggle=${(e: Event) => (this.tableOpen = (e.target as HTMLDetailsElement).open)}>
        <summary>${m.table}${mathText(this.name)}</summary>
        ${this.tableOpen ? this.table(n) : nothing}
      </details>
    </figure>`;
  }

  /** The same numbers as a table: a row per token reading, a column per token read; "–" above the diagonal. */
  private table(n: number) {
    const m = memoryWords().map;
    const what = this.tone === 'weight' ? m.weights : m.changes;
    return html`<div class="table-wrap" role="region" aria-label=${m.regionLabel(what, this.name)} tabindex="0"><table>
      <caption class="vh">${m.tableCaption(what, this.name)}</caption>
      <thead><tr><th scope="col">${m.reads}</th>${this.tokens.map((t) => html`<th scope="col" translate="no">${t}</th>`)}</tr></thead>
      <tbody>
        ${this.tokens.map(
          (t, i) =>
            html`<tr><th scope="row" translate="no">${t}</th>${this.tokens.map((_, j) => html`<td>${j > i ? '–' : Number(this.matrix[i * n + j] ?? 0).toFixed(2)}</td>`)}</tr>`,
        )}
      </tbody>
    </table></div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'attention-map': AttentionMap;
  }
}
