import { describe, expect, it } from 'vitest';
import { Store } from '../../src/state/store';

describe('Store', () => {
  it('merges a patch into a new object and tells each subscriber once', () => {
    const store = new Store({ a: 1, b: 'x' });
    const seen: { a: number; b: string }[] = [];
    const stop = store.subscribe((s) => seen.push(s));
    const first = store.get();
    store.set({ a: 2 });
    expect(store.get()).toEqual({ a: 2, b: 'x' });
    expect(store.get()).not.toBe(first);
    expect(first).toEqual({ a: 1, b: 'x' });
    store.update((s) => ({ b: `${s.b}${s.a}` }));
    expect(seen).toEqual([
      { a: 2, b: 'x' },
      { a: 2, b: 'x2' },
    ]);
    stop();
    store.set({ a: 3 });
    expect(seen).toHaveLength(2);
  });

  it('says nothing when a patch changes nothing', () => {
    const store = new Store({ a: 1, list: [1] });
    let calls = 0;
    store.subscribe(() => calls++);
    const before = store.get();
    store.set({ a: 1, list: before.list });
    expect(calls).toBe(0);
    expect(store.get()).toBe(before);
    store.set({ list: [1] }); // a new array is a change
    expect(calls).toBe(1);
  });

  it('lets a subscriber unsubscribe another during a change', () => {
    const store = new Store({ n: 0 });
    const calls: string[] = [];
    const stopB = store.subscribe(() => calls.push('b'));
    store.subscribe(() => {
      calls.push('a');
      stopB();
    });
    store.set({ n: 1 });
    store.set({ n: 2 });
    expect(calls).toEqual(['b', 'a', 'a']);
  });
});
