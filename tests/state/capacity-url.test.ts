import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../../src/core/config';
import { DEFAULT_SENTENCE } from '../../src/core/corpus';
import { decodeCapacityView, encodeCapacityView } from '../../src/state/capacity-url';

describe('capacity lesson URL', () => {
  it('reads e, k, cf, r, seed and text; round-trips', () => {
    const d = decodeCapacityView('?e=16&k=3&cf=1.25&r=noisy-topk&seed=7&text=two+red+birds');
    expect(d.notices).toEqual([]);
    expect(d.ignored).toEqual([]);
    expect(d.view).toEqual({
      config: { ...DEFAULT_CONFIG, routedExperts: 16, topK: 3, capacityFactor: 1.25, router: 'noisy-topk', seed: 7 },
      text: 'two red birds',
    });
    expect(decodeCapacityView(encodeCapacityView(d.view))).toEqual(d);
    expect(encodeCapacityView(d.view)).toBe('?e=16&k=3&cf=1.25&r=noisy-topk&seed=7&text=two+red+birds');
  });

  it('no limit is written cf=none and read back as null; an empty link gives the defaults', () => {
    const d = decodeCapacityView('');
    expect(d.view).toEqual({ config: { ...DEFAULT_CONFIG }, text: DEFAULT_SENTENCE });
    expect(encodeCapacityView(d.view)).toContain('cf=none');
    expect(decodeCapacityView('?cf=none').view.config.capacityFactor).toBeNull();
  });

  it('a bad link: each bad value gets the simulator’s notice and its default; nothing throws', () => {
    const d = decodeCapacityView('?cf=abc&k=99');
    expect(d.view.config).toEqual({ ...DEFAULT_CONFIG });
    expect(d.notices).toHaveLength(2);
    expect(d.notices[0]).toMatchObject({
      code: 'link.ignored',
      args: { key: 'k', value: '99', reason: { code: 'config.outOfRange', args: { field: 'topK', value: 99, min: 1, max: 16 } } },
    });
    expect(d.notices[1]).toMatchObject({
      code: 'link.ignored',
      args: { key: 'cf', value: 'abc', reason: { code: 'config.capacityNotNumber', args: { got: '"abc"' } } },
    });
    expect(() => decodeCapacityView('?e=%&text=%E0%A4%A&cf=1e999&seed=-1')).not.toThrow();
  });

  it('simulator keys the lesson has no control for are listed as ignored and keep their defaults; lang and backend are kept quietly', () => {
    const d = decodeCapacityView('?L=3&pos=4&s=2&cf=1&lang=zh&backend=cpu&L=4');
    expect(d.ignored).toEqual([
      { key: 'L', value: '3' },
      { key: 'pos', value: '4' },
      { key: 's', value: '2' },
    ]);
    expect(d.notices).toEqual([]);
    expect(d.view.config).toEqual({ ...DEFAULT_CONFIG, capacityFactor: 1 });
  });
});
