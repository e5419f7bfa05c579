/**
 * The training worker's entry point: tfjs (wasm, bundled .wasm files; or cpu) and the training
 * loops run here, off the page's thread (see ./training-host and ./training-client).
 */
import { serveBrowserTraining } from './training-browser';
import type { Port } from './training-protocol';

serveBrowserTraining(self as unknown as Port);
