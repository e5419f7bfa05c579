/**
 * One MoE layer in tfjs: the router's weights, the routed and shared experts (SwiGLU feed-forward
 * networks), and two ways to run the experts for a routing decision:
 *
 *  sparse  each expert runs only on the tokens routed to it: it gathers its tokens' rows and does
 *          plain 2-D matMuls on them; outputs, times their gate weights, are scatter-added back to
 *          their tokens (scatterND sums duplicates).
 *  dense   the reference: every expert on every token, masked by the gate matrix. Same result,
 *          E/k times the FLOPs. Kept for tests and benchmarks.
 */
import {
  add,
  concat,
  dispose,
  gather,
  gatherND,
  getBackend,
  matMul,
  mul,
  reshape,
  scatterND,
  sigmoid as tfSigmoid,
  tensor1d,
  tensor2d,
  tidy,
  zeros,
  type Tensor,
  type Tensor2D,
  type Variable,
} from '@tensorflow/tfjs-core';
import { expertShape, type ExpertShape, type MoeConfig } from './config';
import { Rng } from './rng';
import { softplus } from './gate-math';
import { route, type Ablation, type RouterInput, type Routing, type RouterSpec } from './router';
import { expertKernelsReady } from './expert-kernels';
import { fusedSparse } from './fused-experts';
import { softmaxRowsOnWasm, topKSoftmaxRowsOfTensor, topKSoftmaxRowsOnWasm } from './softmax-rows';
import { SMALL_K } from './top-k';
import { FRESH_WEIGHTS, weightKey, type WeightSource } from './weight-store';

export interface ExpertWeights {
  /** width × hidden */
  gate: Variable;
  /** width × hidden */
  up: Variable;
  /** hidden × width */
  down: Variable;
}

/** Tokens grouped by expert: the order sparse dispatch works in. Dropped choices are left out. */
export interface Assignments {
  /** Token index of each kept choice, sorted by expert. */
  tokens: Int32Array;
  /** Gate weight of each kept choice, same order. */
  gates: Float32Array;
  /** Choices of expert e are at offsets[e] .. offsets[e+1]. */
  offsets: Int32Array;
}

export function assignmentsOf(routing: Pick<Routing, 'routes'>, experts: number): Assignments {
  const counts = new Int32Array(experts);
  for (const r of routing.routes) r.experts.forEach((e, j) => !r.dropped[j] && (counts[e] = (counts[e] as number) + 1));
  const offsets = new Int32Array(experts + 1);
  for (let e = 0; e < experts; e++) offsets[e + 1] = (offsets[e] as number) + (counts[e] as number);
  const total = offsets[experts] as number;
  const tokens = new Int32Array(total);
  const gates = new Float32Array(total);
  const cursor = offsets.slice(0, experts);
  routing.routes.forEach((r, t) =>
    r.experts.forEach((e, j) => {
      if (r.dropped[j]) return;
      const at = (cursor[e] as number)++;
      tokens[at] = t;
      gates[at] = r.weights[j] as number;
    }),
  );
  return { tokens, gates, offsets };
}

/** Row-major tokens × experts matrix of the gate weights that were applied (0 where not chosen or dropped). */
export function gateMatrix(routing: Routing, experts: number): Float32Array {
  const g = new Float32Array(routing.routes.length * experts);
  routing.routes.forEach((r, t) => r.experts.forEach((e, j) => !r.dropped[j] && (g[t * experts + e] = r.weights[j] as number)));
  return g;
}

function initMatrix(src: WeightSource, rows: number, cols: number, std: number, seed: number, ...name: (string | number)[]): Variable {
  return src.get(weightKey(rows, cols, std, seed, ...name), () =>
    tensor2d(Rng.stream(seed, ...name).normals(rows * cols, std), [rows, cols]),
  );
}

function initExpert(src: WeightSource, s: ExpertShape, seed: number, ...name: (string | number)[]): ExpertWeights {
  return {
    gate: initMatrix(src, s.width, s.hidden, 1 / Math.sqrt(s.width), seed, ...name, 'gate'),
    up: initMatrix(src, s.width, s.hidden, 1 / Math.sqrt(s.width), seed, ...name, 'up'),
    down: initMatrix(src, s.hidden, s.width, 1 / Math.sqrt(s.hidden), seed, ...name, 'down'),
  };
}

