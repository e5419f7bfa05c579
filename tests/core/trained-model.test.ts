/**
 * The factorised embedding of an open vocabulary, the class-template corpus, and a checkpoint's
 * round trip through the model: written, read back, loaded into a fresh model, routing the same.
 */
import { memory } from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { decodeCheckpoint, encodeCheckpoint } from '../../src/core/checkpoint';
import { DEFAULT_CONFIG, type MoeConfig } from '../../src/core/config';
import type { Category } from '../../src/core/corpus';
import { heldOutSentences, nextWordLoss } from '../../src/core/evaluate';
import { MoeModel } from '../../src/core/model';
import { loadWeights, readWeights, storedBits, weightShapes } from '../../src/core/model-weights';
import { classCorpus } from '../../src/core/open-corpus';
import { specialisation } from '../../src/core/specialisation';
import type { Vocab } from '../../src/core/tokenizer';
import { MoeTrainer } from '../../src/core/training';

const CLASSES = ['noun', 'verb', 'determiner', 'punctuation'];
const EN = { noun: ['cat', 'dog', 'mat', 'hat'], verb: ['sat', 'ran'], determiner: ['the', 'a'], punctuation: ['.', ',', '!', '?'] };
const ZH = { noun: ['书'], verb: ['读'], punctuation: ['。', '，', '！', '？'] };

/** '<unk>', the class tokens, then every word but 'hat' (which only its class token stands for). */
function smallVocab(): Vocab {
  const words = ['<unk>', ...CLASSES.map((c) => `<${c}>`)];
  const classOf = [-1, ...CLASSES.map((_, i) => i)];
  for (const [c, list] of [...Object.entries(EN), ...Object.entries(ZH)])
    for (const w of list)
      if (w !== 'hat') {
        words.push(w);
        classOf.push(CLASSES.indexOf(c));
      }
  return {
    words,
    ids: new Map(words.map((w, i) => [w, i])),
    categories: classOf.map((c) => (c >= 0 ? CLASSES[c] : 'unknown') as Category),
    classOf: Int32Array.from(classOf),
    classes: CLASSES,
  };
}

const config: MoeConfig = { ...DEFAULT_CONFIG, modelWidth: 8, expertHidden: 16, routedExperts: 4 };

describe('factorised embedding', () => {
  it("adds the class's row to each word's row; a class token is exactly its class's row", async () => {
    const vocab = smallVocab();
    const m = new MoeModel(config, vocab);
    const own = (await m.embedding.array()) as number[][];
    const cls = (await m.classEmbedding!.array()) as number[][];
    const rows = m.embed([vocab.ids.get('cat')!, vocab.ids.get('<noun>')!, 0]);
    const got = (await rows.array()) as number[][];
    rows.dispose();
    const cat = vocab.ids.get('cat')!;
    got[0]!.forEach((v, i) => expect(v).toBeCloseTo(own[cat]![i]! + cls[0]![i]!, 6));
    got[1]!.forEach((v, i) => expect(v).toBeCloseTo(cls[0]![i]!, 6));
    got[2]!.forEach((v, i) => expect(v).toBeCloseTo(own[0]![i]!, 6));
    expect(m.params.embedding).toBe((vocab.words.length + CLASSES.length) * 8);
    m.dispose();
  });

  it('a vocabulary without classes keeps the plain embedding (the toy model unchanged)', () => {
    const m = new MoeModel(config);
    expect(m.classEmbedding).toBeNull();
    expect(m.embeddingMatrix()).toBe(m.embedding);
    m.dispose();
  });
});

