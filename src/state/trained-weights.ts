/**
 * Trained weights for the page's model: the checkpoints that ship (src/checkpoints/, fetched only
 * when a page asks for one, after its first routed view) and the ones a "Train this shape" run
 * makes in the page. Reading never throws: a file that cannot be fetched, or is corrupt, truncated
 * or made for another model, gives a coded problem, and the page keeps the random model.
 */
import { decodeCheckpoint, vocabHash, type CheckpointProblem } from '../core/checkpoint';
import type { MoeConfig } from '../core/config';
import { MoeModel } from '../core/model';
import { loadWeights, readWeights, weightShapes } from '../core/model-weights';
import { OPEN_VOCAB } from '../core/open-vocab';
import { TRAINED_SEED, trainedConfig, type TrainedShape } from '../core/trained-shapes';

/** Trained weights ready to load into a model of their shape. */
export interface TrainedWeights {
  /** The checkpoint's id, or the shape key of a live run. */
  id: string;
  source: 'checkpoint' | 'live';
  tensors: ReadonlyMap<string, Float32Array>;
  steps: number;
  heldOutLoss: number;
  untrainedLoss: number;
  specialisation: number;
}

/** A checkpoint's two files as fetched: the manifest (parsed JSON, or the text that did not parse) and the binary. */
export interface CheckpointFiles {
  manifest: unknown;
  bin: Uint8Array;
}
export type CheckpointFetch = (id: string) => Promise<CheckpointFiles>;

/** A checkpoint could not be fetched at all (offline, a host that does not serve the file), or tfjs could not take it in. */
export interface FetchProblem {
  code: 'checkpoint.fetch';
  args: { text: string };
}
export type WeightsProblem = CheckpointProblem | FetchProblem;

function notLoaded(e: unknown): { ok: false; problem: FetchProblem } {
  return { ok: false, problem: { code: 'checkpoint.fetch', args: { text: e instanceof Error ? e.message : String(e) } } };
}

const LIBRARY = import.meta.env.MOE_LIBRARY === true;
const BIN_URLS: Record<string, () => Promise<string>> = LIBRARY
  ? {}
  : import.meta.glob<string>('../checkpoints/*.bin', { query: '?url', import: 'default' });
const MANIFESTS: Record<string, () => Promise<unknown>> = LIBRARY
  ? {}
  : import.meta.glob<unknown>('../checkpoints/*.json', { import: 'default' });

/** Whether the build ships the checkpoint (the site does; the <moe-lab> library ships none). */
export function shipped(id: string): boolean {
  return `../checkpoints/${id}.bin` in BIN_URLS;
}

/** The shipped files of a checkpoint: the manifest is a lazy module, the binary a fetched asset. */
export const fetchShipped: CheckpointFetch = async (id) => {
  const url = BIN_URLS[`../checkpoints/${id}.bin`];
  const manifest = MANIFESTS[`../checkpoints/${id}.json`];
  if (!url || !manifest) throw new Error(`${id}.bin`);
  const [href, json] = await Promise.all([url(), manifest()]);
  const response = await fetch(href);
  if (!response.ok) throw new Error(`${response.status} ${response.statusText}`.trim());
  return { manifest: json, bin: new Uint8Array(await response.arrayBuffer()) };
};

export type LoadResult = { ok: true; weights: TrainedWeights } | { ok: false; problem: WeightsProblem };

/** Fetches and checks a shape's checkpoint against the model the page would build for it. */
export async function loadCheckpoint(shape: TrainedShape, fetchFiles: CheckpointFetch = fetchShipped): Promise<LoadResult> {
  let files: CheckpointFiles;
  try {
    files = await fetchFiles(shape.id);
  } catch (e) {
    return notLoaded(e);
  }
  const config = trainedConfig(shape);
  let fresh: MoeModel | null = null;
  try {
    // The seeded starting weights, which the file's values are changes from.
    fresh = new MoeModel(config, OPEN_VOCAB);
    const bases = new Map((await readWeights(fresh)).map((t) => [t.name, t.values]));
    const result = decodeCheckpoint(
      files.bin,
      files.manifest,
      { config, vocabHash: OPEN_VOCAB_HASH, tensors: weightShapes(fresh) },
      (name) => bases.get(name) ?? null,
    );
    if (!result.ok) return result;
    const m = result.manifest;
    return {
      ok: true,
      weights: {
        id: shape.id,
        source: 'checkpoint',
        tensors: result.tensors,
        steps: m.steps,
        heldOutLoss: m.heldOutLoss,
        untrainedLoss: m.untrainedLoss,
        specialisation: m.specialisation,
      },
    };
  } catch (e) {
    // tfjs failing to make the starting weights (its backend not ready, out of memory): not loaded, said so.
    return notLoaded(e);
  } finally {
    fresh?.dispose();
  }
}

export const OPEN_VOCAB_HASH = vocabHash(OPEN_VOCAB.words);

/**
 * A model with the trained weights, routed by the page's config (its routing settings may differ
 * from the trained ones; the weights' own seed replaces the page's, whose seed draws the random model).
 */
export function trainedModel(config: MoeConfig, weights: TrainedWeights): MoeModel {
  const model = new MoeModel({ ...config, seed: TRAINED_SEED }, OPEN_VOCAB);
  loadWeights(model, weights.tensors);
  return model;
}
