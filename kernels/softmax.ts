// AssemblyScript (compiled by scripts/build-kernels.mjs): the router's softmax in float64 with the
// bits of src/core/router.ts's JS one, whose exp is V8's Math.exp: fdlibm's __ieee754_exp as V8 keeps
// it (v8/src/base/ieee754.cc: FreeBSD's version, scaling by a 2^k it builds from bits). A softmax
// only takes exp of x − max ≤ 0 (or NaN), so only those branches of the C code are here, two lanes
// at a time, made lane masks. Every float64 operation rounds as the C code's (no fused multiply-add
// in WebAssembly).

// @ts-ignore: decorator
@inline const LN2_HI: f64 = 6.93147180369123816490e-1; // 0x3FE62E42 FEE00000
// @ts-ignore: decorator
@inline const LN2_LO: f64 = 1.90821492927058770002e-10; // 0x3DEA39EF 35793C76
// @ts-ignore: decorator
@inline const INV_LN2: f64 = 1.44269504088896338700; // 0x3FF71547 652B82FE
// @ts-ignore: decorator
@inline const P1: f64 = 1.66666666666666019037e-1;
// @ts-ignore: decorator
@inline const P2: f64 = -2.77777777770155933842e-3;
// @ts-ignore: decorator
@inline const P3: f64 = 6.61375632143793436117e-5;
// @ts-ignore: decorator
@inline const P4: f64 = -1.65339022054652515390e-6;
// @ts-ignore: decorator
@inline const P5: f64 = 4.13813679705723846039e-8;
// @ts-ignore: decorator
@inline const U_THRESHOLD: f64 = -7.45133219101941108420e2;
// @ts-ignore: decorator
@inline const TWO_M1000: f64 = 9.33263618503218878990e-302;
// @ts-ignore: decorator
@inline const TINY: f64 = 3.725290298461914e-9; // 2^-28: high word 0x3E300000
// @ts-ignore: decorator
@inline const MAGIC: f64 = 6755399441055744.0; // 1.5·2^52

/** The double with high word `hi` and low word 0. */
// @ts-ignore: decorator
@inline
function high(hi: u32): f64 {
  return reinterpret<f64>(<u64>hi << 32);
}

/**
 * exp of two lanes, each as the C code's, when both lie in 2^-28 ≤ |x| < 708.39 (high word below
 * 0x40862E42, at least 0x3E300000) and neither is 1: there the C code takes one of three reductions,
 * which here are one, their results equal to the bit: k = 0 for |x| up to 0.5 ln 2 (by the high word,
 * as the C code tests it; hi = x − 0·ln2HI = x, lo = 0), ±1 up to 1.5 ln 2 (the general formula gives
 * ±1 there, and x ∓ 1·ln2HI, ±1·ln2LO are the special case's hi and lo), the general formula beyond.
 * And at k = 0, 1 − ((0 − xc/(2 − c)) − x) is the C code's 1 − (xc/(c − 2) − x): the two quotients
 * differ only in sign, exactly.
 */
// @ts-ignore: decorator
@inline
function exp2lanes(x: v128): v128 {
  const sign = v128.and(x, i64x2.splat(0x8000000000000000));
  const half = v128.or(f64x2.splat(0.5), sign);
  // (int) of the C code truncates toward zero: k as a double (an integer, |k| ≤ 1075) ...
  let t0 = f64x2.trunc(f64x2.add(f64x2.mul(f64x2.splat(INV_LN2), x), half));
  // ... and 0 where |x| ≤ 0.5 ln 2 by the high word (0x3FD62E42 or less), with hi = x, lo = +0.
  t0 = v128.andnot(t0, f64x2.lt(f64x2.abs(x), f64x2.splat(high(0x3fd62e43))));
  const hi = f64x2.sub(x, f64x2.mul(t0, f64x2.splat(LN2_HI)));
  const lo = f64x2.mul(t0, f64x2.splat(LN2_LO));
  const r = f64x2.sub(hi, lo);
  const t = f64x2.mul(r, r);
  let p = f64x2.add(f64x2.splat(P4), f64x2.mul(t, f64x2.splat(P5)));
  p = f64x2.add(f64x2.splat(P3), f64x2.mul(t, p));
  p = f64x2.add(f64x2.splat(P2), f64x2.mul(t, p));
  p = f64x2.add(f64x2.splat(P1), f64x2.mul(t, p));
  const c = f64x2.sub(r, f64x2.mul(t, p));
  const q = f64x2.div(f64x2.mul(r, c), f64x2.sub(f64x2.splat(2.0), c));
  const y = f64x2.sub(f64x2.splat(1.0), f64x2.sub(f64x2.sub(lo, q), hi));
  // k as an integer: the low bits of k + 1.5·2^52. Then 2^k from its bits, or 2^(k+1000) and 2^-1000 below k = −1021.
  const k64 = i64x2.sub(f64x2.add(t0, f64x2.splat(MAGIC)), f64x2.splat(MAGIC));
  const deep = i64x2.lt_s(k64, i64x2.splat(-1021));
  const kk = v128.bitselect(i64x2.add(k64, i64x2.splat(1000)), k64, deep);
  const twopk = i64x2.shl(i64x2.add(kk, i64x2.splat(0x3ff)), 52);
  const scaled = f64x2.mul(y, twopk);
  return v128.bitselect(f64x2.mul(scaled, f64x2.splat(TWO_M1000)), scaled, deep);
}

