import { memory } from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../../src/core/config';
import { DEFAULT_SENTENCE } from '../../src/core/corpus';
import { combinations, expertSets, routedPerToken } from '../../src/core/lesson-math';
import { routeAtGranularities } from '../../src/state/lesson-runs';
import { decodeLesson, encodeLesson } from '../../src/state/lesson-url';

describe('lesson links', () => {
  it('read the simulator’s keys and write them back', () => {
    const d = decodeLesson('?e=16&k=4&s=1&m=2&seed=7&text=the+red+fox');
    expect(d.notices).toEqual([]);
    expect(d.config).toMatchObject({ routedExperts: 16, topK: 4, sharedExperts: 1, granularity: 2, seed: 7 });
    expect(d.text).toBe('the red fox');
    expect(encodeLesson(d)).toBe('?e=16&k=4&s=1&m=2&seed=7&text=the+red+fox');
    expect(decodeLesson(encodeLesson(d))).toEqual(d);
  });

  it('keep other settings only when they are not the defaults', () => {
    const d = decodeLesson('?r=sigmoid-bias&cf=1.5&e=8');
    expect(encodeLesson(d)).toBe(
      `?e=8&k=2&s=0&m=1&cf=1.5&r=sigmoid-bias&seed=1&text=${new URLSearchParams({ t: DEFAULT_SENTENCE }).toString().slice(2)}`,
    );
  });

  it('give a notice and the defaults for a bad link, never an exception', () => {
    const d = decodeLesson('?e=abc&k=99');
    expect(d.config.routedExperts).toBe(DEFAULT_CONFIG.routedExperts);
    expect(d.config.topK).toBe(DEFAULT_CONFIG.topK);
    expect(d.notices).toHaveLength(2);
    expect(d.notices[0]).toMatchObject({ code: 'link.ignored', args: { key: 'e', value: 'abc' } });
    expect(d.notices[1]).toMatchObject({ code: 'link.ignored', args: { key: 'k', value: '99' } });
  });
});

describe('routeAtGranularities', () => {
  it('routes the same sentence at m = 1, 2, 4, 8 with equal routed-expert work, and frees every tensor', async () => {
    const before = memory().numTensors;
    const runs = await routeAtGranularities({ ...DEFAULT_CONFIG }, DEFAULT_SENTENCE);
    expect(memory().numTensors).toBe(before);
    expect(runs.map((r) => r.m)).toEqual([1, 2, 4, 8]);
    for (const r of runs) {
      expect(r.problems).toEqual([]);
      const t = r.trace!;
      expect(t.layers[0]?.tokens.every((tok) => tok.used === 2 * r.m)).toBe(true);
      // 3·32·(64/m) weights per expert × 2m experts = 12,288 for every token at every m.
      expect(routedPerToken(t).every((x) => x === 12288)).toBe(true);
      expect(BigInt(expertSets(t))).toBeLessThanOrEqual(combinations(8 * r.m, 2 * r.m));
    }
  });

  it('reports why a granularity cannot run instead of throwing', async () => {
    const runs = await routeAtGranularities({ ...DEFAULT_CONFIG, routedExperts: 64 }, 'the fox', [4, 8]);
    expect(runs[0]?.trace).not.toBeNull();
    expect(runs[1]?.trace).toBeNull();
    // The problems are codes with arguments, so the page words them in its own language.
    expect(runs[1]?.problems).toEqual([
      { field: 'granularity', code: 'config.expertsTimesGranularity', args: { experts: 64, granularity: 8, max: 256 } },
    ]);
  });
});
