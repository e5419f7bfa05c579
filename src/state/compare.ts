/** Routes one sentence with several routers from the same seed, for side-by-side lessons. */
import { updateConfig, type CodedConfigProblem, type MoeConfig, type RouterKind } from '../core/config';
import { MoeModel } from '../core/model';
import { tokenize } from '../core/tokenizer';
import type { Trace } from '../core/trace';

export interface RouterRun {
  router: RouterKind;
  trace: Trace | null;
  /** Why this router could not run with the config (e.g. its group settings do not fit); empty when it ran. */
  problems: CodedConfigProblem[];
}

export async function routeWithEach(routers: readonly RouterKind[], config: MoeConfig, text: string): Promise<RouterRun[]> {
  const { tokens, truncated } = tokenize(text);
  const runs: RouterRun[] = [];
  for (const router of routers) {
    const checked = updateConfig(config, { router });
    if (!checked.ok) {
      runs.push({ router, trace: null, problems: checked.problems });
      continue;
    }
    const model = new MoeModel(checked.config);
    try {
      const { trace } = await model.run(tokens, { truncated });
      runs.push({ router, trace, problems: [] });
    } finally {
      model.dispose();
    }
  }
  return runs;
}
