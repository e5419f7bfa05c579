/**
 * What the router saw for the current token: one bar per routed expert with its score, the chosen
 * experts marked with their gate weights (dropped ones said so), and what the router adds on top:
 * the noise on each logit (noisy top-k), the balancing bias and the kept groups (sigmoid with bias).
 * Up to 32 experts: one labelled row each. More: a thin-bar overview drawn at the panel's pixel
 * width, the chosen ones labelled, and a table of the top scores.
 */
import { scaleBand, scaleLinear } from 'd3-scale';
import { css, html, LitElement, nothing, svg } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { GateNorm, RouterKind } from '../../core/config';
import type { TokenRouting, TokenTrace } from '../../core/trace';
import { formatWeight } from '../shared/format';
import { LocaleController } from '../i18n/locale';
import { expertBackground, expertFill, expertPatternDefs } from '../shared/expert-patterns';
import { routerInfo } from './router-info';
import { dec, groupCount, HATCH, result, rowsOf, scoreName, signed, spread, valueText, type Row } from './router-rows';
import { WidthController } from '../shared/width-controller';
import { panelStyles } from '../shared/shared-styles';
import { simWords } from '../i18n/simulator';
import { styleProps } from '../shared/style-props';
import { paint } from '../shared/theme';
import { expertAxisLabels, labelWidth } from '../shared/axis-labels';
import { ChartFont } from '../shared/chart-font';

/** More routed experts than this: the compact overview. */
export const COMPACT_ABOVE = 32;
/** Rows of the compact view's table (the chosen ones are always added). */
const TOP_ROWS = 12;

@customElement('router-panel')
export class RouterPanel extends LitElement {
  @property({ attribute: false }) routing: TokenRouting | null = null;
  @property() router: RouterKind = 'softmax-topk';
  /** The gate-weight rule (config.gateNorm): said in words when it is the Switch rule. */
  @property() gateNorm: GateNorm = 'chosen';
  /** LayerTrace.bias (sigmoid-bias only). */
  @property({ attribute: false }) bias: readonly number[] | undefined = undefined;
  /** trace.shape.groupSize: experts per group (sigmoid-bias). */
  @property({ type: Number }) groupSize = 0;
  @property({ attribute: false }) token: TokenTrace | null = null;

  private readonly size = new WidthController(this);
  private readonly i18n = new LocaleController(this);

