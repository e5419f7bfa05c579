// AssemblyScript (compiled by scripts/build-kernels.mjs): the routed experts of one MoE layer as
// one fused kernel, forward and backward, for src/core/expert-kernels.ts (issue 18).
//
// Every choice i (sorted by expert; offsets[e] .. offsets[e+1] are expert e's) sends token
// tokens[i] to expert e with the gate gates[gateIdx[i]]:
//   y[t] = Σ over the choices of t: gate · SwiGLU_e(x[t]),  SwiGLU(x) = (silu(x·Wg) ⊙ (x·Wu))·Wd.
// Weights are expert by expert: wTable holds the addresses of each expert's Wg [d×H], Wu [d×H] and
// Wd [H×d]. The forward keeps A = x·Wg, U = x·Wu and O = SwiGLU(x) of every choice in `cache`
// (n×H, n×H, n×d) for the backward. All addresses are byte offsets into the imported memory;
// `scratch` is working space sized by the caller (see scratchFloats in expert-kernels.ts).
import { f, i32At } from './address';
import { addInto, gemm, gemmBlocked, readAhead, readAheadSink, transpose } from './gemm';
import { sigmoid, sigmoid4 } from './sigmoid';

function zero(p: usize, count: i32): void {
  memory.fill(p, 0, <usize>count << 2);
}

/** P = silu(A) ⊙ U = (A·σ(A))·U over `count` floats, four at a time (tfjs's order of operations). */
function swiGate(count: i32, a: usize, u: usize, p: usize): void {
  let q = 0;
  for (; q + 4 <= count; q += 4) {
    const av = v128.load(f(a, q));
    v128.store(f(p, q), f32x4.mul(f32x4.mul(av, sigmoid4(av)), v128.load(f(u, q))));
  }
  for (; q < count; q++) {
    const av = load<f32>(f(a, q));
    store<f32>(f(p, q), av * sigmoid(av) * load<f32>(f(u, q)));
  }
}

/**
 * dU = dP ⊙ silu(A), and dA in place of dP by the steps of tfjs's gradients of (A·σ(A))·U, in their
 * order: dS = dP ⊙ U;  dA = dS ⊙ σ(A) + (dS ⊙ A) ⊙ (σ(A)·(1 − σ(A))).
 */
function swiGateGrad(count: i32, a: usize, u: usize, dA: usize, dU: usize): void {
  const one = f32x4.splat(1);
  let q = 0;
  for (; q + 4 <= count; q += 4) {
    const av = v128.load(f(a, q));
    const s = sigmoid4(av);
    const dp = v128.load(f(dA, q));
    v128.store(f(dU, q), f32x4.mul(dp, f32x4.mul(av, s)));
    const dS = f32x4.mul(dp, v128.load(f(u, q)));
    v128.store(f(dA, q), f32x4.add(f32x4.mul(dS, s), f32x4.mul(f32x4.mul(dS, av), f32x4.mul(s, f32x4.sub(one, s)))));
  }
  for (; q < count; q++) {
    const av = load<f32>(f(a, q));
    const s = sigmoid(av);
    const dp = load<f32>(f(dA, q));
    store<f32>(f(dU, q), dp * (av * s));
    const dS = dp * load<f32>(f(u, q));
    store<f32>(f(dA, q), dS * s + dS * av * (s * (<f32>1 - s)));
  }
}

export function expertsForward(
  T: i32, d: i32, H: i32, E: i32,
  x: usize, gates: usize, gateIdx: usize, tokens: usize, offsets: usize, wTable: usize,
  y: usize, cache: usize, scratch: usize,
): void {
  zero(y, T * d);
  const n = i32At(offsets, E);
  for (let e = 0; e < E; e++) {
    const from = i32At(offsets, e);
    const m = i32At(offsets, e + 1) - from;
    if (m == 0) continue;
    const wg = <usize>i32At(wTable, 3 * e);
    const wu = <usize>i32At(wTable, 3 * e + 1);
    const wd = <usize>i32At(wTable, 3 * e + 2);
    // The next expert with choices: its weights are read ahead while this one's products run.
    let next = e + 1;
    while (next < E && i32At(offsets, next + 1) == i32At(offsets, next)) next++;
    if (next < E) {
      const size = <usize>(d * H) << 2;
      const ng = <usize>i32At(wTable, 3 * next);
      const nu = <usize>i32At(wTable, 3 * next + 1);
      const nd = <usize>i32At(wTable, 3 * next + 2);
      readAhead(ng, ng + size, nu, nu + size, nd, nd + size);
    } else readAhead(0, 0, 0, 0, 0, 0);
    const xg = scratch;
    const p = f(scratch, m * d);
    const a = f(cache, from * H);
    const u = f(cache, n * H + from * H);
    const o = f(cache, 2 * n * H + from * d);
    for (let i = 0; i < m; i++) memory.copy(f(xg, i * d), f(x, i32At(tokens, from + i) * d), <usize>d << 2);
    gemm(m, H, d, xg, d, wg, H, a, H, false);
    gemm(m, H, d, xg, d, wu, H, u, H, false);
    swiGate(m * H, a, u, p);
    gemm(m, d, H, p, H, wd, d, o, d, false);
    for (let i = 0; i < m; i++) {
      const g = load<f32>(f(gates, i32At(gateIdx, from + i)));
      const yt = f(y, i32At(tokens, from + i) * d);
      const oi = f(o, i * d);
      for (let j = 0; j < d; j++) store<f32>(f(yt, j), load<f32>(f(yt, j)) + g * load<f32>(f(oi, j)));
    }
  }
  readAhead(0, 0, 0, 0, 0, 0);
  store<i32>(scratch, readAheadSink());
}

