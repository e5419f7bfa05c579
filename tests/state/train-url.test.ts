import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../../src/core/config';
import { DEFAULT_SENTENCE } from '../../src/core/corpus';
import { DEFAULT_TRAIN } from '../../src/core/training';
import {
  decodeBalanceView,
  decodeTrainView,
  encodeBalanceView,
  encodeTrainView,
  type BalanceView,
  type TrainView,
} from '../../src/state/train-url';
import { codedData, ignoredNotice as ignored } from '../coded-data';

const defaults: TrainView = {
  config: { ...DEFAULT_CONFIG },
  settings: { ...DEFAULT_TRAIN },
  text: DEFAULT_SENTENCE,
  position: 0,
  layer: 0,
};

describe('training page URL codec', () => {
  it('decodes an empty query to the defaults with no notice', () => {
    expect(decodeTrainView('')).toEqual({ view: defaults, notices: [] });
  });

  it('round-trips every field', () => {
    const view: TrainView = {
      config: { ...DEFAULT_CONFIG, routedExperts: 16, topK: 3, router: 'sigmoid-bias', layers: 2, seed: 77 },
      settings: { learningRate: 0.003, batchSize: 12, balance: 'bias+seq', alpha: 0.03, gamma: 0.001, seqAlpha: 0.001, zLoss: 0.001 },
      text: 'two red birds & a "fox" = ? 100%',
      position: 4,
      layer: 1,
    };
    const query = encodeTrainView(view);
    expect(decodeTrainView(query)).toEqual({ view, notices: [] });
    expect(decodeTrainView(encodeTrainView(defaults))).toEqual({ view: defaults, notices: [] });
  });

  it('takes present= (presenter mode, the page controller’s) without a notice, on both training pages', () => {
    expect(decodeTrainView('?present=1').notices).toEqual([]);
    expect(decodeBalanceView('?present=1').notices).toEqual([]);
  });

  it('writes the training keys and none of the simulator-only ones', () => {
    const keys = [...new URLSearchParams(encodeTrainView(defaults)).keys()];
    expect(keys).toEqual(
      expect.arrayContaining(['e', 'k', 'r', 'L', 'seed', 'text', 'pos', 'layer', 'lr', 'batch', 'bal', 'alpha', 'gamma', 'seqa', 'z']),
    );
    for (const k of ['bs', 'speed', 'left', 'right']) expect(keys).not.toContain(k);
  });

  it('falls back per field with a notice naming the key and the default', () => {
    const { view, notices } = decodeTrainView('?lr=fast&batch=2.5&alpha=3&gamma=0.02&z=-1&bal=magic&e=abc&speed=3');
    expect(view.settings).toEqual({ ...DEFAULT_TRAIN, gamma: 0.02 });
    expect(view.config.routedExperts).toBe(8);
    // In the order of every page's links: each key the page reads, then the keys it does not.
    expect(notices.map(codedData)).toEqual([
      ignored('e', 'abc', 'config.notNumber', { field: 'routedExperts', got: '"abc"' }, '8'),
      ignored('lr', 'fast', 'train.notNumber', { field: 'learningRate' }, '0.03'),
      ignored('batch', '2.5', 'train.notWhole', { field: 'batchSize', value: 2.5 }, '8'),
      ignored('alpha', '3', 'train.outOfRange', { field: 'alpha', value: 3, min: 0, max: 1 }, '0.01'),
      ignored('z', '-1', 'train.outOfRange', { field: 'zLoss', value: -1, min: 0, max: 0.1 }, '0'),
      ignored('bal', 'magic', 'train.balanceUnknown', { options: 'none, switch, bias, bias+seq' }, 'none'),
      { code: 'link.unknown', args: { key: 'speed' } },
    ]);
  });

  it('refuses bias balancing with a router that has no bias, and accepts a hand-typed bias+seq', () => {
    const refused = decodeTrainView('?r=softmax-topk&bal=bias');
    expect(refused.view.settings.balance).toBe('none');
    expect(refused.notices.map(codedData)).toEqual([ignored('bal', 'bias', 'train.biasNeedsSigmoid', {}, 'none')]);
    // A literal "+" in a query string reads as a space.
    const typed = decodeTrainView('?r=sigmoid-bias&bal=bias+seq');
    expect(typed.view.settings.balance).toBe('bias+seq');
    expect(typed.notices).toEqual([]);
  });

  it('reads "-0" as 0, so that the link it writes back is the same', () => {
    const { view } = decodeTrainView('?gamma=-0&z=-0');
    expect(Object.is(view.settings.gamma, 0) && Object.is(view.settings.zLoss, 0)).toBe(true);
  });

  it('keeps the layer shown within the layers of the model', () => {
    const { view, notices } = decodeTrainView('?L=2&layer=3');
    expect(view.layer).toBe(0);
    expect(notices.map(codedData)).toEqual([
      { code: 'link.viewNumber', args: { key: 'layer', value: '3', whole: true, min: 0, max: 1, using: 0 } },
    ]);
  });
});

