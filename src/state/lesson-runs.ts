/**
 * Runs for the lesson pages: one sentence routed through the toy model at several granularities
 * from the same seed (DeepSeekMoE's fine-grained experts), each model built, run and disposed.
 */
import { GRANULARITIES, type MoeConfig } from '../core/config';
import { runVariants, type VariantRun } from './compare';

/** One granularity's run; `problems` says why it cannot run with the config (the config's own problems, with their codes). */
export interface GranularityRun extends VariantRun {
  m: number;
}

/** Routes `text` with `config` at each granularity m; a shape the simulator cannot run gets its reasons instead. */
export async function routeAtGranularities(
  config: MoeConfig,
  text: string,
  ms: readonly number[] = GRANULARITIES,
): Promise<GranularityRun[]> {
  const runs = await runVariants(
    config,
    text,
    ms.map((m) => ({ granularity: m })),
  );
  return runs.map((run, i) => ({ m: ms[i] as number, ...run }));
}
