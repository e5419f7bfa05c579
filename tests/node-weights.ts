/**
 * The model a page runs, built in Node for a test to compare with: the open vocabulary, with the
 * shipped checkpoint's trained weights read from src/checkpoints/ when one fits the config (as
 * the page fetches it), else the seeded random weights.
 */
import '@tensorflow/tfjs-backend-cpu';
import { env, getBackend, setBackend } from '@tensorflow/tfjs-core';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { MoeConfig } from '../src/core/config';
import { MoeModel } from '../src/core/model';
import { OPEN_VOCAB, tokenizeOpen } from '../src/core/open-vocab';
// The full lexicons, as the page has them once a sentence needs them.
import '../src/core/lexicon';
import type { Trace } from '../src/core/trace';
import { trainedShapeFor } from '../src/core/trained-shapes';
import type { SweepModel } from '../src/state/capacity-sweep';
import { loadCheckpoint, trainedModel, type CheckpointFetch } from '../src/state/trained-weights';

const DIR = resolve(import.meta.dirname, '..', 'src', 'checkpoints');

/** The shipped files, read from the disk. */
export const readShipped: CheckpointFetch = async (id) => ({
  manifest: JSON.parse(readFileSync(resolve(DIR, `${id}.json`), 'utf8')) as unknown,
  bin: new Uint8Array(readFileSync(resolve(DIR, `${id}.bin`))),
});

export async function pageModel(config: MoeConfig, weights: 'trained' | 'random' = 'trained'): Promise<MoeModel> {
  // The cpu backend, when the test process has none yet (an end-to-end test's own process).
  if (!getBackend()) {
    env().set('IS_TEST', true);
    await setBackend('cpu');
  }
  const shape = weights === 'trained' ? trainedShapeFor(config) : null;
  if (!shape) return new MoeModel(config, OPEN_VOCAB);
  const r = await loadCheckpoint(shape, readShipped);
  if (!r.ok) throw new Error(`checkpoint ${shape.id}: ${r.problem.code}`);
  return trainedModel(config, r.weights);
}

/** The sentence routed as the page routes it; the trace states the page's config (as the simulator's does). */
export async function routeAsPage(config: MoeConfig, sentence: string, weights: 'trained' | 'random' = 'trained'): Promise<Trace> {
  const model = await pageModel(config, weights);
  try {
    const { tokens, truncated } = tokenizeOpen(sentence, { lang: 'en' });
    return { ...(await model.run(tokens, { truncated })).trace, config };
  } finally {
    model.dispose();
  }
}

/** The page's sweep model (Simulator.sweepModel), in Node: the shipped trained weights where they fit. */
export function pageSweepModel(weights: 'trained' | 'random' = 'trained'): SweepModel {
  return {
    id: weights,
    build: (config) => pageModel(config, weights),
    tokenize: (text) => tokenizeOpen(text, { lang: 'en' }),
  };
}
