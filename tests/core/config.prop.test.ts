/**
 * Property-based tests of config validation (src/core/config.ts): whatever it is given (nested
 * garbage, wrong types, huge, negative, NaN or infinite numbers, prototype-polluting keys) it never
 * throws, and either accepts a config that keeps every invariant the simulator relies on or lists
 * problems, each naming a field and saying what is wrong. FUZZ_RUNS generated inputs per
 * property (tests/fuzz-runs.ts: 1,000 in `npm test`, 10,000 in `npm run test:fuzz`).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { en, zh } from '../words';
import {
  DEFAULT_CONFIG,
  expertShape,
  expertWeights,
  GRANULARITIES,
  LIMITS,
  ROUTERS,
  updateConfig,
  validateConfig,
  type ConfigResult,
  type MoeConfig,
} from '../../src/core/config';
import { validConfig } from '../arbitraries';
import { RUNS } from '../fuzz-runs';

const FIELDS = Object.keys(DEFAULT_CONFIG) as (keyof MoeConfig)[];
const POLLUTING = ['__proto__', 'constructor', 'prototype', 'toString', 'valueOf', 'hasOwnProperty', '__defineGetter__'];

/** Numbers at and past every edge. */
const edgyNumber = fc.oneof(
  fc.double(), // NaN, ±Infinity, -0, subnormals, ±1.79e308
  fc.integer({ min: -300, max: 300 }),
  fc.constantFrom(
    0,
    -0,
    0.5,
    1,
    2,
    4,
    8,
    16,
    256,
    257,
    1024,
    4294967295,
    4294967296,
    -1,
    1e21,
    -1e21,
    2 ** 53,
    Number.EPSILON,
    NaN,
    Infinity,
    -Infinity,
  ),
);

/** JSON-ish garbage, nested, with prototype-polluting keys among the others. */
const garbage: fc.Arbitrary<unknown> = fc.anything({
  key: fc.oneof(fc.string({ unit: 'binary', maxLength: 10 }), fc.constantFrom(...POLLUTING, ...FIELDS)),
  values: [
    edgyNumber,
    fc.string({ unit: 'binary', maxLength: 30 }),
    fc.boolean(),
    fc.constant(null),
    fc.constant(undefined),
    fc.constantFrom(...ROUTERS, 'none'),
  ],
  maxDepth: 3,
  withBoxedValues: true,
  withMap: true,
  withSet: true,
  withNullPrototype: true,
  withObjectString: true,
  withBigInt: true,
  withDate: true,
  withTypedArray: true,
  withSparseArray: true,
});

/** A value for one field: usually right for some field, often wrong. */
const fieldValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: edgyNumber },
  { weight: 2, arbitrary: validConfig.chain((c) => fc.constantFrom(...Object.values(c))) },
  {
    weight: 1,
    arbitrary: fc.constantFrom(...ROUTERS, ...GRANULARITIES, null, undefined, 'none', '8', true, [], {}, [8], { valueOf: () => 8 }),
  },
  { weight: 1, arbitrary: garbage },
);

/** JSON text of v, or null for what JSON cannot hold (BigInt, undefined, functions). */
function jsonOf(v: unknown): string {
  try {
    return JSON.stringify(v) ?? 'null';
  } catch {
    return 'null';
  }
}

/** Objects shaped like configs: known fields with edgy values, unknown and polluting keys, sometimes built by JSON.parse (own "__proto__" keys). */
const configLike: fc.Arbitrary<unknown> = fc
  .tuple(
    fc.dictionary(
      fc.oneof(
        { weight: 6, arbitrary: fc.constantFrom(...FIELDS) },
        { weight: 1, arbitrary: fc.constantFrom(...POLLUTING) },
        { weight: 1, arbitrary: fc.string({ maxLength: 6 }) },
      ),
      fieldValue,
      { maxKeys: 8 },
    ),
    validConfig,
    fc.constantFrom('plain', 'over-valid', 'json', 'null-prototype'),
  )
  .map(([d, valid, how]) => {
    if (how === 'over-valid') return { ...valid, ...d };
    if (how === 'json') {
      const keys = Object.keys(d).filter((k) => k !== '__proto__');
      const body = keys.map((k) => `${JSON.stringify(k)}: ${jsonOf(d[k])}`);
      return JSON.parse(`{"__proto__": {"routedExperts": 3, "polluted": true}, ${body.join(', ')}}`.replace(', }', '}')) as unknown;
    }
    if (how === 'null-prototype') return Object.assign(Object.create(null) as object, d);
    return d;
  });