  static override styles = [
    ...panelStyles,
    css`
    .panel { container-type: inline-size; }
    .title { font-weight: 600; }
    code { font-size: var(--moe-fs-rel); background: var(--moe-grey-f1); padding: 0 var(--moe-sp-2); border-radius: 0.2rem; overflow-wrap: anywhere; }
    .src { color: var(--moe-muted, var(--moe-text-4)); }
    .caption { font-size: var(--moe-fs-base); color: var(--moe-muted, var(--moe-text-3)); }
    .rows { list-style: none; margin: var(--moe-sp-4) 0; padding: 0; display: grid; column-gap: var(--moe-sp-6);
      grid-template-columns: max-content minmax(5rem, 1fr) max-content auto; }
    .rows > li { display: grid; grid-column: 1 / -1; grid-template-columns: subgrid; align-items: center;
      padding: var(--moe-sp-1) var(--moe-sp-3); border-radius: 0.25rem; min-height: 1.4rem; }
    .rows .head { font-size: var(--moe-fs-s); color: var(--moe-muted, var(--moe-text-4)); }
    .rows.large .head { font-size: var(--moe-fs-base); }
    .e, .v, td { font-variant-numeric: tabular-nums; }
    .track { position: relative; display: block; height: 0.95rem; background: var(--moe-track); border-radius: 2px; }
    .fill { position: absolute; inset: 0 auto 0 0; background: var(--moe-idle); border-radius: 2px; }
    li.chosen .fill { box-shadow: inset 0 0 0 2px var(--moe-ink); }
    .tick { position: absolute; top: -3px; bottom: -3px; width: 3px; margin-left: calc(-1 * var(--moe-sp-1)); background: var(--moe-ink); }
    .noise { position: relative; display: block; height: 0.4rem; margin-top: var(--moe-sp-1);
      background: linear-gradient(var(--moe-text-6), var(--moe-text-6)) center / 1px 100% no-repeat; }
    .noise > span { position: absolute; top: 0; bottom: 0; background: var(--moe-purple); }
    li.chosen { box-shadow: inset 0 0 0 2px var(--moe-ink); font-weight: 700; }
    li.kept, tr.kept { background: var(--moe-kept); }
    li.out { color: var(--moe-text-5); }
    .dropped .res { color: var(--moe-error); }
    li.group { display: block; font-weight: 600; font-size: var(--moe-fs-m); margin-top: var(--moe-sp-2); }
    li.group.kept { background: var(--moe-kept-group); }
    svg { display: block; width: 100%; height: auto; }
    svg text { font-family: var(--moe-font); fill: var(--moe-text); }
    .table-wrap { overflow-x: auto; }
    table { border-collapse: collapse; font-size: var(--moe-fs-m); margin-top: var(--moe-sp-4); width: 100%; }
    caption { text-align: left; font-weight: 600; padding-bottom: var(--moe-sp-2); }
    th, td { text-align: left; padding: var(--moe-sp-1) var(--moe-sp-4); border-bottom: var(--moe-line, 1px) solid var(--moe-rule); }
    th { word-break: keep-all; }
    tr.chosen td { font-weight: 700; }
    tr.chosen td:first-child { box-shadow: inset 4px 0 0 var(--moe-ink); }
    /* Narrower panels: the result, then also the numbers, move under the bar. */
    @container (max-width: 34rem) {
      .rows { grid-template-columns: max-content minmax(4rem, 1fr) max-content; }
      .rows .res { grid-column: 2 / -1; }
      .rows .head .res { display: none; }
    }
    @container (max-width: 24rem) {
      .rows { grid-template-columns: max-content minmax(3rem, 1fr); }
      .rows .v { grid-column: 2 / -1; }
      .rows .head .v { display: none; }
      table, tbody, tr, td, caption { display: block; }
      thead { display: none; }
      tr { display: flex; flex-wrap: wrap; column-gap: var(--moe-sp-6); padding: var(--moe-sp-1) var(--moe-sp-3); border-bottom: var(--moe-line, 1px) solid var(--moe-rule); }
      td { border: 0; padding: 0; }
      tr.chosen { box-shadow: inset 4px 0 0 var(--moe-ink); padding-left: var(--moe-sp-7); }
      tr.chosen td:first-child { box-shadow: none; }
      td[data-h]::before { content: attr(data-h) ' '; font-weight: 400; color: var(--moe-muted, var(--moe-text-4)); }
    }
  `,
  ];

  override render() {
    const m = simWords().router;
    const info = routerInfo(this.router);
    const head = html`<p class="formula"><strong>${info.name}</strong>${m.nameGap}<span class="src">${m.source(info.source)}</span>${m.formulaGap}<code>${info.formula}</code></p>`;
    const r = this.routing;
    if (!r || r.scores.length === 0) return html`<div class="panel">${head}<p role="status">${m.noToken}</p></div>`;
    const rows = rowsOf(r, this.router, this.bias, this.groupSize);
    const compact = rows.length > COMPACT_ABOVE;
    const tok = this.token;
    return html`<div class="panel">
      ${head}
      <p class="caption">${simWords().sentences([info.words, this.howToRead(r, compact)])}</p>
      ${this.gateNorm === 'all' && this.router !== 'expert-choice' ? html`<p class="caption gate-all">${m.gateAll}</p>` : nothing}
      <p class="title">
        ${m.title(tok ? tok.text : null, tok ? tok.index + 1 : 0, rows.length)}
      </p>
      ${compact ? [this.renderChart(rows, r), this.renderTable(rows)] : this.renderRows(rows, r)}
      <p class="outcome">${this.outcome(rows, r)}</p>
    </div>`;
  }

  private howToRead(r: TokenRouting, compact: boolean): string {
    const m = simWords().router;
    const parts = [m.bars(scoreName(this.router))];
    parts.push(this.router === 'expert-choice' ? m.markedPicked : m.markedChosen);
    if (this.router === 'noisy-topk' && r.noise) {
      parts.push(compact ? m.noiseStrip : m.noiseRows);
    }
    if (this.router === 'sigmoid-bias' && r.biased) {
      if (!compact) parts.push(m.biasTick);
      const g = groupCount(r, this.groupSize);
      if (g > 1) parts.push(m.shadedGroups(r.keptGroups?.length ?? 0, g));
    }
    return simWords().sentences(parts);
  }

