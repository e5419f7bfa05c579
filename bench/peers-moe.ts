/**
 * moe-lab's half of the side-by-side benchmark (bench/peers.ts runs it): on the wasm backend, the
 * training rate of the open-vocabulary model on the shipped checkpoints' recipe (TRAINING_RECIPE, at
 * 8 and 64 experts) and one MoE layer forward at T = 1024, width 64, hidden 128, top-2 of 8, 64 and
 * 256 experts, sparse and dense. Runs inside vitest (tfjs's gradients need vite's bundling):
 *   BENCH=peers-moe PEERS_OUT=/tmp/x.json npx vitest run -c vitest.bench.config.ts
 * PEERS_BATCH sets the sentences per step, PEERS_SECONDS the time per training figure.
 */
import { dispose, env, version_core } from '@tensorflow/tfjs-core';
import { writeFileSync } from 'node:fs';
import { initBackend } from '../src/core/backend';
import { DEFAULT_CONFIG, type MoeConfig } from '../src/core/config';
import { openCorpus } from '../src/core/open-corpus';
import { OPEN_VOCAB } from '../src/core/open-vocab';
import { TRAINING_RECIPE } from '../src/core/trained-recipe';
import { MoeTrainer } from '../src/core/training';
import { forward, inputFor, layerFor, measureTogether, type Timing } from './forward-util';

env().set('IS_TEST', false);

export const PEER_SHAPES = { trainExperts: [8, 64], forward: { T: 1024, width: 64, hidden: 128, k: 2, experts: [8, 64, 256] } };

const batchSize = Number(process.env.PEERS_BATCH ?? 40);
const seconds = Number(process.env.PEERS_SECONDS ?? 4);

const status = await initBackend('wasm');
if (status.name !== 'wasm') throw new Error(`wasm backend did not start: ${status.notice}`);

const corpus = openCorpus();
const training = [];
for (const E of PEER_SHAPES.trainExperts) {
  const config: MoeConfig = { ...DEFAULT_CONFIG, routedExperts: E };
  const trainer = new MoeTrainer(config, { ...TRAINING_RECIPE.settings(config), batchSize }, OPEN_VOCAB, corpus);
  for (let i = 0; i < 5; i++) await trainer.trainStep();
  let tokens = 0;
  let steps = 0;
  const t0 = performance.now();
  while (steps < 10 || performance.now() - t0 < seconds * 1000) {
    tokens += (await trainer.trainStep()).tokens;
    steps++;
  }
  const s = (performance.now() - t0) / 1000;
  trainer.dispose();
  training.push({ experts: E, batchSize, tokensPerStep: tokens / steps, steps, stepsPerSecond: steps / s, tokensPerSecond: tokens / s });
  console.error(`moe-lab training E=${E}: ${(tokens / s).toFixed(0)} tokens/s (${(tokens / steps).toFixed(0)} tokens a step)`);
}

const { T, width, hidden, k, experts } = PEER_SHAPES.forward;
const h = inputFor(T, width);
const forwardRows = [];
for (const E of experts) {
  const layer = layerFor(E, k, width, hidden);
  const [sparse, dense] = await measureTogether(
    [(t: Timing) => forward(layer, h, 'sparse', t), (t: Timing) => forward(layer, h, 'dense', t)],
    (seconds * 1000) / 2,
  );
  dispose(layer.variables());
  forwardRows.push({ T, E, k, width, hidden, sparseMs: sparse!.ms, denseMs: dense!.ms });
  console.error(`moe-lab forward E=${E}: sparse ${sparse!.ms.toFixed(1)} ms, dense ${dense!.ms.toFixed(1)} ms`);
}
dispose(h);

const result = {
  tfjs: version_core,
  backend: 'wasm',
  simd: env().getBool('WASM_HAS_SIMD_SUPPORT'),
  vocab: OPEN_VOCAB.words.length,
  classes: OPEN_VOCAB.classes?.length ?? 0,
  training,
  forward: forwardRows,
};
if (process.env.PEERS_OUT) writeFileSync(process.env.PEERS_OUT, JSON.stringify(result));
else console.log(JSON.stringify(result));
