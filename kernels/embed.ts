// AssemblyScript (compiled by scripts/build-kernels.mjs): the embedding lookup of a training step
// and its gradient, equal to the bit to training.ts's one-hot product (oneHot(ids) · table, whose
// gradient grad-ops.ts's matMulTA sums in blocks of 48 tokens) without the tokens × vocabulary
// one-hot matrix. A one-hot row times the table adds the one row to +0, so the lookup adds +0 (only
// −0 changes: it becomes +0). The gradient sums, in each block of 48 tokens, the rows of dy of the
// tokens of each word in order from +0, then adds each block's sums in order: as the product does,
// whose other terms are all zeros. And the model's own lookup for routing, as tfjs's gather gives it.
import { f, i32At } from './address';

/** out[t] = table[ids[t]] + 0, for T rows of width d. */
export function embedRows(T: i32, d: i32, ids: usize, table: usize, out: usize): void {
  for (let t = 0; t < T; t++) {
    const row = f(table, i32At(ids, t) * d);
    const o = f(out, t * d);
    for (let j = 0; j < d; j++) store<f32>(f(o, j), load<f32>(f(row, j)) + <f32>0);
  }
}

/**
 * The model's own lookup (model.ts embed, for routing): out[t] = table[ids[t]], a copy, as tfjs's
 * gather gives; with a class table (a factorised embedding, classTable ≠ 0), plus the row of the
 * token's class, or +0 for a word of no class (cls[t] < 0), as gather from the class table padded
 * with a row of zeros and added.
 */
export function lookupRows(T: i32, d: i32, ids: usize, table: usize, cls: usize, classTable: usize, out: usize): void {
  const bytes = <usize>d << 2;
  const d4 = d & ~3;
  for (let t = 0; t < T; t++) {
    const row = f(table, i32At(ids, t) * d);
    const o = f(out, t * d);
    if (classTable == 0) {
      memory.copy(o, row, bytes);
      continue;
    }
    const c = i32At(cls, t);
    if (c < 0) {
      let j = 0;
      for (; j < d4; j += 4) v128.store(f(o, j), f32x4.add(v128.load(f(row, j)), f32x4.splat(0)));
      for (; j < d; j++) store<f32>(f(o, j), load<f32>(f(row, j)) + <f32>0);
      continue;
    }
    const crow = f(classTable, c * d);
    let j = 0;
    for (; j < d4; j += 4) v128.store(f(o, j), f32x4.add(v128.load(f(row, j)), v128.load(f(crow, j))));
    for (; j < d; j++) store<f32>(f(o, j), load<f32>(f(row, j)) + load<f32>(f(crow, j)));
  }
}

/**
 * out[V×d] = Σ over blocks of 48 tokens of (Σ over the block's tokens t of word v of dy[t]).
 * partial: V×d floats; touched: V bytes; list: 48 ints (all working space).
 */
export function embedGrad(T: i32, d: i32, V: i32, ids: usize, dy: usize, out: usize, partial: usize, touched: usize, list: usize): void {
  memory.fill(out, 0, <usize>(V * d) << 2);
  memory.fill(partial, 0, <usize>(V * d) << 2);
  memory.fill(touched, 0, <usize>V);
  for (let t0 = 0; t0 < T; t0 += 48) {
    const end = t0 + 48 < T ? t0 + 48 : T;
    let n = 0;
    for (let t = t0; t < end; t++) {
      const v = i32At(ids, t);
      const p = f(partial, v * d);
      const src = f(dy, t * d);
      if (load<u8>(touched + <usize>v) == 0) {
        store<u8>(touched + <usize>v, 1);
        store<i32>(f(list, n), v);
        n++;
      }
      for (let j = 0; j < d; j++) store<f32>(f(p, j), load<f32>(f(p, j)) + load<f32>(f(src, j)));
    }
    for (let i = 0; i < n; i++) {
      const v = i32At(list, i);
      const p = f(partial, v * d);
      const o = f(out, v * d);
      for (let j = 0; j < d; j++) {
        store<f32>(f(o, j), load<f32>(f(o, j)) + load<f32>(f(p, j)));
        store<f32>(f(p, j), 0);
      }
      store<u8>(touched + <usize>v, 0);
    }
  }
}
