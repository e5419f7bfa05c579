/** Routes one sentence with several routers from the same seed, for side-by-side lessons. */
import { updateConfig, type CodedConfigProblem, type MoeConfig, type RouterKind } from '../core/config';
import { MoeModel } from '../core/model';
import { OPEN_VOCAB, tokenizeOpen } from '../core/open-vocab';
import { tokenize } from '../core/tokenizer';
import { trainedShapeFor } from '../core/trained-shapes';
import { fetchShipped, loadCheckpoint, trainedModel, type CheckpointFetch, type LoadResult } from './trained-weights';
import type { WeightsMode } from './view';
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

/** A router's run on the open vocabulary, with the weights it used. */
export interface WeightedRouterRun extends RouterRun {
  /** 'trained': the checkpoint trained with this router; 'random': the seed's random weights. */
  weights: WeightsMode;
}

/**
 * The routers page: the sentence routed by each router, each on the weights trained with that router
 * (its shipped checkpoint, fetched once into `cache`) or all on the seed's random weights. A router
 * whose checkpoint cannot be used runs the random weights, and says so by `weights`.
 */
export async function routeEachWithWeights(
  routers: readonly RouterKind[],
  config: MoeConfig,
  text: string,
  mode: WeightsMode,
  cache: Map<string, LoadResult>,
  fetchFiles: CheckpointFetch = fetchShipped,
): Promise<WeightedRouterRun[]> {
  const { tokens, truncated } = tokenizeOpen(text, { lang: 'en' });
  const runs: WeightedRouterRun[] = [];
  for (const router of routers) {
    const checked = updateConfig(config, { router });
    if (!checked.ok) {
      runs.push({ router, weights: mode, trace: null, problems: checked.problems });
      continue;
    }
    const c = checked.config;
    const shape = mode === 'trained' ? trainedShapeFor(c) : null;
    let loaded = shape ? cache.get(shape.id) : undefined;
    if (shape && !loaded) {
      loaded = await loadCheckpoint(shape, fetchFiles);
      cache.set(shape.id, loaded);
    }
    const model = loaded?.ok ? trainedModel(c, loaded.weights) : new MoeModel(c, OPEN_VOCAB);
    try {
      const { trace } = await model.run(tokens, { truncated });
      runs.push({ router, weights: loaded?.ok ? 'trained' : 'random', trace: { ...trace, config: c }, problems: [] });
    } finally {
      model.dispose();
    }
  }
  return runs;
}