/** Router matrix width × experts, each expert's column from its own stream (adding experts keeps the others). */
function initRouter(src: WeightSource, s: ExpertShape, seed: number, ...name: (string | number)[]): Variable {
  return src.get(weightKey(s.width, s.experts, seed, ...name), () => {
    const w = new Float32Array(s.width * s.experts);
    for (let e = 0; e < s.experts; e++) {
      const col = Rng.stream(seed, ...name, e).normals(s.width, 1 / Math.sqrt(s.width));
      for (let i = 0; i < s.width; i++) w[i * s.experts + e] = col[i] as number;
    }
    return tensor2d(w, [s.width, s.experts]);
  });
}

/** SwiGLU: (silu(x·gate) ⊙ (x·up))·down, with silu(a) = a·sigmoid(a). */
export function swiglu(x: Tensor2D, w: ExpertWeights): Tensor2D {
  return tidy(() => {
    const a = matMul(x, w.gate);
    return matMul(mul(mul(a, tfSigmoid(a)), matMul(x, w.up)), w.down);
  });
}

export class MoeLayer {
  readonly shape: ExpertShape;
  readonly spec: RouterSpec;
  readonly router: Variable;
  /** noisy-topk only: the matrix whose softplus scales the noise. */
  readonly noiseRouter: Variable | null;
  readonly experts: ExpertWeights[];
  readonly shared: ExpertWeights[];
  /** sigmoid-bias: per-expert selection bias, updated by balancing (not by gradients). */
  bias: Float32Array;
  /** Rows (tokens) each shared expert processed in the latest forward, read off its output. */
  sharedLoad: number[] = [];

  constructor(
    readonly config: MoeConfig,
    readonly index: number,
    private readonly source: WeightSource = FRESH_WEIGHTS,
  ) {
    const s = expertShape(config);
    const seed = config.seed;
    this.shape = s;
    this.spec = {
      kind: config.router,
      experts: s.experts,
      topK: s.active,
      capacityFactor: config.capacityFactor,
      nGroup: config.nGroup,
      topkGroup: config.topkGroup,
      routeScale: config.routeScale,
      normalise: config.gateNorm === 'chosen',
    };
    this.router = initRouter(source, s, seed, 'layer', index, 'router', config.granularity);
    this.noiseRouter = config.router === 'noisy-topk' ? initRouter(source, s, seed, 'layer', index, 'noise', config.granularity) : null;
    this.experts = Array.from({ length: s.experts }, (_, e) =>
      initExpert(source, s, seed, 'layer', index, 'expert', config.granularity, e),
    );
    this.shared = Array.from({ length: s.shared }, (_, e) => initExpert(source, s, seed, 'layer', index, 'shared', config.granularity, e));
    this.bias = new Float32Array(s.experts);
  }

  /**
   * Router logits (and noise logits) for h, read back in one transfer, then routed in plain JS.
   * `ablation` switches routed experts off for this routing only (router.ts; the weights are untouched).
   * `choicesOnly` (a run for the choices only, RunOptions.choicesOnly): where the kernels rank a plain
   * top-k, the logits are ranked where the matMul left them, and the logits, the input and the
   * routing's scores come back empty.
   */
  async route(
    h: Tensor2D,
    noiseStep = 0,
    ablation?: Ablation | null,
    choicesOnly = false,
  ): Promise<{ routing: Routing; logits: Float32Array; noise?: Float32Array; input: Float32Array }> {
    const [T, d] = h.shape;
    const E = this.shape.experts;
    const k = this.spec.topK;
    // A plain top-k with nothing switched off: its top k and their gates can be ranked on wasm.
    const ranks = this.spec.kind === 'softmax-topk' && !ablation && k > 0 && k <= SMALL_K;
    if (choicesOnly && ranks) {
      const l = matMul(h, this.router);
      try {
        const ranked = topKSoftmaxRowsOfTensor(l, k, this.spec.normalise);
        if (ranked) {
          const none = new Float32Array(0);
          const routing = route(this.spec, { tokens: T, logits: none, bias: this.bias, ranked });
          return { routing, logits: none, input: none };
        }
      } finally {
        dispose(l);
      }
    }
    // One read-back: the logits, the noise logits (noisy top-k) and the router's input h itself, each
    // flattened and laid end to end, so that each is a view of the read-back (no copy per token).
    const all = tidy(() => {
      const l = matMul(h, this.router);
      const parts = this.noiseRouter ? [l, matMul(h, this.noiseRouter), h] : [l, h];
      return concat(parts.map((p) => reshape(p, [-1])));
    });
    const data = (await all.data()) as Float32Array;
    dispose(all);
    const routed = this.noiseRouter ? 2 * E : E;
    const logits = data.subarray(0, T * E);
    const input = data.subarray(T * routed, T * (routed + d));
    let noise: Float32Array | undefined;
    if (this.noiseRouter) {
      const eps = Rng.stream(this.config.seed, 'noise', this.index, noiseStep).normals(T * E);
      noise = new Float32Array(T * E);
      for (let i = 0; i < T * E; i++) noise[i] = (eps[i] as number) * softplus(data[T * E + i] as number) * this.config.routerNoise;
    }
    // The softmax over the logits themselves on wasm's kernels (the same bits), where the router takes
    // one; for a plain top-k, only the chosen experts' probabilities, and the rest when first read.
    const ranked = ranks ? topKSoftmaxRowsOnWasm(logits, T, E, k, this.spec.normalise) : null;
    const plain = this.spec.kind === 'softmax-topk' || this.spec.kind === 'expert-choice';
    const softmax = (!ranked && plain && softmaxRowsOnWasm(logits, T, E)) || undefined;
    const given: RouterInput = ranked
      ? { tokens: T, logits, bias: this.bias, ranked: { ...ranked, softmax: () => softmaxRowsOnWasm(logits, T, E) } }
      : { tokens: T, logits, noise, bias: this.bias, softmax };
    if (ablation) given.ablation = ablation;
    const routing = route(this.spec, given);
    return noise ? { routing, logits, noise, input } : { routing, logits, input };
  }

