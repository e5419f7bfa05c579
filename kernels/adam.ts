// AssemblyScript (compiled by scripts/build-kernels.mjs): Adam over the routed experts of one layer
// in one call, for src/core/expert-adam.ts (issue 18). The same float32 operations in the same order
// as tfjs's AdamOptimizer (and the tfjs path of expert-adam.ts), so every float is the same:
//   m' = m·β1 + g·(1−β1),  v' = v·β2 + g²·(1−β2),  w' = (m'/c1) / (√(v'/c2) + ε) · (−lr) + w,
// with c1 = 1 − β1ⁿ, c2 = 1 − β2ⁿ of each expert's own step count n.
// Moments are stacked expert by expert (`size` floats each) in m and v (0: all zeros, the first
// step); the new moments go to mOut and vOut, an unused expert's copied as they were. For a used
// expert e, wTable[e], gTable[e] and oTable[e] hold its weight, gradient and new weight's addresses.

export function expertAdam(
  E: i32, size: i32, used: usize, wTable: usize, gTable: usize, oTable: usize,
  m: usize, v: usize, mOut: usize, vOut: usize, c1s: usize, c2s: usize,
  b1: f32, ob1: f32, b2: f32, ob2: f32, nlr: f32, eps: f32,
): void {
  const bytes = <usize>size << 2;
  for (let e = 0; e < E; e++) {
    const at = <usize>e * bytes;
    if (load<u8>(used + <usize>e) == 0) {
      if (m != 0) {
        memory.copy(mOut + at, m + at, bytes);
        memory.copy(vOut + at, v + at, bytes);
      } else {
        memory.fill(mOut + at, 0, bytes);
        memory.fill(vOut + at, 0, bytes);
      }
      continue;
    }
    const w = <usize>load<i32>(wTable + (<usize>e << 2));
    const g = <usize>load<i32>(gTable + (<usize>e << 2));
    const o = <usize>load<i32>(oTable + (<usize>e << 2));
    const c1 = load<f32>(c1s + (<usize>e << 2));
    const c2 = load<f32>(c2s + (<usize>e << 2));
    // Four floats at a time (SIMD's float32 operations round as the scalar ones), then the rest.
    const first = m == 0;
    const mIn: usize = first ? 0 : m + at;
    const vIn: usize = first ? 0 : v + at;
    const b1v = f32x4.splat(b1);
    const ob1v = f32x4.splat(ob1);
    const b2v = f32x4.splat(b2);
    const ob2v = f32x4.splat(ob2);
    const c1v = f32x4.splat(c1);
    const c2v = f32x4.splat(c2);
    const epsv = f32x4.splat(eps);
    const nlrv = f32x4.splat(nlr);
    const size4 = size & ~3;
    let q = 0;
    for (; q < size4; q += 4) {
      const i = <usize>q << 2;
      const gq = v128.load(g + i);
      const m0 = first ? f32x4.splat(0) : v128.load(mIn + i);
      const v0 = first ? f32x4.splat(0) : v128.load(vIn + i);
      const m1 = f32x4.add(f32x4.mul(m0, b1v), f32x4.mul(gq, ob1v));
      const v1 = f32x4.add(f32x4.mul(v0, b2v), f32x4.mul(f32x4.mul(gq, gq), ob2v));
      v128.store(mOut + at + i, m1);
      v128.store(vOut + at + i, v1);
      const mHat = f32x4.div(m1, c1v);
      const vHat = f32x4.div(v1, c2v);
      v128.store(o + i, f32x4.add(f32x4.mul(f32x4.div(mHat, f32x4.add(f32x4.sqrt(vHat), epsv)), nlrv), v128.load(w + i)));
    }
    for (; q < size; q++) {
      const i = <usize>q << 2;
      const gq = load<f32>(g + i);
      const m0: f32 = first ? 0 : load<f32>(mIn + i);
      const v0: f32 = first ? 0 : load<f32>(vIn + i);
      const m1: f32 = m0 * b1 + gq * ob1;
      const v1: f32 = v0 * b2 + gq * gq * ob2;
      store<f32>(mOut + at + i, m1);
      store<f32>(vOut + at + i, v1);
      const mHat: f32 = m1 / c1;
      const vHat: f32 = v1 / c2;
      store<f32>(o + i, (mHat / (Mathf.sqrt(vHat) + eps)) * nlr + load<f32>(w + i));
    }
  }
}
