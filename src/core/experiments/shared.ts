/**
 * What the routing experiments of issue 16 share: reading a token's choices out of a trace, the
 * exact counting behind the random baselines, the sampling error of a rate, and the plain rows the
 * page exports as CSV or JSON.
 *
 * Dropped choices (capacity). A token-choice router picks k experts per token; an expert over its
 * capacity then drops some of those choices (the expert never runs on that token). Every experiment
 * counts choices as ROUTED by default: what the router decided, dropped or not, which is what the
 * papers measure (Mixtral and OLMoE have no capacity limit, so for them routed = ran). With
 * `counting: 'ran'` only the choices that ran count; a token's first choice is then the first of its
 * choices that ran (as specialisation.ts reads it), and a token whose choices were all dropped has none.
 *
 * Traces. The model routes each token on its own (no attention), and a trace is one sentence; the
 * experiments take one trace or several and pool their tokens (never pairing tokens across traces).
 */
import { CodedError } from '../coded';
import type { TokenRouting, Trace } from '../trace';

export type Counting = 'routed' | 'ran';

/** One trace (one sentence) or several, pooled. */
export type Traces = Trace | readonly Trace[];

/** A plain value: what a CSV cell or a JSON field holds. */
export type PlainValue = string | number | boolean | null;
/** One row of an export: column name → plain value. */
export type PlainRow = Record<string, PlainValue>;

export function traceList(traces: Traces): readonly Trace[] {
  return Array.isArray(traces) ? (traces as readonly Trace[]) : [traces as Trace];
}

/**
 * Routed experts that exist (E, after fine-grained splitting) and that each token activates (k),
 * from the first trace; the traces must share the shape (else a CodedError 'experiments.shapes').
 * An empty list has E = k = 0.
 */
export function shapeOf(traces: Traces): { experts: number; active: number } {
  const list = traceList(traces);
  const first = list[0];
  if (!first) return { experts: 0, active: 0 };
  for (const t of list)
    if (t.shape.experts !== first.shape.experts || t.shape.active !== first.shape.active)
      throw new CodedError('experiments.shapes', {
        experts: [first.shape.experts, t.shape.experts],
        active: [first.shape.active, t.shape.active],
      });
  return { experts: first.shape.experts, active: first.shape.active };
}

/** Layers every trace has (the fewest of them). */
export function layerCount(traces: Traces): number {
  const list = traceList(traces);
  return list.length === 0 ? 0 : Math.min(...list.map((t) => t.layers.length));
}

/** A measurement run on every layer, first layer first. */
export function everyLayer<T>(traces: Traces, measure: (traces: Traces, layer: number) => T): T[] {
  return Array.from({ length: layerCount(traces) }, (_, layer) => measure(traces, layer));
}

/** Each token of one layer of one trace, with its routing (tokens the layer has no routing for are left out). */
export function layerTokens(trace: Trace, layer: number): { index: number; routing: TokenRouting }[] {
  const lt = trace.layers[layer];
  if (!lt) throw new CodedError('experiments.noLayer', { layer, layers: trace.layers.length });
  return trace.tokens.flatMap((_, index) => {
    const routing = lt.tokens[index];
    return routing ? [{ index, routing }] : [];
  });
}

/** The token's chosen experts, best first: all it was routed to, or only those that ran. */
export function chosen(r: TokenRouting, counting: Counting): number[] {
  return counting === 'routed' ? [...r.experts] : r.experts.filter((_, j) => !r.dropped[j]);
}

/** The token's first choice (see the file's comment for 'ran'); undefined when it has none. */
export function firstChoice(r: TokenRouting, counting: Counting): number | undefined {
  return chosen(r, counting)[0];
}

/**
 * The chance that a uniformly random b-subset of E experts misses a fixed a-subset:
 *   C(E − a, b) / C(E, b) = ∏_{i<b} (E − a − i) / (E − i),
 * computed as that product (no overflow for any E; equal to the ratio of lesson-math.ts's exact bigint
 * `combinations` to rounding, which the tests check).
 */
export function disjointProbability(E: number, a: number, b: number): number {
  if (b === 0 || a === 0) return 1;
  if (a + b > E) return 0;
  let p = 1;
  for (let i = 0; i < b; i++) p *= (E - a - i) / (E - i);
  return p;
}

/** The sampling standard error of a rate p measured on n independent trials: √(p(1 − p)/n) (0 when n = 0). */
export function standardError(p: number, n: number): number {
  return n > 0 ? Math.sqrt((p * (1 - p)) / n) : 0;
}

/** a / b, or 0 when b = 0 (an empty class, an expert nobody used). */
export function ratio(a: number, b: number): number {
  return b === 0 ? 0 : a / b;
}
