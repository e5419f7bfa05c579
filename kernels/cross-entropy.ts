// AssemblyScript (compiled by scripts/build-kernels.mjs): the next-word loss of a training step,
// −mean over tokens of logSoftmax(logits)[target], and its gradient, to the bit as training.ts's
// tfjs ops compute them on wasm (issue 18): tfjs-core's logSoftmax (max, shift, exp, sum, log, and
// its custom gradient dy − sum(dy)·exp(value)), times the one-hot targets, summed, averaged, negated.
// The log of each row's sum stays a tfjs op between ceShift and ceLoss; exp is tfjs-wasm's, the C
// library's expf (Arm's algorithm for musl: 2^(k/32) from a table and a cubic in double precision),
// its table (tab[i] = bits of 2^(i/32) − i·2^47) computed by scripts/build-kernels.mjs and written
// into the heap at load (this module may have no data segment). Sums run in order from +0.
import { f, i32At } from './address';

// @ts-ignore: decorator
@inline const INVLN2N: f64 = reinterpret<f64>(0x40471547652b82fe); // 32/ln 2
// @ts-ignore: decorator
@inline const C0: f64 = reinterpret<f64>(0x3ebc6af84b912394);
// @ts-ignore: decorator
@inline const C1: f64 = reinterpret<f64>(0x3f2ebfce50fac4f3);
// @ts-ignore: decorator
@inline const C2: f64 = reinterpret<f64>(0x3f962e42ff0c52d6);
// @ts-ignore: decorator
@inline const SHIFT: f64 = reinterpret<f64>(0x4338000000000000); // 1.5·2^52
// @ts-ignore: decorator
@inline const OVERFLOW: f32 = reinterpret<f32>(0x42b17217); // log(2^128)
// @ts-ignore: decorator
@inline const UNDERFLOW: f32 = reinterpret<f32>(0xc2cff1b4); // log(2^−150)

/** e^x in float32 as the C library computes it; tab: the 32-entry table. */
export function expf(x: f32, tab: usize): f32 {
  const abstop = (reinterpret<u32>(x) >> 20) & 0x7ff;
  if (abstop >= 0x42b) {
    // |x| ≥ 88, or NaN.
    if (reinterpret<u32>(x) == 0xff800000) return 0;
    if (abstop >= 0x7f8) return x + x;
    if (x > OVERFLOW) return Infinity;
    if (x < UNDERFLOW) return 0;
  }
  const z = INVLN2N * <f64>x;
  let kd = z + SHIFT;
  const ki = reinterpret<u64>(kd);
  kd -= SHIFT;
  const r = z - kd;
  const s = reinterpret<f64>(load<u64>(tab + (<usize>(ki & 31) << 3)) + (ki << 47));
  const q = C0 * r + C1;
  const r2 = r * r;
  let y = C2 * r + 1;
  y = q * r2 + y;
  return <f32>(y * s);
}

/** e^x of two float64 lanes that hold float32 values (no lane at or past the limits), as expf does each. */
// @ts-ignore: decorator
@inline
function expPair(x: v128, tab: usize): v128 {
  const z = f64x2.mul(f64x2.splat(INVLN2N), x);
  let kd = f64x2.add(z, f64x2.splat(SHIFT));
  const ki = kd;
  kd = f64x2.sub(kd, f64x2.splat(SHIFT));
  const r = f64x2.sub(z, kd);
  // No gather in wasm SIMD: the two table entries are loaded one at a time.
  const t0 = load<u64>(tab + (<usize>(i64x2.extract_lane(ki, 0) & 31) << 3));
  const t1 = load<u64>(tab + (<usize>(i64x2.extract_lane(ki, 1) & 31) << 3));
  const s = i64x2.add(i64x2.replace_lane(i64x2.splat(t0), 1, t1), i64x2.shl(ki, 47));
  const q = f64x2.add(f64x2.mul(f64x2.splat(C0), r), f64x2.splat(C1));
  const r2 = f64x2.mul(r, r);
  let y = f64x2.add(f64x2.mul(f64x2.splat(C2), r), f64x2.splat(1));
  y = f64x2.add(f64x2.mul(q, r2), y);
  return f64x2.mul(y, s);
}

/**
 * e^x of four float32 lanes, each as expf computes it (the same float64 operations in the same order,
 * two lanes at a time); a group with a lane at or past the limits (|x| ≥ 88, NaN) goes to expf.
 */