describe('balance page URL codec', () => {
  const balanceDefaults: BalanceView = {
    config: { ...DEFAULT_CONFIG, router: 'sigmoid-bias', topK: 1, seed: 3 },
    settings: { ...DEFAULT_TRAIN },
    left: 'none',
    right: 'bias',
  };

  it('defaults to the sigmoid-with-bias router, top-1, seed 3, none on the left and bias on the right', () => {
    expect(decodeBalanceView('')).toEqual({ view: balanceDefaults, notices: [] });
  });

  it('round-trips', () => {
    const view: BalanceView = {
      config: { ...balanceDefaults.config, routedExperts: 12, topK: 1, seed: 5 },
      settings: { ...DEFAULT_TRAIN, learningRate: 0.01, alpha: 0.1, gamma: 0.03 },
      left: 'switch',
      right: 'bias+seq',
    };
    const query = encodeBalanceView(view);
    expect(decodeBalanceView(query)).toEqual({ view, notices: [] });
    const keys = [...new URLSearchParams(query).keys()];
    for (const k of ['text', 'pos', 'layer', 'bal', 'bs', 'speed']) expect(keys).not.toContain(k);
  });

  it('keeps the sigmoid-with-bias router and the default modes when the link says otherwise', () => {
    const { view, notices } = decodeBalanceView('?r=softmax-topk&left=loud&right=switch');
    expect(view.config.router).toBe('sigmoid-bias');
    expect(view.left).toBe('none');
    expect(view.right).toBe('switch');
    expect(notices.map(codedData)).toEqual([
      { code: 'link.balanceRouter', args: { value: 'softmax-topk' } },
      ignored('left', 'loud', 'train.balanceUnknown', { options: 'none, switch, bias, bias+seq' }, 'none'),
    ]);
  });
});

describe('balance page links that set groups for another router', () => {
  it('re-checks the groups once the router is forced to sigmoid-bias', () => {
    const { view, notices } = decodeBalanceView('?r=softmax-topk&g=3');
    expect(view.config.router).toBe('sigmoid-bias');
    expect(view.config.nGroup).toBe(1);
    expect(notices.map(codedData)).toContainEqual({
      code: 'link.groups',
      args: { reason: { code: 'config.groupsUneven', args: { experts: 8, groups: 3 } } },
    });
  });
});

describe('the page language in a training link', () => {
  it('is accepted silently on both pages (the page reads it; the codecs neither report nor write it)', () => {
    const defaults: TrainView = {
      config: { ...DEFAULT_CONFIG },
      settings: { ...DEFAULT_TRAIN },
      text: DEFAULT_SENTENCE,
      position: 0,
      layer: 0,
    };
    expect(decodeTrainView('?lang=zh')).toEqual({ view: defaults, notices: [] });
    expect(decodeTrainView('?lang=zh&backend=cpu&lr=0.01').notices).toEqual([]);
    expect(decodeBalanceView('?lang=zh').notices).toEqual([]);
    expect(decodeBalanceView('?lang=en&left=switch').view.left).toBe('switch');
    expect(new URLSearchParams(encodeTrainView(defaults)).has('lang')).toBe(false);
  });
});
