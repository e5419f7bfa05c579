import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../../src/core/config';
import { DEFAULT_SENTENCE } from '../../src/core/corpus';
import { decodeView, encodeView, MAX_TEXT_CHARS, repairQuery } from '../../src/state/url';
import { defaultView, type ViewState } from '../../src/state/view';
import { codedData, ignoredNotice as ignored } from '../coded-data';
import { en } from '../words';

describe('URL codec', () => {
  it('decodes an empty query to the defaults with no notice', () => {
    expect(decodeView('')).toEqual({ view: defaultView(), notices: [] });
  });

  it('round-trips every field', () => {
    const view: ViewState = {
      config: {
        ...DEFAULT_CONFIG,
        routedExperts: 64,
        topK: 4,
        sharedExperts: 1,
        granularity: 2,
        capacityFactor: 1.25,
        router: 'sigmoid-bias',
        routerNoise: 0.5,
        nGroup: 8,
        topkGroup: 3,
        routeScale: 2.5,
        modelWidth: 16,
        expertHidden: 32,
        layers: 2,
        seed: 4242,
      },
      text: 'two red birds & a "fox" = ? 100%',
      position: 5,
      gamma: 0.025,
      biasSteps: 7,
      speed: 4.5,
      layer: 1,
      hide: ['router', 'seed'],
      picture: 'sentence',
      weights: 'random',
    };
    const query = encodeView(view);
    expect(decodeView(query)).toEqual({ view, notices: [] });
    expect(decodeView(encodeView(defaultView()))).toEqual({ view: defaultView(), notices: [] });
  });

  it("keeps the picture's mode as pic=sentence, written only when not the default (older links unchanged)", () => {
    expect(decodeView('?pic=sentence')).toEqual({ view: { ...defaultView(), picture: 'sentence' }, notices: [] });
    expect(encodeView({ ...defaultView(), picture: 'sentence' })).toMatch(/&pic=sentence$/);
    expect(encodeView(defaultView())).not.toContain('pic=');
    const bad = decodeView('?pic=movie');
    expect(bad.view.picture).toBe('token');
    expect(bad.notices.map(codedData)).toEqual([ignored('pic', 'movie', 'link.notUnderstood', {}, 'token')]);
  });

  it('keeps random weights as w=random, written only when not the default (older links unchanged)', () => {
    expect(decodeView('?w=random')).toEqual({ view: { ...defaultView(), weights: 'random' }, notices: [] });
    expect(encodeView({ ...defaultView(), weights: 'random' })).toMatch(/&w=random$/);
    expect(encodeView(defaultView())).not.toContain('w=');
    const bad = decodeView('?w=heavy');
    expect(bad.view.weights).toBe('trained');
    expect(bad.notices.map(codedData)).toEqual([ignored('w', 'heavy', 'link.notUnderstood', {}, 'trained')]);
  });

  it('writes "none" for no capacity limit and reads it back', () => {
    const q = encodeView(defaultView());
    expect(new URLSearchParams(q).get('cf')).toBe('none');
    expect(decodeView('?cf=none').view.config.capacityFactor).toBeNull();
    expect(decodeView('?cf=2').view.config.capacityFactor).toBe(2);
  });

  it('falls back per field with a notice naming the key and the default', () => {
    const { view, notices } = decodeView('?e=abc&k=3&cf=99&r=magic&pos=-1&speed=fast');
    expect(view.config.routedExperts).toBe(8);
    expect(view.config.topK).toBe(3);
    expect(view.config.capacityFactor).toBeNull();
    expect(view.config.router).toBe('softmax-topk');
    expect(view.position).toBe(0);
    expect(view.speed).toBe(2);
    expect(notices.map(codedData)).toEqual([
      ignored('e', 'abc', 'config.notNumber', { field: 'routedExperts', got: '"abc"' }, '8'),
      ignored('cf', '99', 'config.capacityRange', { value: 99, min: 0.5, max: 4 }, 'no limit'),
      ignored(
        'r',
        'magic',
        'config.router',
        { got: '"magic"', options: 'softmax-topk, noisy-topk, sigmoid-bias, expert-choice' },
        'softmax-topk',
      ),
      { code: 'link.viewNumber', args: { key: 'pos', value: '-1', whole: true, min: 0, max: 100000, using: 0 } },
      { code: 'link.viewNumber', args: { key: 'speed', value: 'fast', whole: false, min: 0.25, max: 20, using: 2 } },
    ]);
  });

  it('drops settings that do not fit together and keeps the rest', () => {
    const { view, notices } = decodeView('?e=4&k=9&s=2');
    expect(view.config.routedExperts).toBe(4);
    expect(view.config.topK).toBe(2);
    expect(view.config.sharedExperts).toBe(2);
    expect(notices.map(codedData)).toEqual([
      {
        code: 'link.ignored',
        args: { key: 'k', value: '9', reason: { code: 'config.topKExceedsExperts', args: { topK: 9, experts: 4 } }, using: '2' },
      },
    ]);
  });

  it('keeps the rest when a value clashes only with a default, and names the value dropped', () => {
    // e=1 cannot hold the default top-2: it is dropped on its own, the seed and layers stay.
    const { view, notices } = decodeView('?e=1&seed=5&L=2');
    expect(view.config).toEqual({ ...DEFAULT_CONFIG, seed: 5, layers: 2 });
    expect(notices.map(codedData)).toEqual([
      {
        code: 'link.ignored',
        args: { key: 'e', value: '1', reason: { code: 'config.topKExceedsExperts', args: { topK: 2, experts: 1 } }, using: '8' },
      },
    ]);
  });

  it('uses the first of a key given twice and says so; joins repeated hide lists', () => {
    const { view, notices } = decodeView('?e=4&e=16&k=2&k=2&hide=router&hide=seed');
    expect(view.config.routedExperts).toBe(4);
    expect(view.hide).toEqual(['router', 'seed']);
    expect(notices.map(codedData)).toEqual([{ code: 'link.repeated', args: { key: 'e', value: '16', first: '4' } }]);
  });

  it('reads "-0" as 0, so that the link it writes back is the same', () => {
    const { view } = decodeView('?gamma=-0&seed=-0&s=-0');
    expect(Object.is(view.gamma, 0) && Object.is(view.config.seed, 0) && Object.is(view.config.sharedExperts, 0)).toBe(true);
  });

  it('rewrites a query with a malformed percent escape (which stops tfjs-core loading) into the same settings', () => {
    expect(repairQuery('?e=%&text=50%25%20off&k=%E0%A4%A')).toBe('?e=%25&text=50%25+off&k=%EF%BF%BD%25A');
    expect(decodeView('?e=%&text=50%25%20off&k=%E0%A4%A')).toEqual(decodeView(repairQuery('?e=%&text=50%25%20off&k=%E0%A4%A')!));
    expect(repairQuery('?e=8&text=the%20fox%20%F0%9F%A6%8A')).toBeNull();
    expect(repairQuery('')).toBeNull();
  });

  it('never cuts an emoji in half, in the sentence or in a notice', () => {
    const emoji = '🦊'.repeat(MAX_TEXT_CHARS);
    const { view, notices } = decodeView(`?text=${encodeURIComponent(emoji)}&e=${encodeURIComponent('🦊'.repeat(20))}`);
    expect(view.text).toBe('🦊'.repeat(MAX_TEXT_CHARS / 2));
    expect(notices.some((n) => /\p{Cs}/u.test(en(n)))).toBe(false);
  });

  it('reports unknown keys and unknown hidden controls', () => {
    const { view, notices } = decodeView('?foo=1&hide=router,bogus,seed');
    expect(view.hide).toEqual(['router', 'seed']);
    const coded = notices.map(codedData);
    expect(coded).toContainEqual({ code: 'link.unknown', args: { key: 'foo' } });
    expect(coded).toContainEqual({ code: 'link.hide', args: { value: 'bogus', options: expect.stringContaining('router') } });
  });

  it('accepts the keys other parts of the app own without a notice', () => {
    expect(decodeView('?backend=cpu').notices).toEqual([]);
  });

  it('cuts a huge sentence and says so', () => {
    const { view, notices } = decodeView(`?text=${'a'.repeat(MAX_TEXT_CHARS + 10)}`);
    expect(view.text.length).toBe(MAX_TEXT_CHARS);
    expect(notices.map(codedData)).toEqual([{ code: 'link.textCut', args: { max: MAX_TEXT_CHARS } }]);
  });

  it('never throws on garbage', () => {
    for (const q of [
      '?%',
      '?e=%E0%A4%A',
      '?e=1e400',
      '?k=NaN',
      '?cf=Infinity',
      '?layer=9',
      '?seed=-0.5',
      '?&&&=&',
      `?text=${DEFAULT_SENTENCE}&text=x`,
    ]) {
      expect(() => decodeView(q)).not.toThrow();
      const { view } = decodeView(q);
      expect(view.config.topK).toBeLessThanOrEqual(view.config.routedExperts);
    }
  });
});
