/**
 * Property-based tests of every page's link (src/state/url-schema.ts and the page subsets): decoding
 * any query gives a state whose canonical link reads back as the same state with no notice, and
 * writing that again gives the same link. FUZZ_RUNS generated inputs per property (tests/fuzz-runs.ts).
 * (The simulator's own properties: tests/state/url.prop.test.ts.)
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeCapacityView, encodeCapacityView } from '../../src/state/capacity-url';
import { decodeLesson, encodeLesson } from '../../src/state/lesson-url';
import { decodeBalanceView, decodeTrainView, encodeBalanceView, encodeTrainView } from '../../src/state/train-url';
import { decodeView, encodeView } from '../../src/state/url';
import { garbageQuery, garbageText, validView } from '../arbitraries';
import { RUNS } from '../fuzz-runs';

const anyQuery = fc.oneof(
  { weight: 6, arbitrary: garbageQuery },
  { weight: 1, arbitrary: garbageText },
  { weight: 1, arbitrary: validView.map((v) => encodeView(v)) },
);

/** A page's link: its decoder (the state and the notices) and its encoder. */
interface Page<V> {
  decode(q: string): { view: V; notices: unknown[] };
  encode(v: V): string;
}
const page = <V>(decode: Page<V>['decode'], encode: Page<V>['encode']): Page<unknown> => ({
  decode,
  encode: (v) => encode(v as V),
});
const PAGES: Record<string, Page<unknown>> = {
  simulator: page(decodeView, encodeView),
  training: page(decodeTrainView, encodeTrainView),
  balance: page(decodeBalanceView, encodeBalanceView),
  capacity: page((q) => {
    const d = decodeCapacityView(q);
    return { view: d.view, notices: [...d.notices, ...d.ignored] };
  }, encodeCapacityView),
  lesson: page((q) => {
    const { notices, config, text } = decodeLesson(q);
    return { view: { config, text }, notices };
  }, encodeLesson),
};

describe.each(Object.entries(PAGES))('the %s page’s link', (_name, link) => {
  it('is a fixed point after one round: encode(decode(q)) reads back the same state with no notice, and writes the same link', () => {
    fc.assert(
      fc.property(anyQuery, (q) => {
        const { view } = link.decode(q);
        const written = link.encode(view);
        const again = link.decode(written);
        expect(again.notices).toEqual([]);
        expect(again.view).toEqual(view);
        expect(link.encode(again.view)).toBe(written);
        // As the address bar holds it.
        expect(link.decode(new URL(`http://localhost/x.html${written}`).search).view).toEqual(view);
      }),
      RUNS,
    );
  });
});
