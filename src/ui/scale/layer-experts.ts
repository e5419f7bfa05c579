/**
 * One MoE layer of a model, drawn as every one of its experts (256 blocks for DeepSeek-V3), in
 * their router groups when the router uses groups. The experts the last routed token chose are lit in
 * their own colour and pattern, with a bar along the bottom as long as the gate weight is against the
 * largest (the legend's swatches are theirs); shared experts are always lit; groups the router did not keep
 * are faded. The same is said in words below, so nothing hangs on colour. A button asks the shell to
 * route another random token (RouteTokenEvent).
 */
import { css, html, LitElement, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { guard } from 'lit/directives/guard.js';
import type { RouterKind } from '../../core/config';
import type { RealRoute } from '../../core/real-route';
import type { ScaleModel } from '../../core/scale-model';
import { formatPercent, formatWeight } from '../shared/format';
import { getLang, LocaleController } from '../i18n/locale';
import { richText } from '../shared/math-text';
import { expertColour, textOn } from '../shared/palette';
import { expertBackground } from '../shared/expert-patterns';
import { formatExact, formatScale, modelInSentence } from './scale-format';
import { RouteTokenEvent } from './scale-events';
import { textBlockStyles } from '../shared/shared-styles';
import { WidthController } from '../shared/width-controller';
import { ChartFont } from '../shared/chart-font';
import { scaleWords } from '../i18n/scale';
import { styleProps } from '../shared/style-props';

/** More experts than this are described in words only. */
export const MAX_DRAWN = 2048;
const TARGET_HEIGHT = 260;

/** Columns of one group's rectangle: the divisor of its size (at least √size) nearest a 2:1 shape, so rows are full. */
export function groupColumns(size: number): number {
  const target = Math.sqrt(2 * size);
  let best = size;
  for (let c = Math.ceil(Math.sqrt(size)); c <= size; c++) if (size % c === 0 && Math.abs(c - target) < Math.abs(best - target)) best = c;
  return best;
}

@customElement('layer-experts')
export class LayerExperts extends LitElement {
  @property({ attribute: false }) model: ScaleModel | null = null;
  @property({ attribute: false }) route: RealRoute | null = null;
  /** Milliseconds the last routing took in this browser. */
  @property({ type: Number }) elapsed: number | null = null;
  /** The last routing also drew the random router weights (the first token through a router). */
  @property({ type: Boolean }) drewWeights = false;
  /** Share of the random router weights drawn so far while a large router is drawn (null when not drawing). */
  @property({ attribute: false }) drawing: number | null = null;
  /** Why routing could not run (e.g. a router too large), shown instead of the result. */
  @property() problem: string | null = null;
  /** The toy's router kind, to word the toy's rule (its rule alone does not tell expert choice from top-k). */
  @property() toyRouter: RouterKind | null = null;

  private readonly size = new WidthController(this);
  private readonly chartFont = new ChartFont();
  private readonly i18n = new LocaleController(this);

  static override styles = [
    ...textBlockStyles,
    css`
    .rule { font-size: var(--moe-fs-base); }
    .layer { display: flex; flex-wrap: wrap; gap: var(--moe-sp-5); align-items: flex-start; margin: var(--moe-sp-5) 0; }
    .group { border: 2px solid var(--moe-text-3); border-radius: 0.35rem; padding: var(--moe-sp-2) var(--moe-sp-3) var(--moe-sp-3); background: var(--moe-surface); }
    .group.dropped { border: 2px dashed var(--moe-grey-aa); background: var(--moe-grey-f4); }
    /* Faded, but its labels still readable (4.5:1): lighter fill and ring, grey text. */
    .group.dropped .b { background: var(--moe-grey-f7); color: var(--moe-text-6); box-shadow: inset 0 0 0 1px var(--moe-grey-c8); }
    .group.shared { border-color: var(--moe-shared); background: var(--moe-grey-f1); }
    .gname { display: block; font-size: var(--moe-fs-xs); font-weight: 600; color: var(--moe-text-3); margin-bottom: var(--moe-sp-1); white-space: nowrap; }
    .group.dropped .gname { color: var(--moe-text-6); font-weight: 400; }
    .blocks { display: flex; flex-wrap: wrap; }
    .b { box-sizing: border-box; display: flex; flex-direction: column; align-items: center; justify-content: center; overflow: hidden;
      border-radius: 2px; background: var(--moe-idle-bg); color: var(--moe-text-4); box-shadow: inset 0 0 0 1px var(--moe-idle-line); line-height: 1.05;
      font-variant-numeric: tabular-nums; }
    .b.on { box-shadow: inset 0 0 0 var(--ring, 3px) var(--moe-ink); font-weight: 700; }
    /* On a patterned block the text sits on its solid colour. */
    .b > span { background: var(--solid, transparent); padding: 0 var(--moe-sp-1); border-radius: 2px; }
    .b.sh { background: var(--moe-shared); color: var(--moe-on-accent); box-shadow: inset 0 0 0 var(--ring, 3px) var(--moe-ink), inset 0 0 0 calc(var(--ring, 3px) + 2px) var(--moe-surface); }
    .controls { display: flex; flex-wrap: wrap; gap: var(--moe-sp-7); align-items: center; margin: var(--moe-sp-5) 0; }
    button { font: inherit; font-weight: 600; padding: var(--moe-sp-4) var(--moe-sp-8); border-radius: 0.35rem; border: 1px solid var(--moe-accent-edge-2); background: var(--moe-accent); color: var(--moe-on-accent); cursor: pointer; }
    .result { font-variant-numeric: tabular-nums; }
    .note { font-size: var(--moe-fs-m); color: var(--moe-text-4); border-left: 4px solid var(--moe-orange); padding-left: var(--moe-sp-5); }
    .problem { color: var(--moe-error); font-weight: 600; }
    .legend { display: flex; flex-wrap: wrap; gap: var(--moe-sp-3) var(--moe-sp-8); list-style: none; padding: 0; margin: var(--moe-sp-3) 0 0; font-size: var(--moe-fs-m); }
    .legend li { display: flex; align-items: center; gap: var(--moe-sp-3); }
    .legend .b { width: 1.1rem; height: 1.1rem; --ring: 2px; }
    .legend .g { width: 1.1rem; height: 0.8rem; border: 2px solid var(--moe-text-3); border-radius: 0.2rem; }
    .legend .g.dropped { border: 2px dashed var(--moe-grey-aa); }
  `,
  ];

  override render() {
    const m = this.model;
    const t = scaleWords().layer;
    if (!m) return html`<p role="status">${t.noModel}</p>`;
    const L = m.layer;
    return html`
      <p class="rule"><strong>${t.rule}</strong> ${this.ruleText(m)}</p>
      ${
        L.experts + L.shared <= MAX_DRAWN
          ? // Up to 2,048 blocks: drawn again only when what they show changes (not while a router is drawn).
            guard([m, this.route, this.size.width, getLang()], () => this.renderLayer(m))
          : html`<p>${t.tooMany(formatExact(L.experts))}</p>`
      }
      <div class="controls">
        <button type="button" @click=${() => this.dispatchEvent(new RouteTokenEvent())}>${t.route}</button>
        <span>${t.routeHint}</span>
      </div>
      <p class="result" role="status" aria-live="polite">${this.problem ? html`<span class="problem">${this.problem}</span>` : this.drawing !== null ? this.drawingText() : this.resultText(m)}</p>
      <p class="note">${richText(t.note(m.layer.nGroup > 1, m.kind === 'real' ? m.name : null))}${m.router.selectionBias ? t.selectionBias : nothing}</p>
    `;
  }

  /**
   * Block sizes in pixels from the panel's width: grouped layers are a grid of group boxes (at most 4
   * per row, rows balanced), each a rectangle of blocks; ungrouped layers fill about TARGET_HEIGHT.
   */
  private layout(m: ScaleModel): { side: number; gap: number; cols: number | null; sharedSide: number } {
    const W = this.size.width || 700;
    const L = m.layer;
    const ratio = Math.sqrt(Math.max(1, L.sharedParams / Math.max(1, L.routedParams)));
    let side: number;
    let cols: number | null = null;
    if (L.nGroup > 1) {
      const size = L.experts / L.nGroup;
      cols = groupColumns(size);
      const perRow = Math.ceil(L.nGroup / Math.ceil(L.nGroup / 4));
      const gap = 3;
      // Each group box adds 2 px borders and 0.3rem padding on both sides (about 14 px; 18 to be safe).
      side = Math.floor(((W - (perRow - 1) * 8) / perRow - 18) / cols - gap);
      const groupRows = Math.ceil(L.nGroup / perRow);
      const rows = Math.ceil(size / cols);
      // Not much taller than the target either.
      side = Math.min(side, Math.floor((TARGET_HEIGHT * 1.3) / groupRows / rows - gap - 4));
    } else {
      const n = L.experts + L.shared * ratio * ratio;
      side = Math.floor(Math.sqrt((W * TARGET_HEIGHT) / n) * 0.85) - 3;
    }
    side = Math.max(7, Math.min(56, side));
    return { side, gap: side >= 20 ? 3 : 2, cols, sharedSide: Math.min(3 * side, Math.round(side * ratio)) };
  }

  private renderLayer(m: ScaleModel) {
    const L = m.layer;
    const r = this.route;
    const { side, gap, cols, sharedSide } = this.layout(m);
    const weightOf = new Map<number, number>();
    r?.chosen.forEach((e, j) => weightOf.set(e, r.weights[j] as number));
    const maxW = Math.max(1e-12, ...(r?.weights ?? [1]));
    const kept = r?.keptGroups ? new Set(r.keptGroups) : null;
    const groupSize = L.experts / L.nGroup;
    const groupWidth = cols !== null ? cols * (side + gap) : undefined;
    const t = scaleWords().layer;
    return html`
      <div role="img" aria-label=${this.summary(m)}>
        ${
          L.shared > 0
            ? html`<div class="layer">
              <div class="group shared">
                <span class="gname">${t.sharedGroup(L.shared)}</span>
                <div class="blocks" ${styleProps({ gap: `${gap}px` })}>
                  ${Array.from({ length: L.shared }, (_, s) => this.block(`S${s}`, sharedSide, 'sh', null, null, maxW))}
                </div>
              </div>
            </div>`
            : nothing
        }
        <div class="layer">
          ${Array.from({ length: L.nGroup }, (_, g) => {
            const dropped = kept !== null && !kept.has(g);
            const label = L.nGroup > 1 ? t.group(g + 1, kept ? !dropped : null) : t.routedAll(formatExact(L.experts));
            return html`<div class="group ${dropped ? 'dropped' : ''}" data-group=${g}>
              <span class="gname">${label}</span>
              <div class="blocks" ${styleProps({ gap: `${gap}px`, width: groupWidth ? `${groupWidth}px` : null })}>
                ${Array.from({ length: groupSize }, (_, i) => {
                  const e = g * groupSize + i;
                  const w = weightOf.get(e) ?? null;
                  return this.block(`E${e}`, side, w !== null ? 'on' : '', w, e, maxW);
                })}
              </div>
            </div>`;
          })}
        </div>
      </div>
      <ul class="legend" aria-hidden="true">
        <li><span class="b"></span>${t.idle}</li>
        <li>
          ${(r?.chosen ?? []).map((e) => html`<span class="b on" data-expert=${e} ${styleProps({ background: expertBackground(e) })}></span>`)}${t.chosen}
        </li>
        ${L.shared ? html`<li><span class="b sh"></span>${t.sharedOn}</li>` : nothing}
        ${L.nGroup > 1 ? html`<li><span class="g"></span>${t.groupKept}</li><li><span class="g dropped"></span>${t.groupDropped}</li>` : nothing}
      </ul>
      <p class="caption">${t.caption(formatScale(L.routedParams), L.shared ? formatScale(L.sharedParams) : null, L.moeLayers, L.denseLayers)}</p>
    `;
  }

  /**
   * One block: `expert` is the routed expert's number, null for a shared one. In presenter mode its
   * text is at the charts' size (at least 20 px), shown only where the block holds it.
   */
  private block(label: string, side: number, cls: string, weight: number | null, expert: number | null, maxW: number) {
    const ring = side >= 30 ? 3 : side >= 14 ? 2 : 1;
    const chart = this.chartFont.read(this, this.size.width);
    const font = chart >= 20 ? chart : Math.min(13, Math.max(8, side / 3.2));
    const style: Record<string, string> = {
      width: `${side}px`,
      height: `${side}px`,
      'font-size': `${font.toFixed(1)}px`,
      '--ring': `${ring}px`,
    };
    if (weight !== null && expert !== null) {
      // The gate weight against the largest: the length of the bar along the bottom.
      const bar = ring + Math.max(2, Math.round(side * 0.08));
      style.background = `linear-gradient(var(--moe-ink), var(--moe-ink)) left bottom / ${Math.round((100 * weight) / maxW)}% ${bar}px no-repeat, ${expertBackground(expert)}`;
      style.color = textOn(expertColour(expert));
      style['--solid'] = expertColour(expert);
    }
    const showLabel = side >= label.length * 0.62 * font + 6 && side >= 18;
    const showWeight = weight !== null && side >= 2.6 * font + 4 && side >= 34;
    const t = scaleWords().layer;
    const title = cls === 'sh' ? t.titleShared(label) : weight !== null ? t.titleChosen(label, formatWeight(weight)) : label;
    return html`<div class="b ${cls}" ${styleProps(style)} title=${title} data-label=${label}>
      ${showLabel ? html`<span>${label}</span>` : nothing}
      ${showWeight ? html`<span>${formatWeight(weight)}</span>` : nothing}
    </div>`;
  }

  private ruleText(m: ScaleModel): string {
    return scaleWords().core.routerRule({
      rule: m.router,
      modelType: m.modelType,
      toyRouter: m.kind === 'toy' ? this.toyRouter : null,
      experts: m.layer.experts,
      topK: m.layer.topK,
      shared: m.layer.shared,
    });
  }

  /** While a large router is drawn over several tasks: a progress bar and the share drawn. */
  private drawingText() {
    const t = scaleWords().layer;
    const share = this.drawing ?? 0;
    return html`<progress max="1" .value=${share} aria-label=${t.drawingLabel}></progress> ${t.drawing(formatPercent(share))}`;
  }

  private resultText(m: ScaleModel) {
    const r = this.route;
    const t = scaleWords().layer;
    if (!r) return t.press;
    const L = m.layer;
    const lit = r.chosen.map((e, j) => t.chosenItem(`E${e}`, formatWeight(r.weights[j] as number))).join(t.listSep);
    const used = L.topK * L.routedParams + L.shared * L.sharedParams;
    const all = L.experts * L.routedParams + L.shared * L.sharedParams;
    const groups = r.keptGroups ? t.groupsKept(r.keptGroups.map((g) => g + 1).join(t.listSep), L.nGroup) : '';
    const sharedList = Array.from({ length: L.shared }, (_, s) => `S${s}`).join(t.listSep);
    const shared = L.shared ? t.sharedRun(sharedList, L.shared, r.sharedGate !== null ? formatWeight(r.sharedGate) : null) : '';
    const ms = this.elapsed === null ? '' : this.elapsed < 1 ? t.under1 : String(Math.round(this.elapsed));
    const timing = ms ? t.timing(ms, this.drewWeights) : '';
    return html`<strong>${t.token(r.seed)}</strong>${t.chosenList(lit)}${groups}${shared}${t.ran(
      L.topK + L.shared,
      L.experts + L.shared,
      formatPercent(used / all),
      formatExact(L.experts),
      formatExact(r.multiplyAdds),
      timing,
    )}`;
  }

  private summary(m: ScaleModel): string {
    const L = m.layer;
    const r = this.route;
    const t = scaleWords().layer;
    return [
      t.summaryLayer(modelInSentence(m), L.experts, L.nGroup, L.shared),
      r ? t.summaryChosen(r.chosen.map((e) => `E${e}`).join(t.listSep)) : t.summaryNone,
      r?.keptGroups ? t.summaryGroups(r.keptGroups.map((g) => g + 1).join(t.listSep)) : '',
    ]
      .filter(Boolean)
      .join(t.summarySep);
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'layer-experts': LayerExperts;
  }
}