/**
 * exp of two lanes each 0 or less, or NaN (all a softmax needs: x − max), as the C code's, without a
 * branch: exp2lanes' result, except 1 + x where |x| < 2^-28 (the C code's early return; the row's
 * largest value gives x = 0) and 0 below its underflow threshold (−∞ included). From −745.13 to
 * −708.39 the C code goes on to the reduction exp2lanes makes; NaN stays NaN through it.
 */
// @ts-ignore: decorator
@inline
function expNonPositive(x: v128): v128 {
  const y = exp2lanes(x);
  const tiny = f64x2.lt(f64x2.abs(x), f64x2.splat(TINY));
  const under = f64x2.lt(x, f64x2.splat(U_THRESHOLD));
  return v128.andnot(v128.bitselect(f64x2.add(f64x2.splat(1.0), x), y, tiny), under);
}

/** The row's largest value (Math.max's: the same in any order; NaN if any is NaN; +0 over −0). */
// @ts-ignore: decorator
@inline
function rowMax(row: usize, E: i32): f64 {
  let m4 = f32x4.splat(-Infinity);
  let e = 0;
  for (; e + 4 <= E; e += 4) m4 = f32x4.max(m4, v128.load(row + (<usize>e << 2)));
  let max32: f32 = Mathf.max(Mathf.max(f32x4.extract_lane(m4, 0), f32x4.extract_lane(m4, 1)), Mathf.max(f32x4.extract_lane(m4, 2), f32x4.extract_lane(m4, 3)));
  for (; e < E; e++) max32 = Mathf.max(max32, load<f32>(row + (<usize>e << 2)));
  return <f64>max32;
}

/**
 * The sum of exp(x − max) over the row, each added as it comes (in order from 0, as the JS loop adds
 * them); each exp is also stored at o when `keep` (o is not read otherwise).
 */
// @ts-ignore: decorator
@inline
function expSum(row: usize, E: i32, max: f64, o: usize, keep: bool): f64 {
  const m = f64x2.splat(max);
  let sum: f64 = 0;
  let e = 0;
  for (; e + 2 <= E; e += 2) {
    const x = f64x2.sub(f64x2.promote_low_f32x4(v128.load64_zero(row + (<usize>e << 2))), m);
    const y = expNonPositive(x);
    if (keep) v128.store(o + (<usize>e << 3), y);
    sum += f64x2.extract_lane(y, 0);
    sum += f64x2.extract_lane(y, 1);
  }
  // An odd row's last value: one lane of the same.
  if (e < E) {
    const y = f64x2.extract_lane(expNonPositive(f64x2.splat(<f64>load<f32>(row + (<usize>e << 2)) - max)), 0);
    if (keep) store<f64>(o + (<usize>e << 3), y);
    sum += y;
  }
  return sum;
}

/**
 * out[t·E + e] = softmax of row t of the float32 logits, as router.ts's softmaxInto: the row's largest
 * value m (Math.max's: NaN if any is NaN), exp(x − m) for each, their sum in order from 0, each
 * divided by it. logits: T×E float32; out: T×E float64.
 */
export function softmaxRows(T: i32, E: i32, logits: usize, out: usize): void {
  for (let t = 0; t < T; t++) {
    const row = logits + ((<usize>t * <usize>E) << 2);
    const o = out + ((<usize>t * <usize>E) << 3);
    const sum = expSum(row, E, rowMax(row, E), o, true);
    const s = f64x2.splat(sum);
    let i = 0;
    for (; i + 2 <= E; i += 2) v128.store(o + (<usize>i << 3), f64x2.div(v128.load(o + (<usize>i << 3)), s));
    for (; i < E; i++) store<f64>(o + (<usize>i << 3), load<f64>(o + (<usize>i << 3)) / sum);
  }
}

