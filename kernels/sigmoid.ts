// AssemblyScript (compiled by scripts/build-kernels.mjs): the logistic function in float32, the way
// tfjs-wasm computes it (XNNPACK's "rr2-p5-div" algorithm: sigmoid(x) = e/(1+e) with e = exp(−|x|)
// from a range reduction by ln 2 in two parts and a degree-5 polynomial; 1 − that for x > 0), so the
// fused kernels give the same bits as tfjs's Sigmoid op (checked over 200,000 inputs) and use no
// table (this module may not have a data segment). Constants are float32 bit patterns.

// @ts-ignore: decorator
@inline const MAGIC: f32 = reinterpret<f32>(0x4b40007f);
// @ts-ignore: decorator
@inline const MINUS_LOG2E: f32 = reinterpret<f32>(0xbfb8aa3b);
// @ts-ignore: decorator
@inline const LN2_HI: f32 = reinterpret<f32>(0x3f317200);
// @ts-ignore: decorator
@inline const LN2_LO: f32 = reinterpret<f32>(0x35bfbe8e);
// @ts-ignore: decorator
@inline const C5: f32 = reinterpret<f32>(0xbc07cfce);
// @ts-ignore: decorator
@inline const C4: f32 = reinterpret<f32>(0x3d2b9d0d);
// @ts-ignore: decorator
@inline const C3: f32 = reinterpret<f32>(0xbe2aad40);
// @ts-ignore: decorator
@inline const C2: f32 = reinterpret<f32>(0x3efffee3);
// @ts-ignore: decorator
@inline const C1: f32 = reinterpret<f32>(0xbf7ffffb);
// @ts-ignore: decorator
@inline const CUTOFF: f32 = reinterpret<f32>(0x42aeac4f);

/** One value. */
export function sigmoid(x: f32): f32 {
  const z = Mathf.abs(x);
  let n: f32 = z * MINUS_LOG2E + MAGIC;
  const s = reinterpret<f32>(reinterpret<u32>(n) << 23);
  n = n - MAGIC;
  let t: f32 = n * LN2_HI + z;
  t = n * LN2_LO + t;
  let p: f32 = t * C5 + C4;
  p = t * p + C3;
  p = t * p + C2;
  p = t * p + C1;
  t = t * s;
  const e: f32 = t * p + s;
  let r: f32 = e / (e + 1);
  if (z > CUTOFF) r = 0;
  if (x > 0) r = 1 - r;
  return r;
}

/** Four values at once, the same operations lane by lane. */
// @ts-ignore: decorator
@inline
export function sigmoid4(x: v128): v128 {
  const z = f32x4.abs(x);
  let n = f32x4.add(f32x4.mul(z, f32x4.splat(MINUS_LOG2E)), f32x4.splat(MAGIC));
  const s = i32x4.shl(n, 23);
  n = f32x4.sub(n, f32x4.splat(MAGIC));
  let t = f32x4.add(f32x4.mul(n, f32x4.splat(LN2_HI)), z);
  t = f32x4.add(f32x4.mul(n, f32x4.splat(LN2_LO)), t);
  let p = f32x4.add(f32x4.mul(t, f32x4.splat(C5)), f32x4.splat(C4));
  p = f32x4.add(f32x4.mul(t, p), f32x4.splat(C3));
  p = f32x4.add(f32x4.mul(t, p), f32x4.splat(C2));
  p = f32x4.add(f32x4.mul(t, p), f32x4.splat(C1));
  t = f32x4.mul(t, s);
  const e = f32x4.add(f32x4.mul(t, p), s);
  let r = f32x4.div(e, f32x4.add(e, f32x4.splat(1)));
  r = v128.andnot(r, f32x4.gt(z, f32x4.splat(CUTOFF)));
  return v128.bitselect(f32x4.sub(f32x4.splat(1), r), r, f32x4.gt(x, f32x4.splat(0)));
}