describe('class-template corpus', () => {
  it('is reproducible from its seed, in both languages, and uses class tokens for words without a row', () => {
    const vocab = smallVocab();
    const corpus = classCorpus({ en: EN, zh: ZH }, vocab, { chinese: 0.3 });
    const a = heldOutSentences(3, corpus, 200);
    expect(heldOutSentences(3, corpus, 200)).toEqual(a);
    const texts = a.flat().map((t) => t.text);
    expect(texts).toContain('。');
    expect(texts).toContain('the');
    const hat = a.flat().find((t) => t.text === 'hat');
    expect(hat?.id).toBe(vocab.ids.get('<noun>'));
    expect(a.flat().every((t) => !t.unknown)).toBe(true);
    // Zipf: the first noun is drawn more often than the last.
    const count = (w: string) => texts.filter((t) => t === w).length;
    expect(count('cat')).toBeGreaterThan(count('hat'));
  });
});

describe('training on the corpus, and the checkpoint round trip', () => {
  it('lowers the held-out loss, specialises by class, and routes identically (to 1e-3) after write → read', async () => {
    const vocab = smallVocab();
    const corpus = classCorpus({ en: EN, zh: ZH }, vocab);
    const held = heldOutSentences(9, corpus, 60);
    const trainer = new MoeTrainer(config, { ...trainerSettings }, vocab, corpus);
    const before = await nextWordLoss(trainer.model, held);
    const fresh = new MoeModel(config, vocab);
    const bases = new Map((await readWeights(fresh)).map((t) => [t.name, t.values]));
    for (let i = 0; i < 40; i++) await trainer.trainStep();
    const after = await nextWordLoss(trainer.model, held);
    expect(after).toBeLessThan(0.7 * before);

    const weights = await readWeights(trainer.model);
    const meta = {
      config,
      vocabHash: 'v',
      seed: config.seed,
      steps: 40,
      batch: 8,
      finalLoss: after,
      earlyLosses: [],
      heldOutLoss: after,
      untrainedLoss: before,
      specialisation: 0,
    };
    const { bin, manifest } = encodeCheckpoint(weights, (n) => bases.get(n) ?? null, meta, storedBits);
    expect(manifest.tensors.find((t) => t.name === 'L0/router')?.bits).toBe(16);
    expect(manifest.tensors.find((t) => t.name === 'L0/expert0/up')?.bits).toBe(8);
    const read = decodeCheckpoint(
      bin,
      JSON.parse(JSON.stringify(manifest)),
      { config, vocabHash: 'v', tensors: weightShapes(fresh) },
      (n) => bases.get(n) ?? null,
    );
    expect(read.ok).toBe(true);
    if (!read.ok) return;
    expect(loadWeights(fresh, read.tensors)).toEqual([]);
    const tokens = held.flat();
    const a = (await trainer.model.run(tokens)).trace.layers[0]!;
    const b = (await fresh.run(tokens)).trace.layers[0]!;
    a.tokens.forEach((r, t) => {
      expect(b.tokens[t]!.experts).toEqual(r.experts);
      r.weights.forEach((w, j) => expect(Math.abs(w - b.tokens[t]!.weights[j]!)).toBeLessThan(1e-3));
    });
    const { trace } = await fresh.run(tokens);
    expect(specialisation(trace, 0, []).score).toBeGreaterThan(0);
    trainer.dispose();
    fresh.dispose();
  });

  it('leaks no tensors over steps and evaluation', async () => {
    const vocab = smallVocab();
    const corpus = classCorpus({ en: EN, zh: ZH }, vocab);
    const trainer = new MoeTrainer(config, { ...trainerSettings }, vocab, corpus);
    await trainer.trainStep();
    await nextWordLoss(trainer.model, heldOutSentences(1, corpus, 5));
    const n = memory().numTensors;
    for (let i = 0; i < 3; i++) await trainer.trainStep();
    await nextWordLoss(trainer.model, heldOutSentences(1, corpus, 5));
    expect(memory().numTensors).toBe(n);
    trainer.dispose();
  });
});

const trainerSettings = {
  learningRate: 0.03,
  batchSize: 8,
  balance: 'switch',
  alpha: 0.01,
  gamma: 0.01,
  seqAlpha: 0.0001,
  zLoss: 0,
} as const;
