/**
 * Every expert of one layer as a block whose AREA is its parameter count: shared experts first
 * (always lit), then the routed ones. The current token's experts are lit in their own colour (and,
 * from expert 8 on, pattern), with a bar along the bottom as long as the gate weight is against the
 * token's largest, and the weight printed when the block has room; dropped choices are hatched and
 * crossed. The legend's lit swatches are the lit experts' own. Below, the same in words ("Lit: E12 (0.41), …"), so nothing hangs on colour or size.
 * Blocks are sized in pixels from the panel's width, so 256 experts still fit without scrolling.
 */
import { css, html, LitElement, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { LayerTrace } from '../../core/trace';
import { formatCount, formatPercent, formatWeight, textUnits } from '../shared/format';
import { LocaleController } from '../i18n/locale';
import { expertColour, textOn } from '../shared/palette';
import { expertBackground } from '../shared/expert-patterns';
import { WidthController } from '../shared/width-controller';
import { ChartFont } from '../shared/chart-font';
import { panelStyles } from '../shared/shared-styles';
import { simWords } from '../i18n/simulator';
import { styleProps } from '../shared/style-props';

interface Block {
  label: string;
  params: number;
  shared: boolean;
  /** Gate weight when the current token used it. */
  weight: number | null;
  dropped: boolean;
  /** Place among the token's chosen experts, -1 when not chosen. */
  choice: number;
  /** The routed expert's number (null for a shared expert). */
  expert: number | null;
}

/** Height the blocks aim to fill, in pixels, before the panel's width is known or at any width. */
const TARGET_HEIGHT = 300;
const MAX_SIDE = 96;
const MIN_SIDE = 8;

@customElement('experts-panel')
export class ExpertsPanel extends LitElement {
  @property({ attribute: false }) layer: LayerTrace | null = null;
  /** Index of the current token in layer.tokens. */
  @property({ type: Number }) current = 0;
  @property({ type: Number }) sharedExperts = 0;
  /** Parameters of one shared expert. */
  @property({ type: Number }) sharedParams = 0;

  private readonly size = new WidthController(this);
  private readonly chartFont = new ChartFont();
  private readonly i18n = new LocaleController(this);

  static override styles = [
    ...panelStyles,
    css`
    .blocks { display: flex; flex-wrap: wrap; align-items: flex-start; }
    .b { box-sizing: border-box; display: flex; flex-direction: column; align-items: center; justify-content: center;
      overflow: hidden; line-height: 1.1; font-variant-numeric: tabular-nums; border-radius: 2px;
      background: var(--moe-idle-bg); color: var(--moe-text-4); box-shadow: inset 0 0 0 1px var(--moe-idle-line); }
    .b.on { box-shadow: inset 0 0 0 var(--ring, 3px) var(--moe-ink); font-weight: 700; }
    .b.shared { background: var(--moe-shared); color: var(--moe-on-accent); box-shadow: inset 0 0 0 var(--ring, 3px) var(--moe-ink), inset 0 0 0 calc(var(--ring, 3px) + 2px) var(--moe-surface); }
    .b.dropped { background: repeating-linear-gradient(45deg, var(--moe-error) 0 3px, var(--moe-surface) 3px 7px); color: var(--moe-text);
      box-shadow: inset 0 0 0 var(--ring, 3px) var(--moe-error); }
    .b .w { font-weight: 400; }
    /* On a patterned block the text sits on its solid colour. */
    .b > span { background: var(--solid, transparent); padding: 0 var(--moe-sp-1); border-radius: 2px; }
    .b.dropped span { background: var(--moe-surface); padding: 0 var(--moe-sp-1); }
    .legend { display: flex; flex-wrap: wrap; gap: var(--moe-sp-3) var(--moe-sp-8); list-style: none; padding: 0; margin: var(--moe-sp-5) 0 0; font-size: var(--moe-fs-m); }
    .legend li { display: flex; align-items: center; gap: var(--moe-sp-3); }
    .legend .b { width: 1.1rem; height: 1.1rem; --ring: 2px; }
    .lists { font-variant-numeric: tabular-nums; }
    .lists strong { font-weight: 700; }
    .caption { font-size: var(--moe-fs-base); color: var(--moe-muted, var(--moe-text-3)); }
  `,
  ];

  private blocks(): Block[] {
    const layer = this.layer;
    const r = layer?.tokens[this.current];
    const shared = Array.from({ length: this.sharedExperts }, (_, s): Block => ({
      label: `S${s}`,
      params: this.sharedParams,
      shared: true,
      weight: null,
      dropped: false,
      choice: -1,
      expert: null,
    }));
    const routed = (layer?.experts ?? []).map((ex): Block => {
      const j = r ? r.experts.indexOf(ex.index) : -1;
      const dropped = j >= 0 && r?.dropped[j] === true;
      return {
        label: `E${ex.index}`,
        params: ex.params,
        shared: false,
        weight: j >= 0 && !dropped ? (r?.weights[j] ?? 0) : null,
        dropped,
        choice: j,
        expert: ex.index,
      };
    });
    return [...shared, ...routed];
  }

  override render() {
    const m = simWords().experts;
    const blocks = this.blocks();
    if (blocks.length === 0) return html`<p role="status">${m.none}</p>`;
    const W = this.size.width || 600;
    const maxP = Math.max(1, ...blocks.map((b) => b.params));
    const gap = blocks.length > 64 ? 2 : 4;
    // Side of the biggest block: the blocks' total area fills about W × TARGET_HEIGHT.
    const areaUnits = blocks.reduce((a, b) => a + b.params / maxP, 0);
    const full = Math.min(MAX_SIDE, Math.max(MIN_SIDE, Math.sqrt((W * TARGET_HEIGHT) / areaUnits) * 0.85 - gap));
    const maxW = Math.max(1e-12, ...blocks.map((b) => b.weight ?? 0));
    const r = this.layer?.tokens[this.current];
    return html`
      <div class="blocks" role="img" aria-label=${this.summary(blocks)} ${styleProps({ gap: `${gap}px` })}>
        ${blocks.map((b) => this.block(b, full * Math.sqrt(b.params / maxP), maxW, this.chartFont.read(this, W)))}
      </div>
      <div class="lists">${this.lists(blocks, r?.skipped === true)}</div>
      <ul class="legend" aria-hidden="true">
        <li><span class="b"></span>${m.idle}</li>
        <li>${this.lit(blocks).map((b) => this.swatch(b))}${m.litLegend}</li>
        ${this.sharedExperts > 0 ? html`<li><span class="b shared"></span>${m.sharedLegend}</li>` : nothing}
        <li><span class="b dropped"></span>${m.droppedLegend}</li>
      </ul>
      <p class="caption">
        ${m.caption(this.sizes(blocks))}
      </p>
    `;
  }

  /** `chart`: the charts' text size (at least 20 px in presenter mode, where a block's text is never smaller). */
  private block(b: Block, side: number, maxW: number, chart: number) {
    const ring = side >= 30 ? 3 : side >= 14 ? 2 : 1;
    const font = chart >= 20 ? chart : Math.min(14, Math.max(9, side / 3.4));
    // Text only where it fits the block at a readable size (the list below always has it).
    const fits = (t: string, lines: number) => side >= lines * 1.2 * font + 4 && side >= textUnits(t) * 0.62 * font + 6 && side >= 18;
    const m = simWords().experts;
    const style: Record<string, string> = {
      width: `${side.toFixed(2)}px`,
      height: `${side.toFixed(2)}px`,
      'font-size': `${font.toFixed(1)}px`,
      '--ring': `${ring}px`,
    };
    // The gate weight against the token's largest, in percent: the length of the bar along the bottom.
    const strength = b.weight !== null ? Math.round((100 * b.weight) / maxW) : null;
    if (strength !== null && b.expert !== null) {
      const bar = ring + Math.max(2, Math.round(side * 0.08));
      style.background = `linear-gradient(var(--moe-ink), var(--moe-ink)) left bottom / ${strength}% ${bar}px no-repeat, ${expertBackground(b.expert)}`;
      style.color = textOn(expertColour(b.expert));
      style['--solid'] = expertColour(b.expert);
    }
    const cls = `b ${b.shared ? 'shared' : ''} ${b.weight !== null ? 'on' : ''} ${b.dropped ? 'dropped' : ''}`;
    const second = b.shared ? m.shared : b.dropped ? m.drop : b.weight !== null ? formatWeight(b.weight) : '';
    const title = m.blockTitle(b.label, formatCount(b.params), b.shared, b.weight !== null ? formatWeight(b.weight) : null, b.dropped);
    const two = second !== '' && fits(b.label, 2) && fits(second, 2);
    const first = b.dropped && !two ? '✕' : b.label;
    return html`<div class=${cls} ${styleProps(style)} title=${title} data-label=${b.label} data-strength=${strength ?? nothing}>
      ${fits(first, 1) ? html`<span>${first}</span>` : nothing}
      ${two ? html`<span class="w">${second}</span>` : nothing}
    </div>`;
  }

  /** A lit expert's legend swatch: its own colour and pattern. */
  private swatch(b: Block) {
    return b.expert === null
      ? nothing
      : html`<span class="b on" data-label=${b.label} ${styleProps({ background: expertBackground(b.expert) })}></span>`;
  }

  /** Lit routed experts in the router's order (best first). */
  private lit(blocks: Block[]): Block[] {
    return blocks.filter((b) => !b.shared && b.weight !== null).sort((a, b) => a.choice - b.choice);
  }

  private lists(blocks: Block[], skipped: boolean) {
    const lit = this.lit(blocks);
    const dropped = blocks.filter((b) => b.dropped);
    const shared = blocks.filter((b) => b.shared);
    const total = blocks.reduce((a, b) => a + b.params, 0);
    const active = blocks.reduce((a, b) => a + (b.shared || b.weight !== null ? b.params : 0), 0);
    const t = simWords();
    const m = t.experts;
    return html`
      <p><strong>${m.lit}</strong>${m.labelGap}${lit.length ? t.list(lit.map((b) => m.litItem(b.label, formatWeight(b.weight ?? 0)))) : m.noRouted}${skipped ? m.rides : ''}</p>
      ${shared.length ? html`<p><strong>${m.sharedLit}</strong>${m.labelGap}${t.list(shared.map((b) => b.label))}</p>` : nothing}
      ${dropped.length ? html`<p><strong>${m.droppedList}</strong>${m.labelGap}${t.list(dropped.map((b) => b.label))}</p>` : nothing}
      <p>${m.atWork(formatCount(active), formatCount(total), formatPercent(active / Math.max(1, total)))}</p>
    `;
  }

  private summary(blocks: Block[]): string {
    const m = simWords().experts;
    const routed = blocks.length - this.sharedExperts;
    const lit = this.lit(blocks).map((b) => m.summaryLit(b.label, formatWeight(b.weight ?? 0)));
    const dropped = blocks.filter((b) => b.dropped).map((b) => b.label);
    return m.summary(blocks.length, this.sharedExperts, routed, lit, dropped);
  }

  /** "routed: 6,144 each; shared: 24,576 each", from the parameter counts given. */
  private sizes(blocks: Block[]): string {
    const m = simWords().experts;
    const describe = (shared: boolean, ps: number[]): string => {
      if (ps.length === 0) return '';
      const lo = Math.min(...ps);
      const hi = Math.max(...ps);
      return lo === hi ? m.sizeSame(shared, formatCount(lo)) : m.sizeRange(shared, formatCount(lo), formatCount(hi));
    };
    return m.sizesJoin(
      [
        describe(
          true,
          blocks.filter((b) => b.shared).map((b) => b.params),
        ),
        describe(
          false,
          blocks.filter((b) => !b.shared).map((b) => b.params),
        ),
      ].filter(Boolean),
    );
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'experts-panel': ExpertsPanel;
  }
}
