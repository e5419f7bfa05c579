// AssemblyScript entry of the WebAssembly kernels (scripts/build-kernels.mjs builds it).
export { expertsForward, expertsBackward } from './experts';
export { expertAdam } from './adam';
export { matMulTA } from './products';
export { embedRows, embedGrad, lookupRows } from './embed';
export { ceShift, ceLoss, ceGrad } from './cross-entropy';
export { softmaxRows, topKSoftmaxRows } from './softmax';