/**
 * Puts value v of index i at list entry `at` (its last, or the first free one), moved up past the
 * smaller values before it (an equal one keeps its place: its index is lower).
 */
// @ts-ignore: decorator
@inline
function place(pv: usize, ix: usize, at: i32, v: f64, i: i32): void {
  while (at > 0 && load<f64>(pv + (<usize>(at - 1) << 3)) < v) {
    store<f64>(pv + (<usize>at << 3), load<f64>(pv + (<usize>(at - 1) << 3)));
    store<i32>(ix + (<usize>at << 2), load<i32>(ix + (<usize>(at - 1) << 2)));
    at--;
  }
  store<f64>(pv + (<usize>at << 3), v);
  store<i32>(ix + (<usize>at << 2), i);
}

/**
 * Each row's top m (m = min(topK, E), topK small) by logit, largest first, ties to the lower index (as
 * src/core/top-k.ts's topKSmall: a sorted list that a candidate enters only when it beats the last),
 * into idx (T×m int32), and into prob (T×m float64; also the list's values while a row is ranked):
 * with `whole`, their softmax probabilities, the bits softmaxRows gives them (the softmax's sum takes
 * every exp; the other probabilities are not stored); without, only their exps exp(v − m), m the
 * row's largest value (NaN if any is NaN), the bits of router.ts's softmaxGates for renormalised gates.
 */
export function topKSoftmaxRows(T: i32, E: i32, topK: i32, logits: usize, idx: usize, prob: usize, whole: bool): void {
  const m = min(topK, E);
  if (m <= 0) return;
  for (let t = 0; t < T; t++) {
    const row = logits + ((<usize>t * <usize>E) << 2);
    const ix = idx + ((<usize>t * <usize>m) << 2);
    const pv = prob + ((<usize>t * <usize>m) << 3);
    // The first m values fill the list; later ones enter when they beat its last value. Four at a
    // time are first compared with it at once: most rows have few entries after the first values.
    // A NaN never enters after them, so whether the row holds one is noted on the way.
    let nan = false;
    let i = 0;
    for (; i < m; i++) {
      const v = <f64>load<f32>(row + (<usize>i << 2));
      nan = nan || v != v;
      place(pv, ix, i, v, i);
    }
    let last = load<f64>(pv + (<usize>(m - 1) << 3));
    while (i < E) {
      if (i + 4 <= E) {
        const four = v128.load(row + (<usize>i << 2));
        nan = nan || v128.any_true(f32x4.ne(four, four));
        if (!v128.any_true(f32x4.gt(four, f32x4.splat(<f32>last)))) {
          i += 4;
          continue;
        }
        const end = i + 4;
        for (; i < end; i++) last = offer(pv, ix, m, last, <f64>load<f32>(row + (<usize>i << 2)), i);
      } else {
        for (; i < E; i++) {
          const v = <f64>load<f32>(row + (<usize>i << 2));
          nan = nan || v != v;
          last = offer(pv, ix, m, last, v, i);
        }
      }
    }
    // The shift: the first choice's value, the row's largest unless the row holds a NaN (the sign of
    // a zero aside, which changes no exp). With the whole softmax, a NaN's exp makes the sum and so
    // every probability NaN all the same (router.ts's shift too); without, the shift is NaN.
    const max = whole || !nan ? load<f64>(pv) : NaN;
    const sum = whole ? expSum(row, E, max, 0, false) : 1;
    for (let j = 0; j < m; j++) {
      const x = load<f64>(pv + (<usize>j << 3)) - max;
      const y = f64x2.extract_lane(expNonPositive(f64x2.splat(x)), 0);
      store<f64>(pv + (<usize>j << 3), whole ? y / sum : y);
    }
  }
}

/** Offers value v of index i to a full list whose last value is `last`; returns the list's last value after. */
// @ts-ignore: decorator
@inline
function offer(pv: usize, ix: usize, m: i32, last: f64, v: f64, i: i32): f64 {
  if (!(v > last)) return last;
  place(pv, ix, m - 1, v, i);
  return load<f64>(pv + (<usize>(m - 1) << 3));
}
