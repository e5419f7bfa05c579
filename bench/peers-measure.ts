/**
 * moe-lab's figures for the side-by-side benchmark (bench/peers.ts), wherever it runs: in Node
 * (bench/peers-moe.ts) and in headless Chromium (bench/peers-chromium.test.ts), on the wasm backend
 * the caller started. The training rate of the open-vocabulary model on the shipped checkpoints'
 * recipe (TRAINING_RECIPE, at 8 and 64 experts, `batchSize` sentences a step) and one MoE layer
 * forward at T = 1024, width 64, hidden 128, top-2 of 8, 64 and 256 experts, sparse and dense.
 */
import { dispose, env, version_core } from '@tensorflow/tfjs-core';
import { DEFAULT_CONFIG, type MoeConfig } from '../src/core/config';
import { expertKernelsReady } from '../src/core/expert-kernels';
import { openCorpus } from '../src/core/open-corpus';
import { OPEN_VOCAB } from '../src/core/open-vocab';
import { TRAINING_RECIPE } from '../src/core/trained-recipe';
import { MoeTrainer } from '../src/core/training';
import { forward, inputFor, layerFor, measureTogether, type Timing } from './forward-util';

export const PEER_SHAPES = { trainExperts: [8, 64], forward: { T: 1024, width: 64, hidden: 128, k: 2, experts: [8, 64, 256] } };

export interface PeerTraining {
  experts: number;
  batchSize: number;
  tokensPerStep: number;
  steps: number;
  stepsPerSecond: number;
  tokensPerSecond: number;
}

export interface PeerForward {
  T: number;
  E: number;
  k: number;
  width: number;
  hidden: number;
  sparseMs: number;
  denseMs: number;
}

export interface MoeLabFigures {
  tfjs: string;
  backend: 'wasm';
  simd: boolean;
  /** Whether the fused routed-experts kernels ran (src/core/expert-kernels.ts). */
  fusedKernels: boolean;
  vocab: number;
  classes: number;
  training: PeerTraining[];
  forward: PeerForward[];
}

/** Measures every figure; `log` hears a line per figure. */
export async function measureMoeLab(batchSize: number, seconds: number, log: (line: string) => void): Promise<MoeLabFigures> {
  const corpus = openCorpus();
  const training: PeerTraining[] = [];
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
    log(`moe-lab training E=${E}: ${(tokens / s).toFixed(0)} tokens/s (${(tokens / steps).toFixed(0)} tokens a step)`);
  }

  const { T, width, hidden, k, experts } = PEER_SHAPES.forward;
  const h = inputFor(T, width);
  const forwardRows: PeerForward[] = [];
  for (const E of experts) {
    const layer = layerFor(E, k, width, hidden);
    // Each path in its own run of repetitions, as moe_ref.py times PyTorch's: interleaved, each
    // sparse forward came right after a dense one that had filled the caches with all E experts.
    const [sparse] = await measureTogether([(t: Timing) => forward(layer, h, 'sparse', t)], (seconds * 1000) / 4);
    const [dense] = await measureTogether([(t: Timing) => forward(layer, h, 'dense', t)], (seconds * 1000) / 4);
    dispose(layer.variables());
    forwardRows.push({ T, E, k, width, hidden, sparseMs: sparse!.ms, denseMs: dense!.ms });
    log(`moe-lab forward E=${E}: sparse ${sparse!.ms.toFixed(1)} ms, dense ${dense!.ms.toFixed(1)} ms`);
  }
  dispose(h);

  return {
    tfjs: version_core,
    backend: 'wasm',
    simd: env().getBool('WASM_HAS_SIMD_SUPPORT'),
    fusedKernels: expertKernelsReady(),
    vocab: OPEN_VOCAB.words.length,
    classes: OPEN_VOCAB.classes?.length ?? 0,
    training,
    forward: forwardRows,
  };
}