  private outcome(rows: Row[], r: TokenRouting): string {
    const chosen = rows.filter((x) => x.choice >= 0).sort((a, b) => a.choice - b.choice);
    const t = simWords();
    const m = t.router;
    const list = t.list(chosen.map((x) => (x.dropped ? m.outcomeDropped(x.e) : m.outcomeWeight(x.e, formatWeight(x.weight)))));
    let text = chosen.length ? m.chosen(list) : m.nonePicked;
    if (r.skipped) text += m.skipped;
    const g = groupCount(r, this.groupSize);
    if (g > 1) text += m.keptGroups(t.list((r.keptGroups ?? []).map(String)), g);
    return text;
  }

  private renderRows(rows: Row[], r: TokenRouting) {
    const max = Math.max(1e-12, ...rows.map((x) => Math.max(x.score, x.pick)));
    const noiseMax = Math.max(1e-12, ...rows.map((x) => Math.abs(x.noise ?? 0)));
    const groups = groupCount(r, this.groupSize);
    const size = rows.length / groups;
    const m = simWords().router;
    const valueHead =
      this.router === 'sigmoid-bias' && r.biased
        ? m.valueBias
        : this.router === 'noisy-topk' && r.noise
          ? m.valueNoise
          : scoreName(this.router);
    const row = (x: Row) => {
      const fill = x.dropped ? HATCH : x.choice >= 0 ? expertBackground(x.e) : '';
      const n = x.noise;
      const nw = n === undefined ? 0 : (50 * Math.abs(n)) / noiseMax;
      return html`<li class="row ${x.choice >= 0 ? 'chosen' : ''} ${x.dropped ? 'dropped' : ''} ${groups > 1 ? (x.kept ? 'kept' : 'out') : ''}">
        <span class="e">E${x.e}</span>
        <span class="bar" aria-hidden="true">
          <span class="track">
            <span class="fill" ${styleProps({ width: `${((100 * x.score) / max).toFixed(2)}%`, background: fill })}></span>
            ${x.bias !== undefined ? html`<span class="tick" ${styleProps({ left: `${((100 * Math.max(0, x.pick)) / max).toFixed(2)}%` })}></span>` : nothing}
          </span>
          ${n !== undefined ? html`<span class="noise"><span ${styleProps({ left: `${(n >= 0 ? 50 : 50 - nw).toFixed(2)}%`, width: `${nw.toFixed(2)}%` })}></span></span>` : nothing}
        </span>
        <span class="v">${valueText(x)}</span>
        <span class="res">${result(x)}</span>
      </li>`;
    };
    const kept = r.keptGroups ?? [];
    // Presenter-sized text (chartFontPx ≥ 20): the column heads no smaller than the chart's 20 px.
    return html`<ol class="rows ${this.fontPx() >= 20 ? 'large' : ''}" aria-label=${m.rowsLabel}>
      <li class="head" aria-hidden="true"><span class="e">${m.expert}</span><span></span><span class="v">${valueHead}</span><span class="res">${m.result}</span></li>
      ${
        groups > 1
          ? Array.from({ length: groups }, (_, g) => {
              const rank = kept.indexOf(g);
              return html`<li class="group ${rank >= 0 ? 'kept' : ''}">
                ${rank >= 0 ? m.groupKept(g, rank + 1, kept.length) : m.groupNotKept(g)}
              </li>
              ${rows.slice(g * size, (g + 1) * size).map(row)}`;
            })
          : rows.map(row)
      }
    </ol>`;
  }

  private readonly font = new ChartFont();

  /** The chart's text size in px, from the host's font (20 px or more in presenter mode). */
  private fontPx(): number {
    return this.font.read(this, this.size.width);
  }

