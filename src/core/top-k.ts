/**
 * Top-k selection for the routers (router.ts, real-route.ts): the indices of the k largest values,
 * largest first, ties to the lower index; a heap in general, a sorted list for a small k.
 */

/**
 * Indices of the k largest values, largest first; ties go to the lower index. `allowed` filters
 * the candidates. O(n log k): the best k so far sit in a binary min-heap whose root is the worst of
 * them (the lowest value; of equal values, the higher index), so each candidate costs one comparison
 * with the root and, if it gets in, log k steps; the k kept are sorted at the end.
 */
export function topKIndices(values: ArrayLike<number>, k: number, allowed?: (i: number) => boolean): number[] {
  if (!allowed && k > 0 && k <= SMALL_K) return topKSmall(values, k);
  const idx: number[] = [];
  const val: number[] = [];
  if (k <= 0) return idx;
  /** Whether heap entry a ranks below entry b. */
  const below = (a: number, b: number): boolean =>
    (val[a] as number) < (val[b] as number) || (val[a] === val[b] && (idx[a] as number) > (idx[b] as number));
  const swap = (a: number, b: number): void => {
    const v = val[a] as number;
    const i = idx[a] as number;
    val[a] = val[b] as number;
    idx[a] = idx[b] as number;
    val[b] = v;
    idx[b] = i;
  };
  for (let i = 0; i < values.length; i++) {
    if (allowed && !allowed(i)) continue;
    const v = values[i] as number;
    if (idx.length < k) {
      // Sift the new entry up to its place.
      let c = idx.push(i) - 1;
      val[c] = v;
      while (c > 0 && below(c, (c - 1) >> 1)) {
        swap(c, (c - 1) >> 1);
        c = (c - 1) >> 1;
      }
    } else if (v > (val[0] as number)) {
      // Replaces the worst kept (a later index never beats an equal value), then sifts down.
      val[0] = v;
      idx[0] = i;
      for (let p = 0; ;) {
        const l = 2 * p + 1;
        const r = l + 1;
        let m = p;
        if (l < k && below(l, m)) m = l;
        if (r < k && below(r, m)) m = r;
        if (m === p) break;
        swap(p, m);
        p = m;
      }
    }
  }
  const order = idx.map((_, j) => j).sort((a, b) => (below(a, b) ? 1 : below(b, a) ? -1 : 0));
  return order.map((j) => idx[j] as number);
}

/** Up to this k, topKIndices keeps its best in a sorted list instead of a heap (issue 18: routing speed). */
export const SMALL_K = 16;

/**
 * topKIndices for a small k and every candidate allowed, with the same result: the best k so far in
 * a list sorted by value (largest first; of equal values, the lower index first), a candidate
 * entering only if it beats the last (an equal value never does: its index is higher) and moving up
 * past the smaller values. O(n) comparisons for values in no particular order, and no closures.
 * Reads values[from .. from + n) (a row of a matrix, without a view made for it).
 */
export function topKSmall(values: ArrayLike<number>, k: number, from = 0, n = values.length): number[] {
  const m = Math.min(k, n);
  const idx = new Array<number>(m);
  const val = new Array<number>(m);
  let count = 0;
  for (let i = 0; i < n; i++) {
    const v = values[from + i] as number;
    let at: number;
    if (count < m) at = count++;
    else if (v > (val[m - 1] as number)) at = m - 1;
    else continue;
    while (at > 0 && (val[at - 1] as number) < v) {
      val[at] = val[at - 1] as number;
      idx[at] = idx[at - 1] as number;
      at--;
    }
    val[at] = v;
    idx[at] = i;
  }
  return idx;
}
