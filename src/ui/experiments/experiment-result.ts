/**
 * One experiment's result as a picture, its numbers as a table, and what they mean in a sentence or
 * two. Plain data in (the result, the layer shown, whether the weights are trained); everything drawn
 * is read from the result. Experiment 1 has its own switch: first choice only, or all k choices.
 */
import { css, html, LitElement, nothing, type TemplateResult } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { Category } from '../../core/corpus';
import type { ClassShares } from '../../core/experiments';
import { pairedGap } from '../../core/experiments/equal-compute';
import type { ExperimentResult } from '../../state/experiment-runs';
import { CATEGORY_NAMES } from '../i18n/categories';
import { experimentsWords } from '../i18n/experiments';
import { getLang, LocaleController } from '../i18n/locale';
import { detailsTable } from '../shared/details-table';
import { formatCount, formatPercent, formatRatio } from '../shared/format';
import { expertColour, textOn } from '../shared/palette';
import { a11yStyles } from '../shared/shared-styles';
import { styleProps } from '../shared/style-props';
import { barChart, heatMap, lineChart, seriesColour } from './experiment-charts';

type Result<K extends ExperimentResult['experiment']> = Extract<ExperimentResult, { experiment: K }>;

/** What a result renders to. */
interface Drawn {
  picture: TemplateResult;
  /** The picture's accessible name (what it shows; the table has the numbers). */
  label: string;
  table: TemplateResult;
  meaning: string[];
}

const pct = (v: number): string => formatPercent(v, 1);
const nats = (v: number): string => v.toFixed(3);
const sci = (v: number): string => (v === 0 ? '0' : v.toExponential(2));
const className = (c: Category): string => CATEGORY_NAMES[getLang()][c] ?? c;
/** Classes with fewer tokens than this are left out of experiment 1's "most lopsided" sentence. */
const MIN_CLASS_TOKENS = 20;

@customElement('experiment-result')
export class ExperimentResultView extends LitElement {
  @property({ attribute: false }) result: ExperimentResult | null = null;
  @property({ type: Number }) layer = 0;
  @property({ type: Boolean }) trained = true;
  /** Experiment 1: count first choices only, or all k. */
  @state() private choice: 'first' | 'all' = 'first';
  private readonly i18n = new LocaleController(this);

  static override styles = [
    ...a11yStyles,
    css`
      :host { display: block; }
      figure { margin: var(--moe-sp-5) 0; overflow-x: auto; }
      .chart { width: 100%; max-width: 60rem; height: auto; font-family: var(--moe-font); }
      .chart.heat { min-width: 28rem; }
      .axis { fill: var(--moe-text-3, currentColor); }
      .value { font-variant-numeric: tabular-nums; }
      .axis-line, .grid { stroke: var(--moe-border); }
      .baseline { stroke: var(--moe-text); stroke-width: 2; stroke-dasharray: 5 3; }
      .band { fill: var(--moe-text); fill-opacity: 0.12; }
      .empty { fill: none; stroke: var(--moe-border); }
      .marked { stroke: var(--moe-text); stroke-width: 1.5; }
      .on-dark { fill: var(--moe-on-accent); }
      .on-light { fill: var(--moe-text); }
      .pair { display: grid; grid-template-columns: repeat(auto-fit, minmax(min(100%, 40rem), 1fr)); gap: var(--moe-sp-5) var(--moe-sp-8); }
      .pair h3 { font-size: var(--moe-fs-1); margin: 0 0 var(--moe-sp-2); }
      .meaning { font-size: var(--moe-fs-1); border-left: 4px solid var(--moe-accent); padding: var(--moe-sp-2) var(--moe-sp-6); margin: var(--moe-sp-5) 0; }
      .meaning p { margin: var(--moe-sp-2) 0; }
      fieldset { border: none; padding: 0; margin: 0 0 var(--moe-sp-3); display: flex; flex-wrap: wrap; gap: var(--moe-sp-3) var(--moe-sp-6); }
      legend { font-weight: 600; float: left; margin-right: var(--moe-sp-5); }
      table { border-collapse: collapse; font-variant-numeric: tabular-nums; margin-top: var(--moe-sp-3); }
      th, td { border: 1px solid var(--moe-border); padding: var(--moe-sp-1) var(--moe-sp-4); text-align: right; }
      th:first-child, td:first-child, td.text { text-align: left; }
      details { overflow-x: auto; }
      summary { cursor: pointer; font-weight: 600; }
      ol.uses { list-style: none; padding: 0; margin: 0; display: grid; gap: var(--moe-sp-3); }
      ol.uses li { display: flex; flex-wrap: wrap; align-items: baseline; gap: var(--moe-sp-3) var(--moe-sp-5); padding: var(--moe-sp-3) var(--moe-sp-5); border: 1px solid var(--moe-border); border-radius: 0.4rem; }
      .chip { display: inline-block; min-width: 2.2rem; text-align: center; border-radius: 0.3rem; padding: 0 var(--moe-sp-3); font-weight: 600; }
      .chip.first { outline: 2px solid var(--moe-text); outline-offset: 1px; }
      .context { flex: 1 1 20rem; }
      .counter { font-variant-numeric: tabular-nums; font-weight: 600; }
    `,
  ];