  private renderChart(rows: Row[], r: TokenRouting) {
    const m = simWords().router;
    const W = this.size.width || 600;
    const E = rows.length;
    const font = this.fontPx();
    const band = scaleBand<number>()
      .domain(rows.map((x) => x.e))
      .range([0, W]);
    const slot = band.step();
    const left = (e: number) => band(e) ?? 0;
    const mid = (e: number) => left(e) + slot / 2;
    const max = Math.max(1e-12, ...rows.map((x) => x.score));
    const chosen = rows.filter((x) => x.choice >= 0);
    // Chosen experts: two-line labels (number, weight) in one row, spread apart, with leader lines;
    // the text gives way down to 9 px, then only the first choices keep a label (the outcome below names all).
    const texts = (x: Row) => [`E${x.e}`, x.dropped ? m.drop : formatWeight(x.weight)];
    const units = Math.max(1, ...chosen.flatMap((x) => texts(x).map((t) => labelWidth(t, 1, true))));
    const fits = (f: number) => Math.floor(W / (units * f + f / 2));
    const lf = Math.max(9, Math.min(font, W / Math.max(1, chosen.length) / (units + 0.5)));
    const labelled = chosen.filter((x) => x.choice < fits(lf));
    const labelW = units * lf + lf / 2;
    const at = spread(
      labelled.map((x) => mid(x.e)),
      labelW,
      W,
    );
    const top = Math.ceil(2.6 * lf + 14);
    const base = top + Math.max(120, font * 6);
    const noise = this.router === 'noisy-topk' && r.noise ? rows.map((x) => x.noise ?? 0) : null;
    const noiseMax = Math.max(1e-12, ...(noise ?? []).map(Math.abs));
    const noiseMid = base + font + 20;
    const axis = noise ? noiseMid + 16 : base;
    const groups = groupCount(r, this.groupSize);
    const gw = W / groups;
    const H = Math.ceil(axis + font * 1.3 + 6 + (groups > 1 ? font * 1.3 + 4 : 0));
    const y = scaleLinear().domain([0, max]).range([base, top]).clamp(true);
    const names = expertAxisLabels(E, mid, font, 0, W);
    const summary = m.chartSummary(E, scoreName(this.router), dec(Math.min(...rows.map((x) => x.score))), dec(max), this.outcome(rows, r));
    return html`<svg viewBox="0 0 ${W} ${H}" role="img" aria-label=${summary} ${styleProps({ 'font-size': `${font.toFixed(1)}px` })}>
      <defs>${expertPatternDefs(
        'rp',
        chosen.map((x) => x.e),
      )}</defs>
      ${
        groups > 1
          ? (r.keptGroups ?? []).map(
              (g) =>
                svg`<rect x=${g * gw} y=${top} width=${gw} height=${base - top} ${styleProps({ fill: 'var(--moe-kept-group)' })}></rect>`,
            )
          : nothing
      }
      ${
        groups > 1
          ? Array.from(
              { length: groups - 1 },
              (_, g) =>
                svg`<line x1=${(g + 1) * gw} x2=${(g + 1) * gw} y1=${top} y2=${base} ${styleProps({ stroke: 'var(--moe-group-line)' })} stroke-dasharray="3 3"></line>`,
            )
          : nothing
      }
      ${rows.map((x) => {
        const fill = x.dropped ? paint('error') : x.choice >= 0 ? expertFill(x.e, 'rp') : paint('idle');
        return svg`<rect x=${left(x.e)} y=${y(x.score)} width=${Math.max(1, slot - (slot > 3 ? 1 : 0))} height=${base - y(x.score)} ${styleProps({ fill })}></rect>`;
      })}
      ${chosen.map((x) => {
        const bw = Math.max(5, slot + 2);
        return svg`<rect x=${mid(x.e) - bw / 2} y=${top} width=${bw} height=${base - top} fill="none" ${styleProps({ stroke: 'var(--moe-ink)' })} stroke-width="1.5"></rect>`;
      })}
      ${labelled.map((x, i) => {
        const lx = at[i] as number;
        const [name, value] = texts(x);
        return svg`<line x1=${lx} y1=${2.6 * lf + 2} x2=${mid(x.e)} y2=${top} ${styleProps({ stroke: 'var(--moe-ink)' })}></line>
          <text x=${lx} y=${lf} text-anchor="middle" ${styleProps({ 'font-size': `${lf.toFixed(1)}px`, 'font-weight': 700 })}>${name}</text>
          <text x=${lx} y=${2.3 * lf} text-anchor="middle" ${styleProps({ 'font-size': `${lf.toFixed(1)}px`, fill: paint(x.dropped ? 'error' : 'text') })}>${value}</text>`;
      })}
      <line x1="0" x2=${W} y1=${base} y2=${base} ${styleProps({ stroke: 'var(--moe-text-3)' })}></line>
      ${
        noise
          ? svg`<text x="0" y=${base + font + 2}>${m.noiseAxis}</text>
            <line x1="0" x2=${W} y1=${noiseMid} y2=${noiseMid} ${styleProps({ stroke: 'var(--moe-grey-99)' })}></line>
            ${noise.map((n, e) => {
              const h = (12 * Math.abs(n)) / noiseMax;
              return svg`<rect x=${e * slot} y=${n >= 0 ? noiseMid - h : noiseMid} width=${Math.max(1, slot - (slot > 3 ? 1 : 0))} height=${h} ${styleProps({ fill: 'var(--moe-purple)' })}></rect>`;
            })}`
          : nothing
      }
      ${names.map((l) => svg`<text class="name" x=${l.x} y=${axis + font + 2} text-anchor="middle">${l.text}</text>`)}
      ${
        groups > 1
          ? Array.from({ length: groups }, (_, g) => {
              const kept = (r.keptGroups ?? []).includes(g);
              const text = m.groupLabels(g, kept).find((t) => labelWidth(t, font) + font / 2 <= gw) ?? '';
              return svg`<text class="group" x=${(g + 0.5) * gw} y=${axis + 2.3 * font + 6} text-anchor="middle" ${styleProps({ 'font-weight': kept ? 700 : 400 })}>${text}</text>`;
            })
          : nothing
      }
    </svg>`;
  }