/** Every rule the model, the router and the counts rely on. */
function expectKeepsInvariants(c: MoeConfig): void {
  expect(Object.getPrototypeOf(c)).toBe(Object.prototype);
  expect(Object.keys(c).sort()).toEqual([...FIELDS].sort());
  const int = (v: number, lo: number, hi: number): boolean => Number.isInteger(v) && v >= lo && v <= hi;
  const num = (v: number, lo: number, hi: number): boolean => Number.isFinite(v) && v >= lo && v <= hi;
  expect(int(c.modelWidth, 2, 256)).toBe(true);
  expect(int(c.routedExperts, 1, LIMITS.maxRoutedExperts)).toBe(true);
  expect(int(c.topK, 1, Math.min(LIMITS.maxTopK, c.routedExperts))).toBe(true);
  expect(int(c.sharedExperts, 0, LIMITS.maxShared)).toBe(true);
  expect(int(c.expertHidden, 1, 1024)).toBe(true);
  expect(GRANULARITIES).toContain(c.granularity);
  expect(c.capacityFactor === null || num(c.capacityFactor, LIMITS.minCapacityFactor, LIMITS.maxCapacityFactor)).toBe(true);
  expect(ROUTERS).toContain(c.router);
  expect(num(c.routerNoise, 0, 10)).toBe(true);
  expect(num(c.routeScale, 0.01, 100)).toBe(true);
  expect(int(c.layers, 1, LIMITS.maxLayers)).toBe(true);
  expect(int(c.seed, 0, 4294967295)).toBe(true);
  for (const f of FIELDS) expect(Object.is(c[f], -0)).toBe(false);
  // The shape that runs: whole experts, at most 256 of them, at most 16 active, evenly grouped.
  const s = expertShape(c);
  expect(int(s.experts, 1, LIMITS.maxRoutedExperts)).toBe(true);
  expect(int(s.active, 1, Math.min(LIMITS.maxTopK, s.experts))).toBe(true);
  expect(int(s.hidden, 1, 1024)).toBe(true);
  if (c.router === 'sigmoid-bias') {
    expect(Number.isInteger(s.groupSize)).toBe(true);
    expect(c.topkGroup).toBeLessThanOrEqual(c.nGroup);
    expect(c.topkGroup * s.groupSize).toBeGreaterThanOrEqual(s.active);
  }
  // Small enough to build in a browser tab.
  expect(expertWeights(c)).toBeLessThanOrEqual(LIMITS.maxExpertWeights);
  // Accepting is stable: the accepted config is accepted again, unchanged.
  expect(validateConfig(c)).toEqual({ ok: true, config: c });
}

function expectClearProblems(r: ConfigResult): void {
  if (r.ok) return;
  expect(r.problems.length).toBeGreaterThan(0);
  for (const p of r.problems) {
    expect([...FIELDS, 'config']).toContain(p.field);
    for (const words of [en(p), zh(p)]) {
      expect(words.trim().length).toBeGreaterThan(0);
      expect(/\p{Cs}/u.test(words)).toBe(false);
    }
  }
}

function validateSafely(input: unknown, options?: { together?: boolean }): ConfigResult {
  let r: ConfigResult | undefined;
  expect(() => (r = validateConfig(input, options))).not.toThrow();
  return r!;
}

describe('validateConfig on anything', () => {
  it('never throws on arbitrary values: accepts with every invariant kept, or names each problem', () => {
    fc.assert(
      fc.property(garbage, (input) => {
        const r = validateSafely(input);
        if (r.ok) expectKeepsInvariants(r.config);
        else expectClearProblems(r);
      }),
      RUNS,
    );
  });

  it('on config-shaped objects: an accepted config holds exactly the values given, and is safe to run', () => {
    fc.assert(
      fc.property(configLike, (input) => {
        const r = validateSafely(input);
        if (!r.ok) return expectClearProblems(r);
        expectKeepsInvariants(r.config);
        // Only own fields count (never one inherited through __proto__), and each is taken as given.
        const raw = input as Record<string, unknown>;
        for (const f of FIELDS) {
          const given = Object.hasOwn(raw, f) ? raw[f] : undefined;
          expect(r.config[f]).toBe(given === undefined ? DEFAULT_CONFIG[f] : given === 0 ? 0 : given);
        }
      }),
      RUNS,
    );
    // And no input reached Object.prototype.
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(({} as Record<string, unknown>).routedExperts).toBeUndefined();
  });

  it('checks each field on its own when asked: problems name only fields that were given', () => {
    fc.assert(
      fc.property(configLike, (input) => {
        const r = validateSafely(input, { together: false });
        if (r.ok) return;
        expectClearProblems(r);
        for (const p of r.problems) if (p.field !== 'config') expect(Object.hasOwn(input as object, p.field)).toBe(true);
      }),
      RUNS,
    );
  });

  it('accepts every valid config unchanged', () => {
    fc.assert(
      fc.property(validConfig, (c) => {
        expect(validateConfig(c)).toEqual({ ok: true, config: c });
        expectKeepsInvariants(c);
      }),
      RUNS,
    );
  });
});

describe('updateConfig', () => {
  it('merges any change into a valid config, or refuses it and leaves the old one untouched', () => {
    const change = fc.dictionary(fc.constantFrom(...FIELDS, ...POLLUTING), fieldValue, { maxKeys: 4 });
    fc.assert(
      fc.property(validConfig, change, (base, ch) => {
        const before = structuredClone(base);
        let r: ConfigResult | undefined;
        expect(() => (r = updateConfig(base, ch))).not.toThrow();
        expect(base).toEqual(before);
        if (r!.ok) expectKeepsInvariants(r!.config);
        else expectClearProblems(r!);
      }),
      RUNS,
    );
  });
});
