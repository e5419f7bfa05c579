/**
 * The host's content width in CSS pixels, for views that lay out in pixels (so text in an SVG stays
 * its real size and nothing runs past the panel). Read once on connect, then kept by a
 * ResizeObserver (paired connect/disconnect). The re-render waits for the next frame, so a height
 * change it causes is not reported inside the same observer pass (no "ResizeObserver loop" error).
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';

export class WidthController implements ReactiveController {
  /** 0 when the host is not laid out (e.g. hidden); views then use their own fallback. */
  width = 0;
  private observer: ResizeObserver | null = null;
  private frame = 0;
  private readonly host: ReactiveControllerHost & HTMLElement;

  constructor(host: ReactiveControllerHost & HTMLElement) {
    this.host = host;
    host.addController(this);
  }

  hostConnected(): void {
    this.width = this.measure();
    this.observer = new ResizeObserver(() => {
      cancelAnimationFrame(this.frame);
      this.frame = requestAnimationFrame(() => {
        const w = this.measure();
        if (w !== this.width) {
          this.width = w;
          this.host.requestUpdate();
        }
      });
    });
    this.observer.observe(this.host);
  }

  hostDisconnected(): void {
    cancelAnimationFrame(this.frame);
    this.observer?.disconnect();
    this.observer = null;
  }

  private measure(): number {
    const s = getComputedStyle(this.host);
    return Math.max(0, Math.floor(this.host.clientWidth - parseFloat(s.paddingLeft || '0') - parseFloat(s.paddingRight || '0')));
  }
}
