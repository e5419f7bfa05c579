/**
 * A model's weights by name, for checkpoints: 'embedding', 'class-embedding', and per layer l
 * 'L{l}/router', 'L{l}/noise-router', 'L{l}/expert{e}/{gate,up,down}', 'L{l}/shared{i}/{gate,up,down}'
 * and 'L{l}/bias' (the selection bias, which balancing moves without gradients). The same names
 * serve to read a trained model out and to load one in.
 */
import { tensor, type Variable } from '@tensorflow/tfjs-core';
import type { CheckpointTensor } from './checkpoint';
import type { MoeModel } from './model';

export interface NamedVariable {
  name: string;
  variable: Variable;
}

/** Every weight variable of the model, by name, in a fixed order. */
export function namedVariables(model: MoeModel): NamedVariable[] {
  const out: NamedVariable[] = [{ name: 'embedding', variable: model.embedding }];
  if (model.classEmbedding) out.push({ name: 'class-embedding', variable: model.classEmbedding });
  for (const layer of model.layers) {
    const l = `L${layer.index}`;
    out.push({ name: `${l}/router`, variable: layer.router });
    if (layer.noiseRouter) out.push({ name: `${l}/noise-router`, variable: layer.noiseRouter });
    const ffn = (prefix: string, w: { gate: Variable; up: Variable; down: Variable }) =>
      out.push(
        { name: `${prefix}/gate`, variable: w.gate },
        { name: `${prefix}/up`, variable: w.up },
        { name: `${prefix}/down`, variable: w.down },
      );
    layer.experts.forEach((w, e) => ffn(`${l}/expert${e}`, w));
    layer.shared.forEach((w, i) => ffn(`${l}/shared${i}`, w));
  }
  return out;
}

/** Names and shapes of everything a checkpoint of this model holds. */
export function weightShapes(model: MoeModel): { name: string; shape: number[] }[] {
  return [
    ...namedVariables(model).map(({ name, variable }) => ({ name, shape: [...variable.shape] })),
    ...model.layers.map((layer) => ({ name: `L${layer.index}/bias`, shape: [layer.bias.length] })),
  ];
}

/** The model's current weights as plain arrays (one read-back per variable). */
export async function readWeights(model: MoeModel): Promise<CheckpointTensor[]> {
  const vars = namedVariables(model);
  const values = await Promise.all(vars.map(({ variable }) => variable.data() as Promise<Float32Array>));
  return [
    ...vars.map(({ name, variable }, i) => ({ name, shape: [...variable.shape], values: values[i] as Float32Array })),
    ...model.layers.map((layer) => ({ name: `L${layer.index}/bias`, shape: [layer.bias.length], values: Float32Array.from(layer.bias) })),
  ];
}

/**
 * Writes the given weights into the model (which must own its weights: never a shared WeightStore's).
 * Returns the names it did not find in `values` (left as they were).
 */
export function loadWeights(model: MoeModel, values: ReadonlyMap<string, Float32Array>): string[] {
  const missing: string[] = [];
  for (const { name, variable } of namedVariables(model)) {
    const v = values.get(name);
    if (!v || v.length !== variable.size) {
      missing.push(name);
      continue;
    }
    const t = tensor(v, variable.shape);
    variable.assign(t);
    t.dispose();
  }
  for (const layer of model.layers) {
    const v = values.get(`L${layer.index}/bias`);
    if (v && v.length === layer.bias.length) layer.bias = Float32Array.from(v);
    else missing.push(`L${layer.index}/bias`);
  }
  return missing;
}

/**
 * Bits per stored value: 16 for what decides the routing (embeddings, routers, selection bias), so a
 * checkpoint routes like the trained model to 1e-5; 8 for the experts' weights, most of the file.
 */
export function storedBits(name: string): 8 | 16 {
  return /(^|\/)(embedding|class-embedding|router|noise-router|bias)$/.test(name) ? 16 : 8;
}
