import { describe, expect, it } from 'vitest';
import {
  DEFAULT_CONFIG,
  expertShape,
  expertWeights,
  GRANULARITIES,
  LIMITS,
  ROUTERS,
  updateConfig,
  validateConfig,
  type ConfigProblem,
  type ConfigResult,
  type MoeConfig,
} from '../../src/core/config';

function problemsOf(r: ConfigResult): ConfigProblem[] {
  if (r.ok) throw new Error(`expected problems, got a valid config ${JSON.stringify(r.config)}`);
  return r.problems;
}

function configOf(r: ConfigResult): MoeConfig {
  if (!r.ok) throw new Error(`expected a valid config, got ${JSON.stringify(r.problems)}`);
  return r.config;
}

/** A problem as validateConfig reports it: the field, the message's code and its arguments. */
function problem(field: ConfigProblem['field'], code: string, args: object): ConfigProblem {
  return { field, code, args } as ConfigProblem;
}

const unknown = (name: string): ConfigProblem => problem('config', 'config.unknownSetting', { name });

/** The one problem a change produces. */
function oneProblem(input: unknown): ConfigProblem {
  const p = problemsOf(validateConfig(input));
  expect(p).toHaveLength(1);
  return p[0] as ConfigProblem;
}

type NumericField = Exclude<keyof MoeConfig, 'router' | 'capacityFactor' | 'granularity'>;

const NUMERIC: { field: NumericField; min: number; max: number; int: boolean }[] = [
  { field: 'modelWidth', min: 2, max: 256, int: true },
  { field: 'routedExperts', min: 1, max: 256, int: true },
  { field: 'topK', min: 1, max: 16, int: true },
  { field: 'sharedExperts', min: 0, max: 4, int: true },
  { field: 'expertHidden', min: 1, max: 1024, int: true },
  { field: 'routerNoise', min: 0, max: 10, int: false },
  { field: 'nGroup', min: 1, max: 256, int: true },
  { field: 'topkGroup', min: 1, max: 256, int: true },
  { field: 'routeScale', min: 0.01, max: 100, int: false },
  { field: 'layers', min: 1, max: 4, int: true },
  { field: 'seed', min: 0, max: 4294967295, int: true },
];

describe('defaults', () => {
  it('the default config is valid and an empty object takes every default', () => {
    expect(configOf(validateConfig({}))).toEqual(DEFAULT_CONFIG);
    expect(configOf(validateConfig({ ...DEFAULT_CONFIG }))).toEqual(DEFAULT_CONFIG);
  });

  it('the defaults are the documented toy model', () => {
    expect(DEFAULT_CONFIG).toEqual({
      modelWidth: 32,
      routedExperts: 8,
      topK: 2,
      sharedExperts: 0,
      expertHidden: 64,
      granularity: 1,
      capacityFactor: null,
      router: 'softmax-topk',
      routerNoise: 1,
      nGroup: 1,
      topkGroup: 1,
      routeScale: 1,
      gateNorm: 'chosen',
      layers: 1,
      seed: 1,
    });
    expect(Object.isFrozen(DEFAULT_CONFIG)).toBe(true);
  });

  it('undefined fields take their defaults; given fields are kept', () => {
    const c = configOf(validateConfig({ topK: undefined, routedExperts: 16, router: 'expert-choice', capacityFactor: 1.25 }));
    expect(c).toEqual({ ...DEFAULT_CONFIG, routedExperts: 16, router: 'expert-choice', capacityFactor: 1.25 });
  });

  it('the result is a new object, not the input', () => {
    const input = { topK: 1 };
    const c = configOf(validateConfig(input));
    expect(c).not.toBe(input);
    expect(input).toEqual({ topK: 1 });
  });
});

