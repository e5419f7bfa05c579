/**
 * A page's live tfjs tensors and bytes and the backend they live on (PageController's `diagnostics`
 * option), for the pages that run tfjs themselves: the leak tests and the soak benchmark read it.
 */
import { getBackend, memory } from '@tensorflow/tfjs-core';
import type { Diagnostics } from './page-controller';

export function tfjsDiagnostics(): Diagnostics {
  const m = memory();
  return { tensors: m.numTensors, bytes: m.numBytes, backend: getBackend() };
}
