/**
 * Experiment 5, "When routing settles": OLMoE's router saturation (Muennighoff et al. 2024, "OLMoE: Open
 * Mixture-of-Experts Language Models", the router-saturation analysis: the share of the top-k
 * experts chosen for the same tokens at an intermediate checkpoint that are also chosen at the final
 * checkpoint). During training from a seed, a fixed evaluation set is routed every N steps and each
 * token's choices are kept; at the end, for each recorded step t and layer:
 *
 *   saturation(t) = Σ_tokens |S_t ∩ S_T| / Σ_tokens |S_t|
 *
 * with S_t the token's chosen experts at step t and T the last step. With token choice every token has
 * k choices, so this is the mean over tokens of |S_t ∩ S_T| / k, OLMoE's formula; with expert choice a
 * token's number of experts varies, and the share is over its (token, expert) pairs. The last point is 1
 * by definition. Baseline: a router that re-draws its k of E at random would stay near k/E (the expected
 * overlap of two independent random k-subsets is k²/E, over k). Choices are counted before any capacity
 * drop; the noisy router is read with the same noise sample (step 0) every time.
 */
import { expertShape } from '../config';
import type { Token } from '../tokenizer';
import type { Trace } from '../trace';
import type { MoeTrainer, StepReport } from '../training';

/** Per layer, per token, the chosen routed experts. */
export type Choices = number[][][];

export interface SaturationCurve {
  /** Trainer steps at which the evaluation set was routed (the trainer's count of steps done); the last is the end. */
  steps: number[];
  /** layers[l][i]: saturation of layer l at steps[i]. */
  layers: number[][];
  /** The random-choice baseline k/E. */
  baseline: number;
}

export function choicesOf(trace: Trace): Choices {
  return trace.layers.map((lt) => lt.tokens.map((t) => [...t.experts]));
}

/** Per layer: the share of (token, choice) pairs in `at` that are also among the final choices of that token. */
export function routerSaturation(at: Choices, final: Choices): number[] {
  if (at.length !== final.length) throw new Error(`routerSaturation: ${at.length} layers against ${final.length}`);
  return at.map((layer, l) => {
    const last = final[l] as number[][];
    if (layer.length !== last.length) throw new Error(`routerSaturation: ${layer.length} tokens against ${last.length} in layer ${l}`);
    let hit = 0;
    let pairs = 0;
    layer.forEach((chosen, t) => {
      const end = new Set(last[t]);
      pairs += chosen.length;
      for (const e of chosen) if (end.has(e)) hit++;
    });
    return pairs === 0 ? 1 : hit / pairs;
  });
}

/**
 * Trains `steps` steps and routes `evalTokens` before the first, after every `everyN`-th and after the
 * last, then measures each recording against the last. `onStep` sees every step's report (and is
 * awaited: a page lets the browser draw there; throwing from it stops the run).
 */
export async function saturationCurve(
  trainer: MoeTrainer,
  steps: number,
  everyN: number,
  evalTokens: Token[],
  onStep?: (report: StepReport) => unknown,
): Promise<SaturationCurve> {
  if (!Number.isInteger(steps) || steps < 0) throw new Error(`saturationCurve: steps = ${steps} (whole, ≥ 0)`);
  if (!Number.isInteger(everyN) || everyN < 1) throw new Error(`saturationCurve: everyN = ${everyN} (whole, ≥ 1)`);
  const recorded: { step: number; choices: Choices }[] = [];
  const record = async (): Promise<void> => {
    const { trace } = await trainer.model.run(evalTokens);
    recorded.push({ step: trainer.step, choices: choicesOf(trace) });
  };
  await record();
  for (let i = 1; i <= steps; i++) {
    const report = await trainer.trainStep();
    await onStep?.(report);
    if (i % everyN === 0 || i === steps) await record();
  }
  const final = (recorded[recorded.length - 1] as { choices: Choices }).choices;
  const per = recorded.map((r) => routerSaturation(r.choices, final));
  const shape = expertShape(trainer.config);
  return {
    steps: recorded.map((r) => r.step),
    layers: trainer.model.layers.map((_, l) => per.map((p) => p[l] as number)),
    baseline: shape.active / shape.experts,
  };
}