describe('numeric fields', () => {
  for (const { field, min, max, int } of NUMERIC) {
    describe(field, () => {
      it('must be a number', () => {
        const notNumber = (got: string) => problem(field, 'config.notNumber', { field, got });
        expect(oneProblem({ [field]: 'abc' })).toEqual(notNumber('"abc"'));
        expect(oneProblem({ [field]: null })).toEqual(notNumber('null'));
        expect(oneProblem({ [field]: Number.NaN })).toEqual(notNumber('NaN'));
        expect(oneProblem({ [field]: Infinity })).toEqual(notNumber('Infinity'));
        expect(oneProblem({ [field]: [1] })).toEqual(notNumber('a list'));
        expect(oneProblem({ [field]: true })).toEqual(notNumber('boolean'));
        expect(oneProblem({ [field]: { v: 1 } })).toEqual(notNumber('object'));
      });

      if (int) {
        it('must be a whole number', () => {
          const v = min + 0.5;
          expect(oneProblem({ [field]: v })).toEqual(problem(field, 'config.notWhole', { field, value: v }));
        });
      } else {
        it('may be fractional', () => {
          const v = min + 0.25;
          expect(configOf(validateConfig({ [field]: v }))[field]).toBe(v);
        });
      }

      it(`must be between ${min} and ${max}`, () => {
        const low = int ? min - 1 : min - 0.005;
        const high = int ? max + 1 : max + 0.5;
        expect(oneProblem({ [field]: low })).toEqual(problem(field, 'config.outOfRange', { field, value: low, min, max }));
        expect(oneProblem({ [field]: high })).toEqual(problem(field, 'config.outOfRange', { field, value: high, min, max }));
      });
    });
  }

  it('a few messages by code and arguments', () => {
    expect(oneProblem({ topK: 0 })).toEqual(problem('topK', 'config.outOfRange', { field: 'topK', value: 0, min: 1, max: 16 }));
    expect(oneProblem({ layers: 2.5 })).toEqual(problem('layers', 'config.notWhole', { field: 'layers', value: 2.5 }));
    expect(oneProblem({ modelWidth: '32' })).toEqual(problem('modelWidth', 'config.notNumber', { field: 'modelWidth', got: '"32"' }));
    expect(oneProblem({ routeScale: 0 })).toEqual(
      problem('routeScale', 'config.outOfRange', { field: 'routeScale', value: 0, min: 0.01, max: 100 }),
    );
  });

  it('a long string is shortened in the message', () => {
    expect(oneProblem({ seed: 'abcdefghijklmnopqrstuvwxyz' }).args).toEqual({ field: 'seed', got: '"abcdefghijklmnopqrst…"' });
  });

  it('the bounds themselves are accepted', () => {
    expect(configOf(validateConfig({ seed: 0 })).seed).toBe(0);
    expect(configOf(validateConfig({ seed: 4294967295 })).seed).toBe(4294967295);
    expect(configOf(validateConfig({ routerNoise: 0 })).routerNoise).toBe(0);
    expect(configOf(validateConfig({ routeScale: 0.01 })).routeScale).toBe(0.01);
    expect(configOf(validateConfig({ routeScale: 100 })).routeScale).toBe(100);
    expect(configOf(validateConfig({ layers: 4, sharedExperts: 4 })).layers).toBe(4);
    expect(configOf(validateConfig({ modelWidth: 2 })).modelWidth).toBe(2);
    expect(configOf(validateConfig({ modelWidth: 256, expertHidden: 1024 })).expertHidden).toBe(1024);
    expect(configOf(validateConfig({ routedExperts: 256, topK: 16 })).routedExperts).toBe(256);
    expect(configOf(validateConfig({ routedExperts: 1, topK: 1 })).routedExperts).toBe(1);
  });

  it('refuses a model too big to build in a browser tab, saying how big', () => {
    // Every field at its own maximum: 805 million expert weights.
    const r = validateConfig({ routedExperts: 256, modelWidth: 256, expertHidden: 1024, layers: 4 });
    expect(r).toEqual({
      ok: false,
      problems: [problem('routedExperts', 'config.tooManyWeights', { weights: 805_306_368, max: 33_554_432 })],
    });
    // 4 layers · 3 · 128 · 256 · 85 experts is just under the budget, 86 experts just over.
    expect(expertWeights(configOf(validateConfig({ routedExperts: 85, modelWidth: 128, expertHidden: 256, layers: 4 })))).toBe(33_423_360);
    expect(validateConfig({ routedExperts: 86, modelWidth: 128, expertHidden: 256, layers: 4 }).ok).toBe(false);
    // Shared experts count too.
    expect(validateConfig({ routedExperts: 84, sharedExperts: 2, modelWidth: 128, expertHidden: 256, layers: 4 }).ok).toBe(false);
  });
});