  private renderTable(rows: Row[]) {
    const byPick = rows.slice().sort((a, b) => b.pick - a.pick || a.e - b.e);
    const rank = new Map(byPick.map((x, i) => [x.e, i + 1]));
    const shown = byPick.filter((x, i) => i < TOP_ROWS || x.choice >= 0);
    const sig = this.router === 'sigmoid-bias' && rows.some((x) => x.bias !== undefined);
    const noisy = this.router === 'noisy-topk' && rows.some((x) => x.noise !== undefined);
    const grouped = rows.some((x) => !x.kept);
    const score = this.router === 'sigmoid-bias' ? 's' : 'p';
    const m = simWords().router;
    const name = scoreName(this.router);
    // Scrolls sideways when the panel is narrow: focusable, so the keyboard can scroll it too.
    return html`<div class="table-wrap" role="region" aria-labelledby="top-caption" tabindex="0"><table>
      <caption id="top-caption">${m.tableCaption(Math.min(TOP_ROWS, rows.length), sig ? m.sPlusBias : name, shown.length > TOP_ROWS)}</caption>
      <thead><tr>
        <th scope="col">${m.rank}</th><th scope="col">${m.expert}</th><th scope="col">${name}</th>
        ${sig ? html`<th scope="col">${m.bias}</th><th scope="col">${m.sPlusBias}</th>` : nothing}
        ${noisy ? html`<th scope="col">${m.noiseOnLogit}</th>` : nothing}
        ${grouped ? html`<th scope="col">${m.group}</th>` : nothing}
        <th scope="col">${m.result}</th>
      </tr></thead>
      <tbody>
        ${shown.map(
          (x) => html`<tr class="${x.choice >= 0 ? 'chosen' : ''} ${x.dropped ? 'dropped' : ''} ${grouped && x.kept ? 'kept' : ''}">
            <td>${rank.get(x.e)}.</td><td>E${x.e}</td><td data-h=${score}>${dec(x.score)}</td>
            ${sig ? html`<td data-h=${m.bias}>${signed(x.bias ?? 0)}</td><td data-h=${m.sPlusBias}>${dec(x.pick)}</td>` : nothing}
            ${noisy ? html`<td data-h=${m.noiseShort}>${signed(x.noise ?? 0, 2)}</td>` : nothing}
            ${grouped ? html`<td data-h=${m.group}>${m.groupCell(x.group, x.kept)}</td>` : nothing}
            <td class="res">${result(x) || (x.kept ? m.notChosen : m.groupNotKeptCell)}</td>
          </tr>`,
        )}
      </tbody>
    </table></div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'router-panel': RouterPanel;
  }
}
