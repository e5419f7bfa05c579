/**
 * Runs for the lesson pages: one sentence routed through the toy model at several granularities
 * from the same seed (DeepSeekMoE's fine-grained experts), each model built, run and disposed.
 */
import { GRANULARITIES, updateConfig, type CodedConfigProblem, type MoeConfig } from '../core/config';
import { MoeModel } from '../core/model';
import { tokenize } from '../core/tokenizer';
import type { Trace } from '../core/trace';

export interface GranularityRun {
  m: number;
  trace: Trace | null;
  /** Why this granularity cannot run with the config (the config's own problems, with their codes). */
  problems: CodedConfigProblem[];
}

/** Routes `text` with `config` at each granularity m; a shape the simulator cannot run gets its reasons instead. */
export async function routeAtGranularities(
  config: MoeConfig,
  text: string,
  ms: readonly number[] = GRANULARITIES,
): Promise<GranularityRun[]> {
  const { tokens, truncated } = tokenize(text);
  const runs: GranularityRun[] = [];
  for (const m of ms) {
    const checked = updateConfig(config, { granularity: m });
    if (!checked.ok) {
      runs.push({ m, trace: null, problems: checked.problems });
      continue;
    }
    const model = new MoeModel(checked.config);
    try {
      const { trace } = await model.run(tokens, { truncated });
      runs.push({ m, trace, problems: [] });
    } finally {
      model.dispose();
    }
  }
  return runs;
}
