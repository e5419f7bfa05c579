/** The one link codec (src/state/url-schema.ts) on a small schema of its own, and the pages' subsets of the key table. */
import { describe, expect, it } from 'vitest';
import { CAPACITY_SCHEMA } from '../../src/state/capacity-url';
import { LESSON_SCHEMA } from '../../src/state/lesson-url';
import { NOT_UNDERSTOOD } from '../../src/state/link-notices';
import { BALANCE_SCHEMA, TRAIN_SCHEMA } from '../../src/state/train-url';
import { SIMULATOR_SCHEMA } from '../../src/state/url';
import { checked, int, listOf, oneOf, text } from '../../src/state/url-codecs';
import { decodeQuery, encodeQuery, entriesOf, type PageSchema } from '../../src/state/url-schema';
import { codedData } from '../coded-data';

interface Toy {
  n: number;
  top: number;
  colour: 'red' | 'blue';
  tags: ('a' | 'b' | 'c')[];
  note: string;
  even: number;
}
const TOY_DEFAULTS: Toy = { n: 4, top: 1, colour: 'red', tags: [], note: 'hi', even: 2 };
const TOY: PageSchema<Toy> = {
  steps: [
    { key: 'n', field: 'n', codec: int<Toy>({ min: 1, max: 8 }) },
    // A bound given by the state read so far.
    { key: 'top', field: 'top', codec: int<Toy>({ min: 1, max: (s) => s.n }) },
    { key: 'c', field: 'colour', codec: oneOf(['red', 'blue'] as const, NOT_UNDERSTOOD, (raw) => raw.trim().toLowerCase()) },
    { key: 'tags', field: 'tags', codec: listOf(['a', 'b', 'c'] as const) },
    { key: 'note', field: 'note', codec: text(5) },
    {
      key: 'even',
      field: 'even',
      codec: checked((v) => (typeof v === 'number' && v % 2 === 0 ? { ok: true, value: v } : { ok: false, reason: NOT_UNDERSTOOD })),
    },
    // A cross-field check, run where it stands.
    {
      check(state, ctx) {
        if (ctx.taken.has('even') && state.even > state.n) ctx.refuse('even', NOT_UNDERSTOOD);
      },
    },
  ],
  quiet: ['mine'],
  changedOnly: ['note'],
};

describe('decodeQuery and encodeQuery', () => {
  it('read each key by its codec; an empty link is the defaults', () => {
    expect(decodeQuery(TOY, '', TOY_DEFAULTS)).toEqual({ state: TOY_DEFAULTS, notices: [], others: [] });
    const d = decodeQuery(TOY, '?n=6&top=5&c=%20BLUE&tags=c,a&tags=b&note=hey&even=6&mine=1&lang=zh', TOY_DEFAULTS);
    expect(d.notices).toEqual([]);
    expect(d.state).toEqual({ n: 6, top: 5, colour: 'blue', tags: ['a', 'b', 'c'], note: 'hey', even: 6 });
    expect(encodeQuery(TOY, d.state, TOY_DEFAULTS)).toBe('?n=6&top=5&c=blue&tags=a%2Cb%2Cc&note=hey&even=6');
    // changedOnly: a default is left out; an empty list is never written.
    expect(encodeQuery(TOY, TOY_DEFAULTS, TOY_DEFAULTS)).toBe('?n=4&top=1&c=red&even=2');
  });

  it('give notices in order: repeated keys, each step, unknown keys, a bad backend', () => {
    const d = decodeQuery(TOY, '?zz=1&backend=gpu&top=5&n=2&n=3&c=green&tags=a,x&note=toolong&even=3', TOY_DEFAULTS);
    expect(d.state).toEqual({ ...TOY_DEFAULTS, n: 2, tags: ['a'], note: 'toolo' });
    expect(d.notices.map(codedData)).toEqual([
      { code: 'link.repeated', args: { key: 'n', value: '3', first: '2' } },
      { code: 'link.viewNumber', args: { key: 'top', value: '5', whole: true, min: 1, max: 2, using: 1 } },
      { code: 'link.ignored', args: { key: 'c', value: 'green', reason: { code: 'link.notUnderstood', args: {} }, using: 'red' } },
      { code: 'link.hide', args: { value: 'x', options: 'a, b, c' } },
      { code: 'link.textCut', args: { max: 5 } },
      { code: 'link.ignored', args: { key: 'even', value: '3', reason: { code: 'link.notUnderstood', args: {} }, using: '2' } },
      { code: 'link.unknown', args: { key: 'zz' } },
      { code: 'link.backend', args: { value: 'gpu', options: 'cpu, wasm' } },
    ]);
  });

  it('run checks where they stand: a value that does not fit goes back to its default, named', () => {
    const d = decodeQuery(TOY, '?n=2&even=4', TOY_DEFAULTS);
    expect(d.state.even).toBe(2);
    expect(d.notices.map(codedData)).toEqual([
      { code: 'link.ignored', args: { key: 'even', value: '4', reason: { code: 'link.notUnderstood', args: {} }, using: '2' } },
    ]);
  });

  it('list the keys a page does not know instead of a notice, when the page shows them itself', () => {
    const d = decodeQuery({ ...TOY, others: 'list' }, '?zz=1&zz=2&yy=&theme=dark', TOY_DEFAULTS);
    expect(d.notices).toEqual([]);
    expect(d.others).toEqual([
      { key: 'zz', value: '1' },
      { key: 'yy', value: '' },
    ]);
  });
});

describe('the pages’ subsets of the key table', () => {
  const pages = { SIMULATOR_SCHEMA, TRAIN_SCHEMA, BALANCE_SCHEMA, CAPACITY_SCHEMA, LESSON_SCHEMA };
  it('read each key once', () => {
    for (const [name, schema] of Object.entries(pages)) {
      const keys = entriesOf(schema).map((e) => e.key);
      expect(new Set(keys).size, name).toBe(keys.length);
    }
  });

  it('share one entry per key, except gamma (the simulator’s view and the training pages’ setting)', () => {
    const byKey = new Map<string, Set<unknown>>();
    for (const schema of Object.values(pages))
      for (const e of entriesOf(schema)) byKey.set(e.key, (byKey.get(e.key) ?? new Set()).add(e.codec));
    const twice = [...byKey].filter(([, codecs]) => codecs.size > 1).map(([key]) => key);
    expect(twice).toEqual(['gamma']);
  });
});