function expf4(x: v128, tab: usize): v128 {
  const abstop = v128.and(i32x4.shr_u(x, 20), i32x4.splat(0x7ff));
  if (v128.any_true(i32x4.ge_u(abstop, i32x4.splat(0x42b)))) {
    let out = f32x4.splat(expf(f32x4.extract_lane(x, 0), tab));
    out = f32x4.replace_lane(out, 1, expf(f32x4.extract_lane(x, 1), tab));
    out = f32x4.replace_lane(out, 2, expf(f32x4.extract_lane(x, 2), tab));
    return f32x4.replace_lane(out, 3, expf(f32x4.extract_lane(x, 3), tab));
  }
  const lo = f32x4.demote_f64x2_zero(expPair(f64x2.promote_low_f32x4(x), tab));
  const hi = f32x4.demote_f64x2_zero(expPair(f64x2.promote_low_f32x4(v128.shuffle<f32>(x, x, 2, 3, 0, 1)), tab));
  return v128.shuffle<f32>(lo, hi, 0, 1, 4, 5);
}

/** Per row of logits [T×V]: shifted = x − max(x) (into `shifted`), se[t] = Σ exp(shifted), in order. */
export function ceShift(T: i32, V: i32, logits: usize, shifted: usize, se: usize, tab: usize): void {
  const V4 = V & ~3;
  for (let t = 0; t < T; t++) {
    const x = f(logits, t * V);
    const o = f(shifted, t * V);
    let m = load<f32>(x);
    for (let v = 1; v < V; v++) {
      const xv = load<f32>(f(x, v));
      if (xv > m) m = xv;
    }
    const mv = f32x4.splat(m);
    let sum: f32 = 0;
    let v = 0;
    for (; v < V4; v += 4) {
      const sv = f32x4.sub(v128.load(f(x, v)), mv);
      v128.store(f(o, v), sv);
      const e = expf4(sv, tab);
      sum += f32x4.extract_lane(e, 0);
      sum += f32x4.extract_lane(e, 1);
      sum += f32x4.extract_lane(e, 2);
      sum += f32x4.extract_lane(e, 3);
    }
    for (; v < V; v++) {
      const sv = load<f32>(f(x, v)) - m;
      store<f32>(f(o, v), sv);
      sum += expf(sv, tab);
    }
    store<f32>(f(se, t), sum);
  }
}

/**
 * value = shifted − lse (per row; into `value`, the log-probabilities, kept for the gradient) and
 * the loss −(Σ_t value[t, target t]) / T into out[0].
 */
export function ceLoss(T: i32, V: i32, shifted: usize, lse: usize, targets: usize, value: usize, out: usize): void {
  let total: f32 = 0;
  for (let t = 0; t < T; t++) {
    const l = load<f32>(f(lse, t));
    const s = f(shifted, t * V);
    const o = f(value, t * V);
    for (let v = 0; v < V; v++) store<f32>(f(o, v), load<f32>(f(s, v)) - l);
    // The one-hot row's sum: +0 plus the target's value (the other terms are zeros).
    total += <f32>0 + load<f32>(f(o, i32At(targets, t)));
  }
  store<f32>(out, -(total / <f32>T));
}

/** dlogits [T×V] for an upstream gradient dy of the loss: (one-hot·g) − g·exp(value), g = −dy/T. */
export function ceGrad(T: i32, V: i32, value: usize, targets: usize, dy: usize, out: usize, tab: usize): void {
  const g: f32 = -load<f32>(dy) / <f32>T;
  const zero: f32 = g * <f32>0;
  const gv = f32x4.splat(g);
  const zv = f32x4.splat(zero);
  const V4 = V & ~3;
  for (let t = 0; t < T; t++) {
    const val = f(value, t * V);
    const o = f(out, t * V);
    let v = 0;
    for (; v < V4; v += 4) v128.store(f(o, v), f32x4.sub(zv, f32x4.mul(gv, expf4(v128.load(f(val, v)), tab))));
    for (; v < V; v++) store<f32>(f(o, v), zero - g * expf(load<f32>(f(val, v)), tab));
    // The target's entry: g, not zero, less the same product.
    const target = i32At(targets, t);
    if (<u32>target < <u32>V) store<f32>(f(o, target), g - g * expf(load<f32>(f(val, target)), tab));
  }
}
