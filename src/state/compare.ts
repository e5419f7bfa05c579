/** Routes one sentence with several routers from the same seed, for side-by-side lessons. */
import { updateConfig, type CodedConfigProblem, type MoeConfig, type RouterKind } from '../core/config';
import { MoeModel } from '../core/model';
import { tokenize } from '../core/tokenizer';
import type { Trace } from '../core/trace';

/** One router's run; `problems` says why it could not run with the config (e.g. its group settings do not fit). */
export interface RouterRun extends VariantRun {
  router: RouterKind;
}

/** The outcome of one variant of the config: its trace, or why it could not run (then trace is null). */
export interface VariantRun {
  trace: Trace | null;
  problems: CodedConfigProblem[];
}

/**
 * Routes the sentence `text` once per change, each applied to `config`: each model built, run and
 * disposed in turn (one at a time, so only one holds memory); a change the config rules refuse gets
 * its problems instead of a trace.
 */
export async function runVariants(config: MoeConfig, text: string, changes: readonly Partial<MoeConfig>[]): Promise<VariantRun[]> {
  const { tokens, truncated } = tokenize(text);
  const runs: VariantRun[] = [];
  for (const change of changes) {
    const checked = updateConfig(config, change);
    if (!checked.ok) {
      runs.push({ trace: null, problems: checked.problems });
      continue;
    }
    const model = new MoeModel(checked.config);
    try {
      const { trace } = await model.run(tokens, { truncated });
      runs.push({ trace, problems: [] });
    } finally {
      model.dispose();
    }
  }
  return runs;
}

export async function routeWithEach(routers: readonly RouterKind[], config: MoeConfig, text: string): Promise<RouterRun[]> {
  const runs = await runVariants(
    config,
    text,
    routers.map((router) => ({ router })),
  );
  return runs.map((run, i) => ({ router: routers[i] as RouterKind, ...run }));
}