  override render() {
    const r = this.result;
    if (!r) return nothing;
    const d = this.draw(r);
    const m = experimentsWords();
    return html`${r.experiment === 'words' ? this.renderChoice() : nothing}
      <figure role="img" aria-label=${d.label} tabindex="0">${d.picture}</figure>
      <div class="meaning" aria-label=${m.meaning} role="note">${d.meaning.map((s) => html`<p>${s}</p>`)}</div>
      ${d.table}`;
  }

  private renderChoice() {
    const m = experimentsWords();
    const option = (v: 'first' | 'all', name: string) =>
      html`<label><input type="radio" name="choice" .checked=${this.choice === v} @change=${() => (this.choice = v)} /> ${name}</label>`;
    return html`<fieldset>
      <legend>${m.choiceKind}</legend>
      ${option('first', m.firstChoice)} ${option('all', m.allChoices)}
    </fieldset>`;
  }

  private draw(r: ExperimentResult): Drawn {
    switch (r.experiment) {
      case 'words':
        return this.words(r);
      case 'neighbours':
        return this.neighbours(r);
      case 'together':
        return this.together(r);
      case 'knockout':
        return this.knockout(r);
      case 'settles':
        return this.settles(r);
      case 'same-word':
        return this.sameWord(r);
      case 'compute':
        return this.compute(r);
    }
  }

  private at<T>(layers: readonly T[]): T {
    return (layers[Math.min(this.layer, layers.length - 1)] ?? layers[0]) as T;
  }

  private words(r: Result<'words'>): Drawn {
    const m = experimentsWords();
    const c: ClassShares = this.at(this.choice === 'first' ? r.first : r.all);
    // First choice: each class's shares add up to 1 (line 1/E); all choices: the OLMoE token shares (add up to k, line k/E).
    const values = c.rows.map((row) => (this.choice === 'first' ? row.shares : row.tokenShares));
    const base = this.choice === 'first' ? c.baseline : c.tokenBaseline;
    const max = Math.max(base, ...values.flat());
    let best: { cls: Category; e: number; v: number } | null = null;
    c.classes.forEach((cls, i) => {
      if ((c.rows[i]?.tokens ?? 0) < MIN_CLASS_TOKENS) return;
      (values[i] ?? []).forEach((v, e) => {
        if (!best || v > best.v) best = { cls, e, v };
      });
    });
    const b = best as { cls: Category; e: number; v: number } | null;
    const experts = Array.from({ length: c.experts }, (_, e) => m.chart.expert(e));
    return {
      picture: heatMap({ rows: c.classes.map(className), cols: experts, values, max, format: (v) => (v * 100).toFixed(0), mark: base }),
      label: m.chart.heatLabel(m.cards.words.title),
      table: detailsTable(
        m.tableSummary,
        html`<tr><th scope="col">${m.table.class}</th><th scope="col">n</th>${experts.map((e) => html`<th scope="col">${e}</th>`)}</tr>`,
        html`${c.classes.map(
          (cls, i) =>
            html`<tr><th scope="row">${className(cls)}</th><td>${formatCount(c.rows[i]?.tokens ?? 0)}</td>${(values[i] ?? []).map((v) => html`<td>${pct(v)}</td>`)}</tr>`,
        )}<tr><th scope="row">${m.chart.randomLine}</th><td></td>${experts.map(() => html`<td>${pct(base)}</td>`)}</tr>`,
      ),
      meaning: [
        ...(b ? [m.meanings.words(className(b.cls), b.e, pct(b.v), pct(base), formatRatio(b.v / base, 1))] : []),
        this.trained ? m.meanings.wordsTrained : m.meanings.wordsRandom,
      ],
    };
  }

