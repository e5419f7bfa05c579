/**
 * Link keys every page shares (backend=, lang=, unknown keys), the embedded element's attributes read
 * again after a change, and the sentence's length limit from any source (issue 12, items 7 and 8).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { backendOf, backendProblem, withKeptKeys } from '../../src/state/lang';
import { initialState, Simulator, viewOf } from '../../src/state/simulator';
import { clipText, decodeView, encodeView, keepingCurrent, MAX_TEXT_CHARS, otherKeyNotices } from '../../src/state/url';
import { defaultView } from '../../src/state/view';
import { codedData } from '../coded-data';

describe('backend= in a link', () => {
  it('accepts cpu and wasm (any case, trimmed) and nothing else', () => {
    expect(backendOf('?backend=cpu')).toBe('cpu');
    expect(backendOf('?backend=%20WASM')).toBe('wasm');
    expect(backendOf('?backend=webgl')).toBeNull();
    expect(backendOf('')).toBeNull();
    expect(backendProblem('?backend=webgl')).toBe('webgl');
    expect(backendProblem('?backend=')).toBe('');
    expect(backendProblem('?backend=cpu')).toBeNull();
    expect(backendProblem('?lang=zh')).toBeNull();
  });

  it('is copied into links only when understood: 100 KB of anything is not', () => {
    const huge = `?backend=${'x'.repeat(100_000)}&lang=zh`;
    expect(withKeptKeys('?e=4', huge)).toBe('?e=4&lang=zh');
    expect(withKeptKeys('', `?backend=${'x'.repeat(100_000)}`)).toBe('');
    expect(withKeptKeys('?e=4', '?backend=CPU')).toBe('?e=4&backend=cpu');
  });

  it('gets a notice from the simulator codec when not understood, cut short', () => {
    const d = decodeView(`?backend=${'g'.repeat(500)}`);
    expect(d.notices).toEqual([{ code: 'link.backend', args: { value: `${'g'.repeat(24)}…`, options: 'cpu, wasm' } }]);
    expect(d.notices[0]?.code).toBe('link.backend');
    expect(decodeView('?backend=cpu').notices).toEqual([]);
    expect(decodeView('?backend=wasm').notices).toEqual([]);
  });
});

describe('otherKeyNotices (pages without keys of their own: routers, memory, embed)', () => {
  it('names every unknown key and a bad backend, and nothing for lang= and a good backend', () => {
    expect(otherKeyNotices('?lang=zh&backend=cpu')).toEqual([]);
    expect(otherKeyNotices('?lang=xx')).toEqual([]); // the page words the lang= problem itself
    expect(otherKeyNotices('?e=4&zz=1&zz=2&backend=gpu').map(codedData)).toEqual([
      { code: 'link.unknown', args: { key: 'e' } },
      { code: 'link.unknown', args: { key: 'zz' } },
      { code: 'link.backend', args: { value: 'gpu', options: 'cpu, wasm' } },
    ]);
    expect(otherKeyNotices('?sentence=x&seed=3', ['sentence']).map(codedData)).toEqual([{ code: 'link.unknown', args: { key: 'seed' } }]);
  });
});

describe('keepingCurrent (attributes changed after start)', () => {
  it('keeps the value in use for a bad attribute instead of its default, and the notice says so', () => {
    const current = { ...defaultView(), config: { ...defaultView().config, routedExperts: 16, topK: 4 } };
    const { view, notices } = keepingCurrent(decodeView('?e=abc&k=3'), current);
    expect(view.config.routedExperts).toBe(16);
    expect(view.config.topK).toBe(3);
    expect(notices.map(codedData)).toEqual([
      {
        code: 'link.ignored',
        args: { key: 'e', value: 'abc', reason: { code: 'config.notNumber', args: { field: 'routedExperts', got: '"abc"' } }, using: '16' },
      },
    ]);
  });

  it('keeps "no limit" for a capacity factor in use, and leaves good values alone', () => {
    const current = { ...defaultView(), config: { ...defaultView().config, capacityFactor: null } };
    const { view, notices } = keepingCurrent(decodeView('?cf=lots&r=softmax-topk'), current);
    expect(view.config.capacityFactor).toBeNull();
    expect(view.config.router).toBe('softmax-topk');
    expect(notices).toHaveLength(1);
    expect(notices[0]).toMatchObject({ code: 'link.ignored', args: { key: 'cf', value: 'lots', using: 'no limit' } });
    expect(keepingCurrent(decodeView('?e=4'), current)).toEqual({ view: decodeView('?e=4').view, notices: [] });
  });
});

describe('the sentence limit from any source', () => {
  let sim: Simulator | null = null;
  afterEach(() => sim?.dispose());

  it('clipText cuts at MAX_TEXT_CHARS, never inside a surrogate pair', () => {
    expect(clipText('abc')).toEqual({ text: 'abc', cut: null });
    const long = clipText('a'.repeat(MAX_TEXT_CHARS + 1));
    expect(long.text).toHaveLength(MAX_TEXT_CHARS);
    expect(long.cut).toMatchObject({ code: 'text.cut', args: { max: MAX_TEXT_CHARS } });
    expect(clipText(`${'a'.repeat(MAX_TEXT_CHARS - 1)}😀😀`).text).toHaveLength(MAX_TEXT_CHARS - 1);
  });

  it('a script setting 200 KB of text: the simulator keeps 2,000 characters, says so, and its link stays short', async () => {
    sim = new Simulator(initialState(defaultView()));
    await sim.setText('word '.repeat(40_000));
    expect(sim.state.text).toHaveLength(MAX_TEXT_CHARS);
    expect(sim.state.textCut).toEqual({ code: 'text.cut', args: { max: 2000 } });
    expect(encodeView(viewOf(sim.state)).length).toBeLessThan(3 * MAX_TEXT_CHARS);
    await sim.setText('the cat sat .');
    expect(sim.state.textCut).toBeNull();
  });
});
