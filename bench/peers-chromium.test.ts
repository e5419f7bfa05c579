/**
 * moe-lab's half of the side-by-side benchmark in headless Chromium (bench/peers.ts runs it through
 * vitest.peers-chromium.config.ts): the same figures as in Node (bench/peers-measure.ts), on the
 * page's wasm backend started as the pages start it, written to reports/peers-chromium.json.
 */
import { env } from '@tensorflow/tfjs-core';
import { it } from 'vitest';
import { commands } from 'vitest/browser';
import { startBrowserBackend } from '../src/state/backend';
import { measureMoeLab } from './peers-measure';

declare const __PEERS_BATCH__: string;
declare const __PEERS_SECONDS__: string;

it('moe-lab in Chromium', async () => {
  env().set('IS_TEST', false);
  const status = await startBrowserBackend('wasm');
  if (status.name !== 'wasm') throw new Error('the wasm backend did not start in Chromium');
  const result = await measureMoeLab(Number(__PEERS_BATCH__), Number(__PEERS_SECONDS__), (line) => console.log(`Chromium: ${line}`));
  await commands.writeFile('reports/peers-chromium.json', JSON.stringify({ ...result, browser: navigator.userAgent }));
}, 600_000);