  private neighbours(r: Result<'neighbours'>): Drawn {
    const m = experimentsWords();
    const groups = r.layers.map((n) => ({
      label: r.layers.length > 1 ? m.chart.layer(n.layer) : '',
      bars: [
        {
          name: m.chart.sameFirst,
          value: n.sameFirst.rate,
          baseline: n.sameFirst.baseline,
          band: 2 * n.sameFirst.standardError,
          colour: seriesColour(4),
        },
        {
          name: m.chart.shareAny,
          value: n.shareAny.rate,
          baseline: n.shareAny.baseline,
          band: 2 * n.shareAny.standardError,
          colour: seriesColour(0),
        },
      ],
    }));
    const n = this.at(r.layers);
    const z = n.sameFirst.z;
    const side = z > 2 ? 'above' : z < -2 ? 'below' : 'near';
    return {
      picture: barChart(
        groups,
        Math.min(
          1,
          Math.ceil(
            Math.max(...groups.flatMap((g) => g.bars.map((b) => Math.max(b.value, (b.baseline ?? 0) + (b.band ?? 0))))) * 10 + 0.5,
          ) / 10,
        ),
        pct,
        [
          { name: m.chart.sameFirst, colour: seriesColour(4) },
          { name: m.chart.shareAny, colour: seriesColour(0) },
        ],
      ),
      label: m.chart.barsLabel(m.cards.neighbours.title),
      table: detailsTable(
        m.tableSummary,
        html`<tr><th scope="col">${m.table.layer}</th><th scope="col">${m.table.measure}</th><th scope="col">${m.table.pairs}</th><th scope="col">${m.table.rate}</th><th scope="col">${m.chart.randomLine}</th><th scope="col">z</th></tr>`,
        html`${r.layers.flatMap((l) =>
          (['sameFirst', 'shareAny'] as const).map(
            (k) =>
              html`<tr><td>${l.layer + 1}</td><td class="text">${k === 'sameFirst' ? m.chart.sameFirst : m.chart.shareAny}</td><td>${formatCount(l[k].pairs)}</td><td>${pct(l[k].rate)}</td><td>${pct(l[k].baseline)}</td><td>${l[k].z.toFixed(1)}</td></tr>`,
          ),
        )}`,
      ),
      meaning: [
        m.meanings.neighbours(n.layer, pct(n.sameFirst.rate), pct(n.sameFirst.baseline), z.toFixed(1), side),
        m.meanings.neighboursWhy,
      ],
    };
  }

  private together(r: Result<'together'>): Drawn {
    const m = experimentsWords();
    const c = this.at(r.layers);
    const E = c.experts;
    const experts = Array.from({ length: E }, (_, e) => m.chart.expert(e));
    const pairs: { i: number; j: number; ratio: number; count: number; rate: number }[] = [];
    for (let i = 0; i < E; i++)
      for (let j = i + 1; j < E; j++)
        pairs.push({ i, j, ratio: c.uniformRatio[i]?.[j] ?? 0, count: c.counts[i]?.[j] ?? 0, rate: c.rate[i]?.[j] ?? 0 });
    const ratios = pairs.map((p) => p.ratio);
    const best = pairs.reduce<(typeof pairs)[number] | null>((a, p) => (!a || p.ratio > a.ratio ? p : a), null);
    const few = c.k < 2;
    return {
      picture: heatMap({
        rows: experts,
        cols: experts,
        values: c.uniformRatio,
        max: Math.max(2, ...ratios),
        format: (v) => v.toFixed(1),
        mark: 1,
      }),
      label: m.chart.heatLabel(m.cards.together.title),
      table: detailsTable(
        m.tableSummary,
        html`<tr><th scope="col">${m.table.pair}</th><th scope="col">${m.table.together}</th><th scope="col">${m.table.rate}</th><th scope="col">${m.table.ratio}</th></tr>`,
        html`${pairs.map((p) => html`<tr><th scope="row">${m.chart.expert(p.i)} + ${m.chart.expert(p.j)}</th><td>${formatCount(p.count)}</td><td>${pct(p.rate)}</td><td>${few ? '–' : formatRatio(p.ratio, 2)}</td></tr>`)}`,
      ),
      meaning:
        few || !best
          ? [m.meanings.togetherFew]
          : [m.meanings.together(best.i, best.j, formatRatio(best.ratio, 2), pairs.filter((p) => p.ratio < 1).length, pairs.length)],
    };
  }