describe('router', () => {
  it('accepts each router', () => {
    for (const router of ROUTERS) expect(configOf(validateConfig({ router })).router).toBe(router);
  });

  it('rejects anything else, naming the choices', () => {
    const options = 'softmax-topk, noisy-topk, sigmoid-bias, expert-choice';
    expect(oneProblem({ router: 'top1' })).toEqual(problem('router', 'config.router', { got: '"top1"', options }));
    expect(oneProblem({ router: 3 })).toEqual(problem('router', 'config.router', { got: '3', options }));
    expect(oneProblem({ router: null })).toEqual(problem('router', 'config.router', { got: 'null', options }));
    expect(oneProblem({ router: 'Softmax-TopK' }).field).toBe('router');
  });
});

describe('granularity', () => {
  it('accepts 1, 2, 4 and 8', () => {
    expect([...GRANULARITIES]).toEqual([1, 2, 4, 8]);
    for (const granularity of GRANULARITIES) expect(configOf(validateConfig({ granularity, topK: 1 })).granularity).toBe(granularity);
  });

  it('rejects anything else', () => {
    const options = '1, 2, 4, 8';
    expect(oneProblem({ granularity: 3 })).toEqual(problem('granularity', 'config.granularity', { got: '3', options }));
    expect(oneProblem({ granularity: '2' })).toEqual(problem('granularity', 'config.granularity', { got: '"2"', options }));
    expect(oneProblem({ granularity: 16 })).toEqual(problem('granularity', 'config.granularity', { got: '16', options }));
    expect(oneProblem({ granularity: null })).toEqual(problem('granularity', 'config.granularity', { got: 'null', options }));
  });
});

describe('capacity factor', () => {
  it('null means no limit', () => {
    expect(configOf(validateConfig({ capacityFactor: null })).capacityFactor).toBeNull();
  });

  it(`accepts ${LIMITS.minCapacityFactor} to ${LIMITS.maxCapacityFactor}`, () => {
    for (const cf of [0.5, 1, 1.25, 4]) expect(configOf(validateConfig({ capacityFactor: cf })).capacityFactor).toBe(cf);
  });

  it('rejects a non-number', () => {
    const notNumber = (got: string) => problem('capacityFactor', 'config.capacityNotNumber', { got });
    expect(oneProblem({ capacityFactor: 'none' })).toEqual(notNumber('"none"'));
    expect(oneProblem({ capacityFactor: Number.NaN })).toEqual(notNumber('NaN'));
    expect(oneProblem({ capacityFactor: [] })).toEqual(notNumber('a list'));
  });

  it('rejects out of range', () => {
    const range = (value: number) => problem('capacityFactor', 'config.capacityRange', { value, min: 0.5, max: 4 });
    expect(oneProblem({ capacityFactor: 0.4 })).toEqual(range(0.4));
    expect(oneProblem({ capacityFactor: 5 })).toEqual(range(5));
    expect(oneProblem({ capacityFactor: 0 })).toEqual(range(0));
  });
});

