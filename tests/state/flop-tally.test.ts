import { describe, expect, it } from 'vitest';
import { activeChange, fixedK, flopTally, FLOPS_PER_MULTIPLY_ADD } from '../../src/state/flop-tally';
import { BY_HAND, fixedTrace, handTrace, mixedTrace } from '../flop-traces';

const { flops: F, active: A } = BY_HAND;

describe('flopTally', () => {
  it('the hand-made trace carries the hand-computed costs', () => {
    const t = mixedTrace();
    expect(t.perToken.map((c) => c.flops)).toEqual([F.two, F.one, F.two, F.none]);
    expect(t.perToken.map((c) => c.activeParams)).toEqual([A.two, A.one, A.two, A.none]);
    expect(t.flops.densePerToken).toBe(F.dense);
  });

  it('sums the sparse FLOPs of tokens 0..position and position + 1 dense tokens', () => {
    const t = mixedTrace();
    // 25,728; +13,440 = 39,168; +25,728 = 64,896; +1,152 = 66,048.
    expect(flopTally(t, 0)).toEqual({
      tokens: 1,
      sparse: 25728,
      dense: 99456,
      sparseStep: 25728,
      denseStep: 99456,
      ratio: 99456 / 25728,
      saved: 1 - 25728 / 99456,
    });
    expect(flopTally(t, 1)).toMatchObject({ tokens: 2, sparse: 39168, dense: 198912, sparseStep: 13440 });
    expect(flopTally(t, 2)).toMatchObject({ tokens: 3, sparse: 64896, dense: 298368, sparseStep: 25728 });
    const last = flopTally(t, 3);
    expect(last).toMatchObject({ tokens: 4, sparse: 66048, dense: 397824, sparseStep: 1152, denseStep: 99456 });
    // 397,824 / 66,048 ≈ 6.02× fewer; 1 − 66,048/397,824 ≈ 83.4% saved.
    expect(last.ratio).toBeCloseTo(6.0233, 4);
    expect(last.saved).toBeCloseTo(0.834, 3);
  });

  it('grows by exactly the token’s FLOPs and the dense per-token FLOPs at each step', () => {
    const t = mixedTrace();
    for (let i = 1; i < t.perToken.length; i++) {
      const a = flopTally(t, i - 1);
      const b = flopTally(t, i);
      expect(b.sparse - a.sparse).toBe(t.perToken[i]!.flops);
      expect(b.dense - a.dense).toBe(t.flops.densePerToken);
    }
  });

  it('clamps the position to the sentence and counts nothing without a trace or tokens', () => {
    const t = mixedTrace();
    expect(flopTally(t, 99)).toEqual(flopTally(t, 3));
    const none = { tokens: 0, sparse: 0, dense: 0, sparseStep: 0, denseStep: 0, ratio: 1, saved: 0 };
    expect(flopTally(t, -1)).toEqual(none);
    expect(flopTally(t, Number.NaN)).toEqual(none);
    expect(flopTally(null, 2)).toEqual(none);
    expect(flopTally(handTrace([]), 0)).toEqual(none);
  });

  it('with a fixed k the ratio is the same at every step', () => {
    const t = fixedTrace();
    const r = flopTally(t, 0).ratio;
    expect(r).toBeCloseTo(F.dense / F.two, 12);
    expect(flopTally(t, 3).ratio).toBeCloseTo(r, 12);
    expect(flopTally(t, 3).sparse).toBe(4 * F.two);
  });

  it('one multiply-add is 2 FLOPs, as params.ts counts them', () => {
    expect(FLOPS_PER_MULTIPLY_ADD).toBe(2);
  });
});

describe('activeChange', () => {
  it('gives the change from the previous token when the count differs', () => {
    const t = mixedTrace();
    expect(activeChange(t, 0)).toEqual({ current: A.two, previous: null, delta: null, allSame: false });
    // 6,720 − 12,864 = −6,144 (one expert's weights); then +6,144; then 576 − 12,864 = −12,288.
    expect(activeChange(t, 1)).toEqual({ current: A.one, previous: A.two, delta: -6144, allSame: false });
    expect(activeChange(t, 2)).toMatchObject({ delta: 6144, allSame: false });
    expect(activeChange(t, 3)).toMatchObject({ current: 576, delta: -12288 });
  });

  it('says when the count is the same as the previous token’s and for every token', () => {
    const t = fixedTrace();
    expect(activeChange(t, 2)).toEqual({ current: A.two, previous: A.two, delta: 0, allSame: true });
    // Same as the previous token, but not the whole sentence.
    const some = handTrace([
      { experts: [0, 1], dropped: [false, false] },
      { experts: [2, 3], dropped: [false, false] },
      { experts: [4, 5], dropped: [true, false] },
    ]);
    expect(activeChange(some, 1)).toMatchObject({ delta: 0, allSame: false });
  });

  it('gives nothing outside the sentence, and one token is not "all the same"', () => {
    const t = mixedTrace();
    expect(activeChange(t, 4)).toBeNull();
    expect(activeChange(t, -1)).toBeNull();
    expect(activeChange(t, 0.5)).toBeNull();
    expect(activeChange(null, 0)).toBeNull();
    expect(activeChange(handTrace([{ experts: [0, 1], dropped: [false, false] }]), 0)).toMatchObject({ allSame: false });
  });
});

describe('fixedK', () => {
  it('is true for a top-k router that dropped and skipped nothing, false otherwise', () => {
    expect(fixedK(fixedTrace())).toBe(true);
    expect(fixedK(mixedTrace())).toBe(false);
    expect(fixedK(handTrace([{ experts: [0, 1], dropped: [false, false] }], { router: 'expert-choice' }))).toBe(false);
    expect(fixedK(null)).toBe(false);
  });
});