  private knockout(r: Result<'knockout'>): Drawn {
    const m = experimentsWords();
    const layers = [...new Set(r.table.rows.map((row) => row.layer))];
    const layer = layers[Math.min(this.layer, layers.length - 1)] ?? 0;
    const rows = r.table.rows.filter((row) => row.layer === layer);
    const maxInc = Math.max(1e-6, ...rows.map((row) => row.increase));
    const maxUse = Math.max(r.table.uniform.firstChoice, ...rows.map((row) => row.firstChoice));
    const used = rows.reduce((a, row) => (row.firstChoice > a.firstChoice ? row : a), rows[0]!);
    const important = rows.reduce((a, row) => (row.increase > a.increase ? row : a), rows[0]!);
    const names = (row: (typeof rows)[number]) => m.chart.expert(row.expert);
    return {
      picture: html`<div class="pair">
        <div><h3>${m.chart.increase}</h3>${barChart([{ label: '', bars: rows.map((row) => ({ name: names(row), value: Math.max(0, row.increase), colour: expertColour(row.expert) })) }], maxInc, (v) => `+${nats(v)}`)}</div>
        <div><h3>${m.chart.usage}</h3>${barChart([{ label: '', bars: rows.map((row) => ({ name: names(row), value: row.firstChoice, baseline: r.table.uniform.firstChoice, colour: expertColour(row.expert) })) }], maxUse, pct)}</div>
      </div>`,
      label: m.chart.barsLabel(m.cards.knockout.title),
      table: detailsTable(
        m.tableSummary,
        html`<tr><th scope="col">${m.table.expert}</th><th scope="col">${m.table.usage}</th><th scope="col">${m.table.loss}</th><th scope="col">${m.table.increase}</th></tr>`,
        html`<tr><th scope="row">${m.chart.randomLine}</th><td>${pct(r.table.uniform.firstChoice)}</td><td>${nats(r.table.baseline)}</td><td>0</td></tr>
          ${rows.map((row) => html`<tr><th scope="row">${names(row)}</th><td>${pct(row.firstChoice)}</td><td>${nats(row.loss)}</td><td>${row.increase >= 0 ? '+' : ''}${nats(row.increase)}</td></tr>`)}
          ${r.topR.map((t) => html`<tr><th scope="row">${m.table.topR(t.r)}</th><td></td><td>${nats(t.loss)}</td><td>${t.increase >= 0 ? '+' : ''}${nats(t.increase)}</td></tr>`)}`,
      ),
      meaning: [
        used.expert === important.expert
          ? m.meanings.knockoutSame(used.expert, nats(important.increase))
          : m.meanings.knockout(used.expert, pct(used.firstChoice), important.expert, nats(important.increase)),
        m.meanings.knockoutWhy,
      ],
    };
  }

  private settles(r: Result<'settles'>): Drawn {
    const m = experimentsWords();
    const { steps, layers, baseline } = r.curve;
    const series = layers.map((per, l) => ({
      name: m.chart.layer(l),
      colour: seriesColour(l === 0 ? 4 : l - 1),
      points: per.map((y, i) => ({ x: steps[i] ?? 0, y })),
    }));
    const layer = Math.min(this.layer, layers.length - 1);
    const per = layers[layer] ?? [];
    const at = per.findIndex((v) => v >= 0.9);
    return {
      picture: lineChart(series, {
        xLabel: m.chart.step,
        yLabel: m.chart.saturation,
        xFormat: (v) => formatCount(Math.round(v)),
        yFormat: (v) => pct(v).replace('.0', ''),
        yMin: 0,
        yMax: 1,
        reference: { y: baseline, name: m.chart.randomLine },
      }),
      label: m.chart.linesLabel(m.cards.settles.title),
      table: detailsTable(
        m.tableSummary,
        html`<tr><th scope="col">${m.table.step}</th>${layers.map((_, l) => html`<th scope="col">${m.chart.layer(l)}</th>`)}</tr>`,
        html`${steps.map((s, i) => html`<tr><th scope="row">${s}</th>${layers.map((p) => html`<td>${pct(p[i] ?? 0)}</td>`)}</tr>`)}
          <tr><th scope="row">${m.chart.randomLine}</th>${layers.map(() => html`<td>${pct(baseline)}</td>`)}</tr>`,
      ),
      meaning: [...(at >= 0 ? [m.meanings.settles(layer, steps[at] ?? 0, pct(per[at] ?? 0))] : []), m.meanings.settlesWhy],
    };
  }

