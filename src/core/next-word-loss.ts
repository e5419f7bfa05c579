/**
 * The training step's task loss: the mean cross-entropy of the next word, −mean_t log softmax(logits
 * [t])[target t], as tfjs ops (the reference; training.ts's formula since the start). With the
 * kernels loaded on wasm (issue 18) the same loss and gradient, to the bit, in three kernel calls and
 * one tfjs log instead of ~15 ops over the tokens × vocabulary matrix (train-kernels.ts).
 */
import {
  cast,
  customGrad,
  engine,
  log,
  logSoftmax,
  mean,
  mul,
  neg,
  oneHot,
  sum,
  tensor1d,
  type GradSaveFunc,
  type NamedAttrMap,
  type Scalar,
  type Tensor,
  type Tensor2D,
} from '@tensorflow/tfjs-core';
import { expertKernelsReady } from './expert-kernels';
import { CE_GRAD_KERNEL, CE_LOSS_KERNEL, CE_SHIFT_KERNEL } from './train-kernels';

/** −mean over tokens of log softmax(logits)[target]; logits [T, V], one target row per token. */
export function nextWordLoss(logits: Tensor2D, targets: readonly number[]): Scalar {
  const V = logits.shape[1];
  if (!expertKernelsReady() || targets.length === 0)
    return neg(mean(sum(mul(cast(oneHot(tensor1d(targets as number[], 'int32'), V), 'float32'), logSoftmax(logits)), 1))) as Scalar;
  const attrs = { ids: Int32Array.from(targets), rows: V } as unknown as NamedAttrMap;
  const run = (kernel: string, inputs: Record<string, Tensor>): Tensor[] =>
    engine().runKernel(kernel, inputs, attrs) as unknown as Tensor[];
  const op = customGrad((...args: (Tensor | GradSaveFunc)[]) => {
    const [shifted, se] = run(CE_SHIFT_KERNEL, { logits: args[0] as Tensor });
    const [loss, value] = run(CE_LOSS_KERNEL, { shifted: shifted as Tensor, lse: log(se as Tensor) });
    (args[1] as GradSaveFunc)([value as Tensor]);
    return {
      value: loss as Tensor,
      gradFunc: (dy: Tensor, saved: Tensor[]) => engine().runKernel(CE_GRAD_KERNEL, { value: saved[0] as Tensor, dy }, attrs) as Tensor,
    };
  });
  return op(logits) as Scalar;
}