export function expertsBackward(
  T: i32, d: i32, H: i32, E: i32, G: i32,
  x: usize, gates: usize, gateIdx: usize, tokens: usize, offsets: usize, wTable: usize,
  cache: usize, dy: usize, dx: usize, dgates: usize, gTable: usize, scratch: usize,
): void {
  zero(dx, T * d);
  zero(dgates, G);
  const n = i32At(offsets, E);
  // Last expert first: a token's input gradient then sums its experts' parts in the order tfjs's
  // tape adds them (it walks the per-expert ops backwards).
  for (let e = E - 1; e >= 0; e--) {
    const from = i32At(offsets, e);
    const m = i32At(offsets, e + 1) - from;
    if (m == 0) continue;
    const wg = <usize>i32At(wTable, 3 * e);
    const wu = <usize>i32At(wTable, 3 * e + 1);
    const wd = <usize>i32At(wTable, 3 * e + 2);
    const a = f(cache, from * H);
    const u = f(cache, n * H + from * H);
    const o = f(cache, 2 * n * H + from * d);
    // Working space: m×d four times, m×H four times, one weight transposed (d×H), the blocked
    // products' temporary (the largest of m×d, m×H, d×H), and the second input-gradient part (m×d).
    const xg = scratch;
    const xgT = f(xg, m * d);
    const dO = f(xgT, m * d);
    const dXg = f(dO, m * d);
    const p = f(dXg, m * d);
    const pT = f(p, m * H);
    const dA = f(pT, m * H);
    const dU = f(dA, m * H);
    const wT = f(dU, m * H);
    const tmp = f(wT, d * H);
    const big = m * (d > H ? d : H);
    const dXu = f(tmp, big > d * H ? big : d * H);
    for (let i = 0; i < m; i++) {
      const t = i32At(tokens, from + i);
      const gi = i32At(gateIdx, from + i);
      const g = load<f32>(f(gates, gi));
      memory.copy(f(xg, i * d), f(x, t * d), <usize>d << 2);
      let dg: f32 = 0;
      for (let j = 0; j < d; j++) {
        const dyv = load<f32>(f(dy, t * d + j));
        store<f32>(f(dO, i * d + j), g * dyv);
        dg += dyv * load<f32>(f(o, i * d + j));
      }
      store<f32>(f(dgates, gi), load<f32>(f(dgates, gi)) + dg);
    }
    swiGate(m * H, a, u, p);
    // dP = dO · Wdᵀ (into dA), then dA and dU in place.
    transpose(H, d, wd, wT);
    gemmBlocked(m, H, d, dO, d, wT, H, dA, H, tmp);
    swiGateGrad(m * H, a, u, dA, dU);
    // Weight gradients: Pᵀ·dO, Xgᵀ·dA, Xgᵀ·dU.
    transpose(m, H, p, pT);
    gemmBlocked(H, d, m, pT, m, dO, d, <usize>i32At(gTable, 3 * e + 2), d, tmp);
    transpose(m, d, xg, xgT);
    gemmBlocked(d, H, m, xgT, m, dA, H, <usize>i32At(gTable, 3 * e), H, tmp);
    gemmBlocked(d, H, m, xgT, m, dU, H, <usize>i32At(gTable, 3 * e + 1), H, tmp);
    // Input gradient: dA·Wgᵀ + dU·Wuᵀ (each product on its own, then added), scatter-added to the tokens.
    transpose(d, H, wg, wT);
    gemmBlocked(m, d, H, dA, H, wT, d, dXg, d, tmp);
    transpose(d, H, wu, wT);
    gemmBlocked(m, d, H, dU, H, wT, d, dXu, d, tmp);
    addInto(m, d, dXg, d, dXu, d);
    for (let i = 0; i < m; i++) {
      const xt = f(dx, i32At(tokens, from + i) * d);
      const src = f(dXg, i * d);
      for (let j = 0; j < d; j++) store<f32>(f(xt, j), load<f32>(f(xt, j)) + load<f32>(f(src, j)));
    }
  }
}
