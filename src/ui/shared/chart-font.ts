/**
 * A chart's text size in px (chartFontPx of the font its host inherits), read from the computed
 * style only when the host's width or the page's presenter mode changed, not on every render (a
 * style read in the middle of an update, or in every frame of a motion, can force a style
 * recalculation).
 */
import { chartFontPx } from './axis-labels';

export class ChartFont {
  private key = '';
  private px = 16;

  /** The font size `host` inherits, in px, for `host` laid out `width` px wide. */
  hostPx(host: HTMLElement, width: number): number {
    const key = `${width}/${document.documentElement.classList.contains('presenter')}`;
    if (key !== this.key) {
      this.key = key;
      this.px = parseFloat(getComputedStyle(host).fontSize);
    }
    return this.px;
  }

  /** The chart text size for `host` laid out `width` px wide. */
  read(host: HTMLElement, width: number): number {
    return chartFontPx(this.hostPx(host, width));
  }
}
