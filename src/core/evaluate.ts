/**
 * Measuring a model on held-out text: the mean next-word loss (cross-entropy, in nats) and how far
 * the routing follows the word classes (specialisation.ts's AMI, over every token of the text).
 */
import { cast, logSoftmax, matMul, mean, mul, neg, oneHot, sum, tensor1d, tidy, type Tensor2D } from '@tensorflow/tfjs-core';
import { MoeModel, rmsNorm, type RunOptions } from './model';
import { Rng } from './rng';
import type { Token } from './tokenizer';
import type { Corpus } from './train-batch';

/** n sentences from the corpus on a stream of their own (never a training batch's). */
export function heldOutSentences(seed: number, corpus: Corpus, n: number): Token[][] {
  const rng = Rng.stream(seed, 'held-out');
  return Array.from({ length: n }, () => corpus.sentence(rng));
}

/**
 * Mean cross-entropy of each next word given the word before it, over all the sentences. One read-back.
 * `options` go to model.run (e.g. an ablation); the final hidden states are always kept for the loss.
 */
export async function nextWordLoss(model: MoeModel, sentences: readonly Token[][], options: RunOptions = {}): Promise<number> {
  const inputs: Token[] = [];
  const targets: number[] = [];
  for (const s of sentences)
    for (let t = 0; t + 1 < s.length; t++) {
      inputs.push(s[t] as Token);
      targets.push((s[t + 1] as Token).id);
    }
  if (inputs.length === 0) return 0;
  const { output } = await model.run(inputs, { ...options, keepOutput: true });
  if (!output) return 0;
  const V = model.vocab.words.length;
  const loss = tidy(() => {
    const table = model.embeddingMatrix();
    const logits = matMul(rmsNorm(output), table, false, true) as Tensor2D;
    return neg(mean(sum(mul(cast(oneHot(tensor1d(targets, 'int32'), V), 'float32'), logSoftmax(logits)), 1)));
  });
  output.dispose();
  const value = (await loss.data())[0] as number;
  loss.dispose();
  return value;
}
