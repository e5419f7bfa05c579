/** Experiment 6 on hand-made traces. */
import { describe, expect, it } from 'vitest';
import { repeatedWords, sameWordContexts, sameWordRows } from '../../../src/core/experiments';
import { sentence, to } from './traces';

describe('sameWordContexts', () => {
  const a = sentence([
    { text: 'the', layers: [to(1, 2)] },
    { text: 'fox', layers: [to(4, 5)] },
    { text: 'the', layers: [to(1, 2)] },
  ]);
  const b = sentence([
    { text: 'The', layers: [to(2, 1)] },
    { text: 'dog', layers: [to(3, 6)] },
  ]);

  it('every occurrence, across sentences: modal first choice, share keeping it, share keeping the set', () => {
    const r = sameWordContexts([a, b], 'THE');
    expect(r.occurrences.map((o) => [o.trace, o.position, o.first])).toEqual([
      [0, 0, 1],
      [0, 2, 1],
      [1, 0, 2],
    ]);
    expect(r.modal).toBe(1);
    expect(r.keepShare).toBeCloseTo(2 / 3, 15);
    expect(r.sameSetShare).toBe(1);
    expect(r.keeps).toBe(false);
    expect(r.occurrences[0]!.context).toBe('the fox the');
  });

  it('a word always routed alike keeps its expert; a word never met has no occurrences', () => {
    expect(sameWordContexts([a, b], 'fox')).toMatchObject({ keepShare: 1, keeps: true, modal: 4 });
    expect(sameWordContexts([a, b], 'cat')).toMatchObject({ occurrences: [], modal: null, keepShare: 0, keeps: false });
  });

  it('lists the repeated words and exports one plain row per occurrence', () => {
    expect(repeatedWords([a, b])).toEqual([{ word: 'the', count: 3 }]);
    const rows = sameWordRows(sameWordContexts([a, b], 'the'));
    expect(rows).toHaveLength(3);
    expect(rows[2]).toMatchObject({ word: 'the', trace: 1, first: 2, experts: '2 1', keepsModal: false, tagged: false });
  });
});
