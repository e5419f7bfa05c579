import { it } from 'vitest';
import { LatentAttention } from '../../src/core/latent-attention';
import { tokenize } from '../../src/core/tokenizer';
import { SENTENCES } from '../../src/core/corpus';
it('probe', async () => {
  for (const seed of [1, 2, 3]) {
    const m = new LatentAttention({ seed });
    for (const s of [SENTENCES[0]!, SENTENCES[28]!]) {
      const t0 = performance.now();
      const r = await m.sweep(tokenize(s).tokens);
      console.log(seed, s.slice(0, 20), (performance.now() - t0).toFixed(0) + 'ms');
      console.log(r.map((e) => `${e.dc}: tv ${(e.attentionMoved*100).toFixed(2)} max ${e.attentionMaxDiff.toFixed(3)} out ${(e.outputError*100).toFixed(2)} kv ${(e.kvError*100).toFixed(2)} en ${(e.energyKept*100).toFixed(1)} cache ${e.cacheFull}/${e.cacheLatent}`).join('\n'));
    }
    console.log(Array.from(m.spectrum).map((x) => x.toFixed(2)).join(' '));
    m.dispose();
  }
});
