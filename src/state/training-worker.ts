/**
 * The training worker's entry point: tfjs (wasm, bundled .wasm files; or cpu) and the training
 * loops run here, off the page's thread (see ./training-host and ./training-client).
 */
import { memory } from '@tensorflow/tfjs-core';
import { startBrowserBackend } from './backend';
import { serveTraining } from './training-host';
import type { Port } from './training-protocol';

serveTraining(self as unknown as Port, {
  startBackend: startBrowserBackend,
  memory: () => {
    const m = memory();
    return { tensors: m.numTensors, bytes: m.numBytes };
  },
});
