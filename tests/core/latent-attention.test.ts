import { memory, setBackend } from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-wasm';
import { describe, expect, it } from 'vitest';
import { SENTENCES } from '../../src/core/corpus';
import { perToken } from '../../src/core/kv-cache';
import { embedTokens, LatentAttention } from '../../src/core/latent-attention';
import { MoeModel, rmsNorm } from '../../src/core/model';
import { DEFAULT_CONFIG } from '../../src/core/config';
import { tokenize } from '../../src/core/tokenizer';

const TOKENS = tokenize(SENTENCES[0] as string).tokens;

describe('LatentAttention: the toy', () => {
  it('has width 32, 4 heads of 8, full rank min(32, 64) = 32', () => {
    const m = new LatentAttention();
    expect(m.config).toEqual({ width: 32, heads: 4, headDim: 8, seed: 1 });
    expect(m.fullRank).toBe(32);
    expect(m.spectrum.length).toBe(32);
    m.dispose();
  });

  it('caches what the formulas say: K and V are 2·n_h·d_h = 64 wide, the latent d_c wide', async () => {
    const m = new LatentAttention();
    for (const dc of [1, 8, 32]) {
      const r = await m.evaluate(TOKENS, dc);
      expect(r.cacheFull).toBe(perToken('mha', m.shape(dc)));
      expect(r.cacheFull).toBe(64);
      expect(r.cacheLatent).toBe(perToken('mla', m.shape(dc)));
      expect(r.cacheLatent).toBe(dc);
    }
    m.dispose();
  });

  it('attention rows are causal distributions: each sums to 1 and reads no later token', async () => {
    const m = new LatentAttention();
    const r = await m.evaluate(TOKENS, 6);
    const T = TOKENS.length;
    expect(r.tokens).toBe(T);
    expect(r.attentionFull).toHaveLength(4);
    for (const a of [...r.attentionFull, ...r.attentionLatent]) {
      expect(a.length).toBe(T * T);
      for (let i = 0; i < T; i++) {
        let s = 0;
        for (let j = 0; j < T; j++) {
          if (j > i) expect(a[i * T + j]).toBe(0);
          s += a[i * T + j] as number;
        }
        expect(s).toBeCloseTo(1, 5);
      }
    }
    m.dispose();
  });

  it('is exact at full rank (errors < 1e-4) and the error falls as d_c grows', async () => {
    for (const seed of [1, 2, 3]) {
      const m = new LatentAttention({ seed });
      for (const text of [SENTENCES[0] as string, SENTENCES[28] as string]) {
        const sweep = await m.sweep(tokenize(text).tokens);
        expect(sweep.map((e) => e.dc)).toEqual(Array.from({ length: 32 }, (_, i) => i + 1));
        const last = sweep[31]!;
        expect(last.outputError).toBeLessThan(1e-4);
        expect(last.attentionMoved).toBeLessThan(1e-4);
        expect(last.attentionMaxDiff).toBeLessThan(1e-4);
        expect(last.kvError).toBeLessThan(1e-4);
        expect(last.energyKept).toBeCloseTo(1, 12);
        // Rebuilt keys and values: the error is Σ_{i>d_c} σᵢ²‖X·uᵢ‖², so it can only fall, step by step.
        for (let i = 1; i < 32; i++) expect(sweep[i]!.kvError).toBeLessThan(sweep[i - 1]!.kvError);
        // Attention and output pass through a softmax, so small wiggles are possible; over steps of 8 they fall.
        const coarse = [1, 8, 16, 24, 32].map((dc) => sweep[dc - 1]!);
        for (let i = 1; i < coarse.length; i++) {
          expect(coarse[i]!.attentionMoved).toBeLessThan(coarse[i - 1]!.attentionMoved);
          expect(coarse[i]!.outputError).toBeLessThan(coarse[i - 1]!.outputError);
        }
        expect(sweep[0]!.outputError).toBeGreaterThan(0.5);
      }
      m.dispose();
    }
  });

  it('evaluate and sweep agree', async () => {
    const m = new LatentAttention();
    const sweep = await m.sweep(TOKENS, [3, 17]);
    const r = await m.evaluate(TOKENS, 17);
    expect(r.outputError).toBeCloseTo(sweep[1]!.outputError, 6);
    expect(r.attentionMoved).toBeCloseTo(sweep[1]!.attentionMoved, 6);
    m.dispose();
  });

  it('is deterministic for a seed, and another seed gives other weights', async () => {
    const a = new LatentAttention({ seed: 5 });
    const b = new LatentAttention({ seed: 5 });
    const c = new LatentAttention({ seed: 6 });
    expect(await a.evaluate(TOKENS, 8)).toEqual(await b.evaluate(TOKENS, 8));
    expect(await a.sweep(TOKENS)).toEqual(await b.sweep(TOKENS));
    expect((await c.evaluate(TOKENS, 8)).outputError).not.toBe((await a.evaluate(TOKENS, 8)).outputError);
    [a, b, c].forEach((m) => m.dispose());
  });

  it('gives the same figures on the wasm backend as on cpu (within float tolerance)', async () => {
    const onCpu = new LatentAttention({ seed: 3 });
    const cpu = await onCpu.sweep(TOKENS, [1, 8, 32]);
    onCpu.dispose();
    await setBackend('wasm');
    try {
      const onWasm = new LatentAttention({ seed: 3 });
      const wasm = await onWasm.sweep(TOKENS, [1, 8, 32]);
      onWasm.dispose();
      wasm.forEach((w, i) => {
        expect(w.outputError).toBeCloseTo(cpu[i]!.outputError, 4);
        expect(w.attentionMoved).toBeCloseTo(cpu[i]!.attentionMoved, 4);
        expect(w.cacheLatent).toBe(cpu[i]!.cacheLatent);
      });
    } finally {
      await setBackend('cpu');
    }
  });

  it('reads the same token vectors as the simulator’s model (same seed, same streams)', async () => {
    const model = new MoeModel({ ...DEFAULT_CONFIG, seed: 9 });
    const ids = TOKENS.map((t) => t.id);
    const emb = (await model.embedding.data()) as Float32Array;
    const raw = ids.flatMap((id) => Array.from(emb.slice(id * 32, (id + 1) * 32)));
    const { tensor2d } = await import('@tensorflow/tfjs-core');
    const t = tensor2d(raw, [ids.length, 32]);
    const expected = rmsNorm(t);
    const x = embedTokens(TOKENS, 32, 9);
    expect(Array.from(await x.data())).toEqual(Array.from(await expected.data()));
    [t, expected, x].forEach((v) => v.dispose());
    model.dispose();
  });

  it('an empty sentence gives zero errors and no maps; bad d_c is refused', async () => {
    const m = new LatentAttention();
    const r = await m.evaluate([], 4);
    expect(r).toMatchObject({ tokens: 0, outputError: 0, cacheFull: 64, cacheLatent: 4, attentionFull: [] });
    expect((await m.sweep([], [1, 2])).map((e) => e.cacheLatent)).toEqual([1, 2]);
    await expect(m.evaluate(TOKENS, 0)).rejects.toMatchObject({ code: 'latent.rank', args: { value: 0, max: 32 } });
    await expect(m.evaluate(TOKENS, 33)).rejects.toMatchObject({ code: 'latent.rank', args: { value: 33, max: 32 } });
    await expect(m.evaluate(TOKENS, 2.5)).rejects.toMatchObject({ code: 'latent.rank', args: { value: 2.5, max: 32 } });
    m.dispose();
    await expect(m.evaluate(TOKENS, 4)).rejects.toMatchObject({ code: 'latent.disposed' });
  });

  it('leaks no tensors over many evaluations, d_c changes and sweeps; dispose frees its weights', async () => {
    const before = memory().numTensors;
    const m = new LatentAttention({ seed: 4 });
    const own = memory().numTensors - before;
    expect(own).toBe(3);
    await m.evaluate(TOKENS, 8); // warm-up
    const start = memory().numTensors;
    for (let i = 0; i < 200; i++) await m.evaluate(i % 2 ? TOKENS : TOKENS.slice(0, 3), 1 + (i % 32));
    await m.sweep(TOKENS);
    await m.sweep(TOKENS.slice(0, 1), [1, 32]);
    expect(memory().numTensors).toBe(start);
    m.dispose();
    expect(memory().numTensors).toBe(before);
  });
});