  /** Shared experts' sum on every token, or null without shared experts. */
  private sharedOut(h: Tensor2D): Tensor2D | null {
    this.sharedLoad = this.shared.map(() => 0);
    if (this.shared.length === 0) return null;
    const outs = this.shared.map((w, j) => {
      const y = swiglu(h, w);
      this.sharedLoad[j] = y.shape[0];
      return y;
    });
    return outs.reduce((a, b) => add(a, b));
  }

  /** Sparse dispatch: each expert only on its own tokens. */
  sparse(h: Tensor2D, a: Assignments): Tensor2D {
    return tidy(() => {
      const [T, d] = h.shape;
      const n = a.tokens.length;
      let out: Tensor2D;
      if (n === 0) {
        out = zeros([T, d]);
      } else if (expertKernelsReady()) {
        out = fusedSparse(h, a, this.experts);
      } else {
        // Each expert gathers its own rows straight from h. Slicing them out of one gathered block
        // is slow on wasm, whose slice copies its whole input; and wasm's gather indexes every
        // element while gatherND copies whole rows (~100× faster there). On cpu gather is faster.
        const rowCopy = getBackend() === 'wasm';
        const parts: Tensor2D[] = [];
        for (let e = 0; e < this.experts.length; e++) {
          const from = a.offsets[e] as number;
          const to = a.offsets[e + 1] as number;
          if (to === from) continue;
          const ids = a.tokens.subarray(from, to);
          const x = (rowCopy ? gatherND(h, tensor2d(ids, [to - from, 1], 'int32')) : gather(h, tensor1d(ids, 'int32'))) as Tensor2D;
          parts.push(swiglu(x, this.experts[e] as ExpertWeights));
        }
        const ys = mul(parts.length === 1 ? (parts[0] as Tensor2D) : concat(parts, 0), tensor2d(a.gates, [n, 1]));
        out = scatterND(tensor2d(a.tokens, [n, 1], 'int32'), ys, [T, d]);
      }
      const shared = this.sharedOut(h);
      return shared ? add(out, shared) : out;
    });
  }

  /** Dense reference: every expert on every token, weighted by the gate matrix (zeros where unused). */
  dense(h: Tensor2D, gates: Float32Array): Tensor2D {
    return tidy(() => {
      const [T, d] = h.shape;
      const E = this.experts.length;
      // Gate columns laid out expert by expert in JS: slicing a column out of a [T, E] tensor costs
      // a copy of the whole matrix per expert on wasm, which made the reference O(E²·T).
      const columns = new Float32Array(E * T);
      for (let t = 0; t < T; t++) for (let e = 0; e < E; e++) columns[e * T + t] = gates[t * E + e] as number;
      let out: Tensor2D = zeros([T, d]);
      this.experts.forEach((w, e) => {
        out = add(out, mul(swiglu(h, w), tensor2d(columns.subarray(e * T, (e + 1) * T), [T, 1])));
      });
      const shared = this.sharedOut(h);
      return shared ? add(out, shared) : out;
    });
  }

  /** Every trainable weight of the layer. */
  variables(): Variable[] {
    const experts = [...this.experts, ...this.shared].flatMap((w) => [w.gate, w.up, w.down]);
    return [this.router, ...(this.noiseRouter ? [this.noiseRouter] : []), ...experts];
  }

  /** Frees the weights unless they belong to a shared store. */
  dispose(): void {
    if (this.source.ownsWeights) dispose(this.variables() as Tensor[]);
  }
}
