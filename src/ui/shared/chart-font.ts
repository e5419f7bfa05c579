/**
 * A chart's text size in px (chartFontPx of the font its host inherits), read from the computed
 * style only when the host's width or the page's presenter mode changed, not on every render (a
 * style read in the middle of an update can force a style recalculation).
 */
import { chartFontPx } from './axis-labels';

export class ChartFont {
  private key = '';
  private px = chartFontPx(16);

  /** The text size for `host` laid out `width` px wide. */
  read(host: HTMLElement, width: number): number {
    const key = `${width}/${document.documentElement.classList.contains('presenter')}`;
    if (key !== this.key) {
      this.key = key;
      this.px = chartFontPx(parseFloat(getComputedStyle(host).fontSize));
    }
    return this.px;
  }
}