  private sameWord(r: Result<'same-word'>): Drawn {
    const m = experimentsWords();
    const s = this.at(r.layers);
    const chip = (e: number, first: boolean) => {
      const bg = expertColour(e);
      return html`<span class=${first ? 'chip first' : 'chip'} ${styleProps({ background: bg, color: textOn(bg) })}>${m.chart.expert(e)}</span>`;
    };
    const shown = s.occurrences.slice(0, 40);
    const picture = s.occurrences.length
      ? html`<ol class="uses">
          ${shown.map((o) => html`<li><span class="context" translate="no">${o.context}</span><span>${o.experts.map((e, i) => chip(e, i === 0))}</span></li>`)}
        </ol>`
      : html`<p>${m.noOccurrences(s.word)}</p>`;
    return {
      picture,
      label: m.chart.listLabel(m.cards['same-word'].title),
      table: detailsTable(
        m.tableSummary,
        html`<tr><th scope="col">${m.table.occurrence}</th><th scope="col">${m.table.first}</th><th scope="col">${m.table.experts}</th></tr>`,
        html`${s.occurrences.map((o) => html`<tr><td class="text" translate="no">${o.context}</td><td>${o.first === null ? '–' : m.chart.expert(o.first)}</td><td>${o.experts.map((e) => m.chart.expert(e)).join(' ')}</td></tr>`)}`,
      ),
      meaning:
        s.occurrences.length && s.modal !== null
          ? [m.meanings.sameWord(s.word, s.occurrences.length, pct(s.keepShare), s.modal), m.meanings.sameWordWhy]
          : [m.meanings.sameWordWhy],
    };
  }

  private compute(r: Result<'compute'>): Drawn {
    const m = experimentsWords();
    const line = (points: readonly { flops: number; loss: number }[]) => points.map((p) => ({ x: p.flops, y: p.loss }));
    const series = [
      { name: m.chart.moe, colour: seriesColour(4), points: line(r.moe) },
      { name: m.chart.dense, colour: seriesColour(5), points: line(r.dense), dashed: true },
    ];
    const lastMoe = r.moe[r.moe.length - 1];
    const lastDense = r.dense[r.dense.length - 1];
    const meaning: string[] = [];
    const tie = pairedGap(r.moe, r.dense);
    if (lastMoe && lastDense && tie) {
      meaning.push(
        m.meanings.compute(
          sci(Math.min(lastMoe.flops, lastDense.flops)),
          nats(tie.moe),
          nats(tie.dense),
          Math.abs(tie.gap) <= 2 * tie.error ? 'tie' : tie.gap < 0 ? 'moe' : 'dense',
        ),
      );
    }
    if (!r.done) meaning.push(m.meanings.computeRunning);
    const rows = r.moe.map((p, i) => ({ moe: p, dense: r.dense[i] }));
    return {
      picture: html`<p class="counter" role="status">${m.flopCounter(sci(lastMoe?.flops ?? 0), sci(lastDense?.flops ?? 0))}</p>
        ${lineChart(series, { xLabel: m.chart.flops, yLabel: m.chart.loss, xFormat: sci, yFormat: (v) => v.toFixed(1), yMin: Math.max(0, Math.floor(Math.min(...[...r.moe, ...r.dense].map((p) => p.loss)) - 0.5)) })}`,
      label: m.chart.linesLabel(m.cards.compute.title),
      table: detailsTable(
        m.tableSummary,
        html`<tr><th scope="col">${m.table.step}</th><th scope="col">${m.chart.moe} ${m.table.flops}</th><th scope="col">${m.chart.moe} ${m.table.loss}</th><th scope="col">${m.chart.dense} ${m.table.flops}</th><th scope="col">${m.chart.dense} ${m.table.loss}</th></tr>`,
        html`${rows.map((p) => html`<tr><th scope="row">${p.moe.step}</th><td>${sci(p.moe.flops)}</td><td>${nats(p.moe.loss)}</td><td>${p.dense ? sci(p.dense.flops) : ''}</td><td>${p.dense ? nats(p.dense.loss) : ''}</td></tr>`)}`,
      ),
      meaning,
    };
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'experiment-result': ExperimentResultView;
  }
}
