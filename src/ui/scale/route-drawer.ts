/**
 * Routes random tokens through one MoE layer of a real-scale model for a page (the real-scale page's
 * "Route a token"). A router not drawn yet is drawn first, DRAW_SLICE random weights per task
 * (drawRouterWeights), so that no task of the page runs long (4.2M weights at most, a few hundred
 * milliseconds in all); `drawing` says how much is drawn, for a progress bar. While a router is
 * drawn, asking for another token only moves the token on; another model cancels the drawing.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { drawRouterWeights, routeRandomToken, routerWeightsCached, type RealRoute } from '../../core/real-route';
import type { ScaleModel } from '../../core/scale-model';

export class RouteDrawer implements ReactiveController {
  /** The last token routed, or null (none yet, or refused: see `error`). */
  route: RealRoute | null = null;
  /** Why the last token could not be routed (an error from the core, coded), or null. */
  error: unknown = null;
  /** Milliseconds the last routing took here, drawing included. */
  ms: number | null = null;
  /** The last routing also drew the router's random weights (the first token through a router). */
  drewWeights = false;
  /** Share of the router's weights drawn while it is drawn over several tasks; null otherwise. */
  drawing: number | null = null;
  private model: ScaleModel | null = null;
  private token = 1;
  private pending: { model: ScaleModel; spent: number; timer: ReturnType<typeof setTimeout> | null } | null = null;
  private readonly waiting: (() => void)[] = [];

  constructor(private readonly host: ReactiveControllerHost) {
    host.addController(this);
  }

  hostConnected(): void {
    // A drawing cut short by a disconnection starts again.
    if (this.drawing !== null && !this.pending) this.start();
  }

  hostDisconnected(): void {
    if (this.pending?.timer) clearTimeout(this.pending.timer);
    this.pending = null;
  }

  /** Routes token 1 through `model` (a new model, or the same one from its first token again). */
  restart(model: ScaleModel): void {
    this.model = model;
    this.token = 1;
    this.start();
  }

  /** Routes the next token through the same model. */
  next(): void {
    this.token++;
    this.start();
  }

  /** Resolves once no router is being drawn (the last token asked for is routed, or refused). */
  routed(): Promise<void> {
    return this.pending ? new Promise((resolve) => this.waiting.push(resolve)) : Promise.resolve();
  }

  private start(): void {
    const model = this.model;
    if (!model || this.pending?.model === model) return;
    if (this.pending?.timer) clearTimeout(this.pending.timer);
    const pending = { model, spent: 0, timer: null as ReturnType<typeof setTimeout> | null };
    this.pending = pending;
    this.drewWeights = !routerWeightsCached(model);
    const steps = drawRouterWeights(model);
    const step = (): void => {
      if (this.pending !== pending) return;
      const t0 = performance.now();
      const r = steps.next();
      pending.spent += performance.now() - t0;
      if (!r.done) {
        // The last route was through another router (or none): the drawing shows instead.
        this.route = null;
        this.error = null;
        this.drawing = r.value;
        pending.timer = setTimeout(step, 0);
      } else {
        this.pending = null;
        this.drawing = null;
        this.routeDrawn(model, pending.spent);
        for (const resolve of this.waiting.splice(0)) resolve();
      }
      this.host.requestUpdate();
    };
    step();
  }

  /** Routes the current token once the router is drawn; `drawMs` is the time the drawing took. */
  private routeDrawn(model: ScaleModel, drawMs: number): void {
    const t0 = performance.now();
    try {
      this.route = routeRandomToken(model, this.token);
      this.error = null;
    } catch (e) {
      this.route = null;
      this.error = e;
    }
    this.ms = drawMs + performance.now() - t0;
  }
}
