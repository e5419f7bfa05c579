/**
 * The arithmetic of the routers' gates (router.ts, and the real-scale routers of real-route.ts): the
 * gate-weight rules, softmax, sigmoid and softplus, over plain numbers.
 */

/**
 * Gate weights from the chosen experts' scores (probabilities or sigmoid affinities; softmaxGates
 * gives the chosen exps where they are renormalised, the same ratios), the one rule of every router here and of the real-scale routers (real-route.ts), so the two cannot drift apart:
 * renormalised to sum 1 over the chosen when `normalise` (Mixtral, Qwen3-MoE, DeepSeek-V3; at every k,
 * as their code does, so at k = 1 the weight is exactly 1), else the scores as they are (the Switch
 * Transformer; Qwen1.5/Qwen2-MoE and OLMoE with norm_topk_prob false); then times `scale`.
 */
export function gateWeights(picked: readonly number[], normalise: boolean, scale: number): number[] {
  if (!normalise) return picked.map((s) => s * scale);
  let sum = 0;
  for (const s of picked) sum += s;
  return picked.map((s) => (s / sum) * scale);
}

/**
 * Gate weights of a softmax router for the chosen of values[from .. from+n): renormalised, each
 * chosen exp(v − m) over their sum (m: the row's largest value, NaN if any is NaN), which is the
 * chosen probabilities over their sum without the softmax's own sum, so without the exps of the
 * experts not chosen (issue 18: 1,024 tokens × 256 experts take 262,144 of those); else the chosen
 * probabilities, from `probs` (the row's softmax at the same offsets) when given. Then gateWeights
 * (with `scale`): the rule of the toy softmax routers and of the real-scale ones (real-route.ts).
 */
export function softmaxGates(
  values: ArrayLike<number>,
  from: number,
  n: number,
  chosen: readonly number[],
  normalise: boolean,
  probs?: ArrayLike<number>,
  scale = 1,
): number[] {
  const picked = new Array<number>(chosen.length);
  if (normalise) {
    const m = rowMax(values, from, n);
    for (let j = 0; j < chosen.length; j++) picked[j] = Math.exp((values[from + (chosen[j] as number)] as number) - m);
  } else {
    const p = probs ?? softmax(rowView(values, from, n));
    const at = probs ? from : 0;
    for (let j = 0; j < chosen.length; j++) picked[j] = p[at + (chosen[j] as number)] as number;
  }
  return gateWeights(picked, normalise, scale);
}

export function softmax(values: ArrayLike<number>): number[] {
  let max = -Infinity;
  for (let i = 0; i < values.length; i++) max = Math.max(max, values[i] as number);
  const exps = Array.from(values, (v) => Math.exp(v - max));
  const sum = exps.reduce((a, b) => a + b, 0);
  return exps.map((e) => e / sum);
}

export function sigmoid(x: number): number {
  return x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x));
}

export function softplus(x: number): number {
  return x > 30 ? x : Math.log1p(Math.exp(x));
}

/** values[from .. from+n) without copying typed arrays. */
export function rowView(values: ArrayLike<number>, from: number, n: number): ArrayLike<number> {
  if (values instanceof Float32Array || values instanceof Float64Array) return values.subarray(from, from + n);
  return Array.from({ length: n }, (_, i) => values[from + i] as number);
}

/**
 * Writes the softmax of values[from .. from+n) into out[from ..), without allocating. `max` is the
 * row's largest value when the caller already has it (its top-1 choice); the result is the same to
 * the bit (where Math.max would give NaN, a NaN in the sum makes every entry NaN all the same).
 */
export function softmaxInto(values: ArrayLike<number>, from: number, n: number, out: Float64Array, max = rowMax(values, from, n)): void {
  let sum = 0;
  for (let e = 0; e < n; e++) {
    const x = Math.exp((values[from + e] as number) - max);
    out[from + e] = x;
    sum += x;
  }
  for (let e = 0; e < n; e++) out[from + e] = (out[from + e] as number) / sum;
}

function rowMax(values: ArrayLike<number>, from: number, n: number): number {
  let max = -Infinity;
  for (let e = 0; e < n; e++) max = Math.max(max, values[from + e] as number);
  return max;
}
