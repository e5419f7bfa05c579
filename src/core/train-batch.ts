/** The training data: seeded batches of grammar sentences (inputs and next words), and a fixed evaluation set. */
import { generateSentence, type UniformSource } from './corpus';
import { Rng } from './rng';
import { tokenize, VOCAB, type Token, type Vocab } from './tokenizer';

export interface Batch {
  /** Input tokens: every sentence without its last token, one after another. */
  tokens: Token[];
  /** The next word of each input token. */
  targets: number[];
  /** [from, to) of each sentence in tokens. */
  sequences: [number, number][];
}

/** Where training sentences come from: a sentence of tokens from a seeded stream. */
export interface Corpus {
  sentence(rng: UniformSource): Token[];
}

/** The toy grammar of corpus.ts, tokenized with the given vocabulary. */
export function grammarCorpus(vocab: Vocab = VOCAB): Corpus {
  return { sentence: (rng) => tokenize(generateSentence(rng), vocab).tokens };
}

/** batchSize sentences of the training grammar, from a seeded stream for this step. */
export function makeBatch(
  seed: number,
  step: number,
  batchSize: number,
  vocab: Vocab = VOCAB,
  corpus: Corpus = grammarCorpus(vocab),
): Batch {
  const rng = Rng.stream(seed, 'batch', step);
  const batch: Batch = { tokens: [], targets: [], sequences: [] };
  for (let i = 0; i < batchSize; i++) {
    const toks = corpus.sentence(rng);
    const from = batch.tokens.length;
    for (let t = 0; t + 1 < toks.length; t++) {
      batch.tokens.push(toks[t] as Token);
      batch.targets.push((toks[t + 1] as Token).id);
    }
    batch.sequences.push([from, batch.tokens.length]);
  }
  return batch;
}

/** Sentences in the evaluation set: ~1,100 tokens, so that a balanced load reads as balanced (±6% per expert at 8 experts, top-2). */
export const EVAL_SENTENCES = 128;

/** A fixed evaluation set of grammar sentences from their own stream (never a training batch). */
export function evalTokens(seed: number, vocab: Vocab = VOCAB, corpus: Corpus = grammarCorpus(vocab)): Token[] {
  const rng = Rng.stream(seed, 'eval');
  return Array.from({ length: EVAL_SENTENCES }, () => corpus.sentence(rng)).flat();
}
