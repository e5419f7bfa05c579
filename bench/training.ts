/**
 * Training speed in Node: steps/s and tokens/s of MoeTrainer on the cpu and wasm backends at the
 * default config, and the wall time (and steps) until the specialisation score reaches the
 * threshold the tests use (AMI ≥ 0.25, measured every 5 steps, as the page does).
 *   node scripts/run-ts.mjs bench/training.ts
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { resolve } from 'node:path';
import { env } from '@tensorflow/tfjs-core';
import { initBackend, type BackendName } from '../src/core/backend';
import { DEFAULT_CONFIG } from '../src/core/config';
import { specialisation } from '../src/core/specialisation';
import { MoeTrainer } from '../src/core/training';

// The forward benchmark may have switched tfjs's test mode on (to hush its banner); test mode's
// kernel leak check misfires on the wasm backend for ops built with customGrad (logSoftmax).
env().set('IS_TEST', false);

const THRESHOLD = 0.25;
const root = resolve(import.meta.dirname, '..');
const rows: string[] = [];
/** Machine-readable figures for scripts/perf-summary.mjs (bench/results/training.json). */
const json: {
  backend: string;
  stepsPerSecond: number;
  tokensPerSecond: number;
  toSpecialisationSeconds: number | null;
  toSpecialisationStep: number | null;
}[] = [];

for (const backend of ['cpu', 'wasm'] as BackendName[]) {
  const status = await initBackend(backend);
  if (status.name !== backend) throw new Error(`${backend} backend did not start: ${status.notice}`);
  const t = new MoeTrainer({ ...DEFAULT_CONFIG });
  for (let i = 0; i < 10; i++) await t.trainStep();
  let tokens = 0;
  const t0 = performance.now();
  for (let i = 0; i < 100; i++) tokens += (await t.trainStep()).tokens;
  const seconds = (performance.now() - t0) / 1000;
  t.dispose();

  const fresh = new MoeTrainer({ ...DEFAULT_CONFIG });
  const s0 = performance.now();
  let reached = -1;
  for (let step = 1; step <= 400; step++) {
    await fresh.trainStep();
    if (step % 5 === 0 && specialisation(await fresh.routeVocabulary()).score >= THRESHOLD) {
      reached = step;
      break;
    }
  }
  const toThreshold = (performance.now() - s0) / 1000;
  fresh.dispose();
  json.push({
    backend,
    stepsPerSecond: 100 / seconds,
    tokensPerSecond: tokens / seconds,
    toSpecialisationSeconds: reached > 0 ? toThreshold : null,
    toSpecialisationStep: reached > 0 ? reached : null,
  });
  rows.push(
    `| Node, ${backend} | ${(100 / seconds).toFixed(1)} | ${(tokens / seconds).toFixed(0)} | ${reached > 0 ? `${toThreshold.toFixed(1)} s (step ${reached})` : 'not within 400 steps'} |`,
  );
}

const md = [
  '# Training speed (default config: 8 experts, top-2, batch of 8 sentences, Adam)',
  '',
  `- Date: ${new Date().toISOString().slice(0, 10)}; ${cpus().length} cores; Node ${process.version}`,
  `- One step: route the batch, differentiable forward with the same choices, gradients of the weights that took part, Adam. 100 timed steps after 10 warm-up steps.`,
  `- Threshold: specialisation score (adjusted mutual information of category and top-1 expert) ≥ ${THRESHOLD}, checked every 5 steps.`,
  '',
  `| where | steps/s | tokens/s | time to specialisation ≥ ${THRESHOLD} |`,
  '|---|---:|---:|---|',
  ...rows,
  '',
].join('\n');
mkdirSync(resolve(root, 'bench/results'), { recursive: true });
writeFileSync(resolve(root, 'bench/results/training.md'), md);
writeFileSync(
  resolve(root, 'bench/results/training.json'),
  `${JSON.stringify({ date: new Date().toISOString().slice(0, 10), node: process.version, rows: json }, null, 2)}\n`,
);
console.log(md);