describe('unknown keys and non-objects', () => {
  it('reports each unknown setting', () => {
    expect(oneProblem({ experts: 8 })).toEqual(unknown('experts'));
    const p = problemsOf(validateConfig({ foo: 1, bar: 2, topK: 1 }));
    expect(p).toEqual([unknown('foo'), unknown('bar')]);
  });

  it('cuts a long unknown key to 40 characters', () => {
    const key = 'x'.repeat(100);
    expect(oneProblem({ [key]: 1 })).toEqual(unknown('x'.repeat(40)));
  });

  it('reports keys that only exist on Object.prototype as unknown', () => {
    // `key in DEFAULT_CONFIG` also sees inherited names such as "constructor" and "__proto__".
    expect(oneProblem({ constructor: 1 })).toEqual(unknown('constructor'));
    expect(oneProblem({ toString: 'x' })).toEqual(unknown('toString'));
    expect(oneProblem(JSON.parse('{"__proto__": 5}'))).toEqual(unknown('__proto__'));
  });

  it('rejects anything that is not a plain object', () => {
    const cases: [unknown, string][] = [
      ['topK=2', '"topK=2"'],
      [5, '5'],
      [null, 'null'],
      [undefined, 'undefined'],
      [[], 'a list'],
      [[DEFAULT_CONFIG], 'a list'],
      [true, 'boolean'],
    ];
    for (const [input, got] of cases) expect(oneProblem(input)).toEqual(problem('config', 'config.notObject', { got }));
  });

  it('reports every field problem at once', () => {
    const p = problemsOf(validateConfig({ topK: 0, layers: 9, router: 'x', granularity: 5, capacityFactor: 9, zzz: 1 }));
    expect(p.map((x) => x.field).sort()).toEqual(['capacityFactor', 'config', 'granularity', 'layers', 'router', 'topK']);
  });
});

describe('cross-checks', () => {
  it('top-k cannot exceed the routed experts', () => {
    expect(oneProblem({ topK: 9 })).toEqual(problem('topK', 'config.topKExceedsExperts', { topK: 9, experts: 8 }));
    expect(configOf(validateConfig({ topK: 8 })).topK).toBe(8);
  });

  it('the hidden width must divide by the granularity', () => {
    expect(oneProblem({ expertHidden: 66, granularity: 4, topK: 1 })).toEqual(
      problem('granularity', 'config.hiddenNotDivisible', { hidden: 66, granularity: 4 }),
    );
    expect(configOf(validateConfig({ expertHidden: 66, granularity: 2 })).expertHidden).toBe(66);
  });

  it('routed experts × granularity cannot exceed the limit', () => {
    expect(oneProblem({ routedExperts: 64, granularity: 8, topK: 1 })).toEqual(
      problem('granularity', 'config.expertsTimesGranularity', { experts: 64, granularity: 8, max: 256 }),
    );
    expect(configOf(validateConfig({ routedExperts: 32, granularity: 8, topK: 2 })).routedExperts).toBe(32);
  });

  it('top-k × granularity cannot exceed the limit', () => {
    expect(oneProblem({ topK: 4, granularity: 8 })).toEqual(
      problem('granularity', 'config.topKTimesGranularity', { topK: 4, granularity: 8, max: 16 }),
    );
    expect(configOf(validateConfig({ topK: 2, granularity: 8 })).granularity).toBe(8);
  });

  it('sigmoid-bias: experts must split evenly into groups', () => {
    expect(oneProblem({ router: 'sigmoid-bias', nGroup: 3 })).toEqual(problem('nGroup', 'config.groupsUneven', { experts: 8, groups: 3 }));
    // Counted after fine-grained splitting: 8 × 2 = 16 experts split into 16 groups is fine, 32 is not.
    expect(configOf(validateConfig({ router: 'sigmoid-bias', granularity: 2, nGroup: 16, topkGroup: 4 })).nGroup).toBe(16);
    expect(oneProblem({ router: 'sigmoid-bias', granularity: 2, nGroup: 32 })).toEqual(
      problem('nGroup', 'config.groupsUneven', { experts: 16, groups: 32 }),
    );
  });

  it('sigmoid-bias: groups per token cannot exceed the groups', () => {
    expect(oneProblem({ router: 'sigmoid-bias', nGroup: 4, topkGroup: 5 })).toEqual(
      problem('topkGroup', 'config.groupsPerToken', { topkGroup: 5, groups: 4 }),
    );
  });

  it('sigmoid-bias: the kept groups must hold at least top-k experts', () => {
    expect(oneProblem({ router: 'sigmoid-bias', nGroup: 4, topkGroup: 1, topK: 4 })).toEqual(
      problem('topkGroup', 'config.groupsTooSmall', { topkGroup: 1, groups: 4, held: 2, topK: 4 }),
    );
    expect(oneProblem({ router: 'sigmoid-bias', nGroup: 4, topkGroup: 1, topK: 3, granularity: 2 })).toEqual(
      problem('topkGroup', 'config.groupsTooSmall', { topkGroup: 1, groups: 4, held: 4, topK: 6 }),
    );
    expect(configOf(validateConfig({ router: 'sigmoid-bias', nGroup: 4, topkGroup: 2, topK: 4 })).topkGroup).toBe(2);
  });

  it('groups are ignored by the other routers', () => {
    for (const router of ROUTERS.filter((r) => r !== 'sigmoid-bias')) {
      expect(configOf(validateConfig({ router, nGroup: 3, topkGroup: 5 })).router).toBe(router);
    }
  });

  it('reports several cross-check problems together', () => {
    const p = problemsOf(validateConfig({ topK: 9, expertHidden: 66, granularity: 4 }));
    expect(p).toEqual([
      problem('topK', 'config.topKExceedsExperts', { topK: 9, experts: 8 }),
      problem('granularity', 'config.hiddenNotDivisible', { hidden: 66, granularity: 4 }),
      problem('granularity', 'config.topKTimesGranularity', { topK: 9, granularity: 4, max: 16 }),
    ]);
  });

  it('cross-checks wait until every field is valid on its own', () => {
    // topK 9 > 8 experts would be a cross-check problem, but the bad layers value is reported alone.
    expect(problemsOf(validateConfig({ topK: 9, layers: 0 }))).toEqual([
      problem('layers', 'config.outOfRange', { field: 'layers', value: 0, min: 1, max: 4 }),
    ]);
  });
});

