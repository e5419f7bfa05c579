/**
 * The training protocol served with the browser's tfjs start-up (bundled .wasm files, or cpu) and
 * tfjs's own tensor count: in the training worker, or on the page's thread where no worker starts.
 */
import { memory } from '@tensorflow/tfjs-core';
import { startBrowserBackend } from './backend';
import { serveTraining } from './training-host';
import type { Port } from './training-protocol';

export function serveBrowserTraining(port: Port): void {
  serveTraining(port, {
    startBackend: startBrowserBackend,
    memory: () => {
      const m = memory();
      return { tensors: m.numTensors, bytes: m.numBytes };
    },
  });
}
