/**
 * moe-lab's half of the side-by-side benchmark in Node (bench/peers.ts runs it), on the wasm backend;
 * the figures are bench/peers-measure.ts's. Runs inside vitest (tfjs's gradients need vite's bundling):
 *   BENCH=peers-moe PEERS_OUT=/tmp/x.json npx vitest run -c vitest.bench.config.ts
 * PEERS_BATCH sets the sentences per step, PEERS_SECONDS the time per training figure.
 */
import { env } from '@tensorflow/tfjs-core';
import { writeFileSync } from 'node:fs';
import { initBackend } from '../src/core/backend';
import { measureMoeLab } from './peers-measure';

env().set('IS_TEST', false);

const status = await initBackend('wasm');
if (status.name !== 'wasm') throw new Error(`wasm backend did not start: ${status.notice}`);
const result = await measureMoeLab(Number(process.env.PEERS_BATCH ?? 40), Number(process.env.PEERS_SECONDS ?? 4), (line) =>
  console.error(line),
);
if (process.env.PEERS_OUT) writeFileSync(process.env.PEERS_OUT, JSON.stringify(result));
else console.log(JSON.stringify(result));