describe('updateConfig', () => {
  it('merges a change into a valid config', () => {
    expect(configOf(updateConfig({ ...DEFAULT_CONFIG }, { topK: 1 }))).toEqual({ ...DEFAULT_CONFIG, topK: 1 });
  });

  it('returns the problems and leaves the base untouched', () => {
    const base: MoeConfig = { ...DEFAULT_CONFIG };
    const r = updateConfig(base, { topK: 9 });
    expect(problemsOf(r)).toEqual([problem('topK', 'config.topKExceedsExperts', { topK: 9, experts: 8 })]);
    expect(base).toEqual(DEFAULT_CONFIG);
  });
});

describe('expertShape', () => {
  it('default: 8 experts, 2 active, hidden 64', () => {
    expect(expertShape(DEFAULT_CONFIG)).toEqual({ experts: 8, active: 2, hidden: 64, shared: 0, width: 32, groupSize: 8 });
  });

  it('fine-grained and grouped', () => {
    const c = configOf(validateConfig({ granularity: 4, sharedExperts: 2, router: 'sigmoid-bias', nGroup: 4, topkGroup: 2 }));
    expect(expertShape(c)).toEqual({ experts: 32, active: 8, hidden: 16, shared: 2, width: 32, groupSize: 8 });
  });
});

describe('validateConfig with together: false', () => {
  it('checks each field alone and skips the cross-checks', () => {
    expect(validateConfig({ topK: 9 }, { together: false }).ok).toBe(true);
    expect(validateConfig({ topK: 9 }).ok).toBe(false);
    const r = validateConfig({ topK: 17 }, { together: false });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.problems).toEqual([problem('topK', 'config.outOfRange', { field: 'topK', value: 17, min: 1, max: 16 })]);
  });
});
