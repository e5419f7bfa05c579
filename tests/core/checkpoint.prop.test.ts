/**
 * Property-based tests of the checkpoint format (src/core/checkpoint.ts): any tensors come back
 * within max|delta|/254 of each row, and reading never throws, whatever the bytes (random, cut,
 * flipped) and the manifest (random text, fields deleted or replaced by garbage, tensors listed
 * wrongly): it gives the weights or one problem that the page words in both languages. FUZZ_RUNS
 * generated inputs per property (tests/fuzz-runs.ts).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  decodeCheckpoint,
  encodeCheckpoint,
  vocabHash,
  type CheckpointExpected,
  type CheckpointManifest,
  type CheckpointMeta,
  type CheckpointResult,
  type CheckpointTensor,
} from '../../src/core/checkpoint';
import { DEFAULT_CONFIG, type MoeConfig } from '../../src/core/config';
import { en, zh } from '../words';
import { RUNS } from '../fuzz-runs';

const CONFIG: MoeConfig = { ...DEFAULT_CONFIG, modelWidth: 4, routedExperts: 2, topK: 1, expertHidden: 3 };
const WORDS = ['a', 'b', 'c'];

const META: CheckpointMeta = {
  config: CONFIG,
  vocabHash: vocabHash(WORDS),
  seed: 1,
  steps: 10,
  batch: 4,
  finalLoss: 1,
  earlyLosses: [3, 2.5, 2],
  heldOutLoss: 1.2,
  untrainedLoss: 3.3,
  specialisation: 0.5,
};

const float = fc.float({ noNaN: true, noDefaultInfinity: true, min: -1e6, max: 1e6 });

/** A tensor of 0 to 3 dimensions (each 0 to 5), its values, and a base or none. */
const tensor = fc.array(fc.integer({ min: 0, max: 5 }), { maxLength: 3 }).chain((shape) => {
  const n = shape.reduce((a, b) => a * b, 1);
  return fc.record({
    shape: fc.constant(shape),
    values: fc.array(float, { minLength: n, maxLength: n }),
    base: fc.option(fc.array(float, { minLength: n, maxLength: n }), { nil: null }),
    // Some rows equal to their base (never touched by training).
    untouched: fc.array(fc.boolean(), { minLength: 30, maxLength: 30 }),
  });
});

const tensors = fc.uniqueArray(fc.tuple(fc.string({ maxLength: 6 }), tensor), { selector: ([name]) => name, maxLength: 5 });

function build(list: [string, { shape: number[]; values: number[]; base: number[] | null; untouched: boolean[] }][]): {
  tensors: CheckpointTensor[];
  bases: Map<string, Float32Array>;
} {
  const bases = new Map<string, Float32Array>();
  const out = list.map(([name, t]) => {
    const base = t.base ? Float32Array.from(t.base) : null;
    if (base) bases.set(name, base);
    const values = Float32Array.from(t.values);
    const cols = t.shape.length ? (t.shape[t.shape.length - 1] as number) : 1;
    for (let r = 0; cols > 0 && r < values.length / cols; r++) {
      if (!t.untouched[r % 30]) continue;
      for (let c = 0; c < cols; c++) values[r * cols + c] = base ? (base[r * cols + c] as number) : 0;
    }
    return { name, shape: t.shape, values };
  });
  return { tensors: out, bases };
}

/** A failed read's problem is worded in English and in Chinese. */
function expectWorded(r: CheckpointResult): void {
  if (r.ok) return;
  expect(r.problem.code).toMatch(/^checkpoint\./);
  expect(en(r.problem)).not.toBe(r.problem.code);
  expect(zh(r.problem)).toMatch(/\p{Script=Han}/u);
}

describe('encodeCheckpoint then decodeCheckpoint', () => {
  it('gives back any tensors within max|delta| / 254 of each row, and untouched rows exactly', () => {
    fc.assert(
      fc.property(tensors, (list) => {
        const { tensors: ts, bases } = build(list);
        const base = (n: string): Float32Array | null => bases.get(n) ?? null;
        const { bin, manifest } = encodeCheckpoint(ts, base, META);
        const expected: CheckpointExpected = { config: CONFIG, vocabHash: META.vocabHash, tensors: ts };
        const r = decodeCheckpoint(bin, JSON.stringify(manifest), expected, base);
        expect(r.ok).toBe(true);
        if (!r.ok) return;
        for (const t of ts) {
          const got = r.tensors.get(t.name)!;
          const b = bases.get(t.name);
          const cols = t.shape.length ? (t.shape[t.shape.length - 1] as number) : 1;
          for (let row = 0; cols > 0 && row < t.values.length / cols; row++) {
            let max = 0;
            for (let c = 0; c < cols; c++) max = Math.max(max, Math.abs(t.values[row * cols + c]! - (b?.[row * cols + c] ?? 0)));
            for (let c = 0; c < cols; c++) {
              const i = row * cols + c;
              const tolerance = max === 0 ? 0 : (max / 254) * (1 + 1e-6) + Math.abs(t.values[i]!) * 2 ** -23 + 2 ** -150;
              expect(Math.abs(got[i]! - t.values[i]!)).toBeLessThanOrEqual(tolerance);
            }
          }
        }
      }),
      RUNS,
    );
  });
});

describe('decodeCheckpoint never throws', () => {
  const fixed = build([
    ['emb', { shape: [3, 4], values: Array.from({ length: 12 }, (_, i) => i / 7), base: Array(12).fill(0.5), untouched: [false] }],
    ['r', { shape: [4, 2], values: Array.from({ length: 8 }, (_, i) => -i), base: null, untouched: [true, false] }],
    ['s', { shape: [], values: [2], base: null, untouched: [false] }],
  ]);
  const base = (n: string): Float32Array | null => fixed.bases.get(n) ?? null;
  const { bin, manifest } = encodeCheckpoint(fixed.tensors, base, META);
  const expected: CheckpointExpected = { config: CONFIG, vocabHash: META.vocabHash, tensors: fixed.tensors };

  const garbage: fc.Arbitrary<unknown> = fc.oneof(
    fc.anything({
      maxDepth: 2,
      withBoxedValues: true,
      withNullPrototype: true,
      withSparseArray: true,
      withTypedArray: true,
      withBigInt: true,
    }),
    fc.double(),
    fc.constantFrom(null, undefined, '', 'moe-lab-checkpoint', 1, 2, 0, -1, 8, 2 ** 53, [], [1], {}, [[]], ['x'], NaN, Infinity),
  );

  /** Manifests made from the real one: fields deleted or replaced, tensors entries changed, the config changed. */
  const mutated: fc.Arbitrary<unknown> = fc
    .tuple(
      fc.array(fc.tuple(fc.constantFrom(...Object.keys(manifest), '__proto__', 'extra'), garbage), { maxLength: 3 }),
      fc.array(
        fc.tuple(
          fc.nat(4),
          fc.constantFrom('name', 'shape', 'offset', 'length', 'x'),
          fc.oneof(garbage, fc.integer({ min: -8, max: 600 })),
        ),
        { maxLength: 3 },
      ),
      fc.array(fc.tuple(fc.constantFrom(...Object.keys(CONFIG)), garbage), { maxLength: 2 }),
      fc.boolean(),
    )
    .map(([fields, entries, config, asText]) => {
      const m: Record<string, unknown> = { ...manifest, config: { ...manifest.config }, tensors: manifest.tensors.map((t) => ({ ...t })) };
      for (const [i, key, v] of entries) {
        const list = m.tensors as Record<string, unknown>[];
        if (i < list.length) list[i]![key] = v;
        else list.push({ [key]: v });
      }
      for (const [key, v] of config) (m.config as Record<string, unknown>)[key] = v;
      for (const [key, v] of fields) m[key] = v;
      if (!asText) return m;
      try {
        return JSON.stringify(m) ?? 'null';
      } catch {
        return '{';
      }
    });

  /** Bytes made from the real binary: cut, grown, bytes flipped; or random. */
  const bytes: fc.Arbitrary<Uint8Array> = fc.oneof(
    fc.uint8Array({ maxLength: 200 }),
    fc
      .tuple(fc.nat(bin.length + 8), fc.array(fc.tuple(fc.nat(bin.length + 7), fc.integer({ min: 1, max: 255 })), { maxLength: 3 }))
      .map(([len, flips]) => {
        const out = new Uint8Array(len);
        out.set(bin.subarray(0, Math.min(len, bin.length)));
        for (const [at, x] of flips) if (at < len) out[at]! ^= x;
        return out;
      }),
  );

  const expectations: fc.Arbitrary<CheckpointExpected> = fc.oneof(
    fc.constant(expected),
    fc.record({
      config: fc.constantFrom(CONFIG, { ...CONFIG, seed: 2 }, { ...CONFIG, router: 'sigmoid-bias' as const }),
      vocabHash: fc.constantFrom(META.vocabHash, vocabHash([])),
      tensors: fc.subarray([...fixed.tensors, { name: 'emb', shape: [4, 3] }, { name: 'other', shape: [2] }]),
    }),
  );

  const bases = fc.constantFrom(
    base,
    () => null,
    () => new Float32Array(3),
  );

  it('for random or damaged bytes with the real manifest', () => {
    fc.assert(
      fc.property(bytes, (b) => {
        const r = decodeCheckpoint(b, manifest, expected, base);
        expectWorded(r);
        // Only the real bytes are accepted.
        if (r.ok) expect(b).toEqual(bin);
      }),
      RUNS,
    );
  });

  it('for manifests with fields deleted, replaced by garbage or listing tensors wrongly, and any expectation', () => {
    fc.assert(
      fc.property(mutated, bytes, expectations, bases, (m, b, want, baseOf) => {
        expectWorded(decodeCheckpoint(b, m, want, baseOf));
        expectWorded(decodeCheckpoint(bin, m, want, baseOf));
      }),
      RUNS,
    );
  });

  it('for any value as the manifest, and any text', () => {
    fc.assert(
      fc.property(fc.oneof(garbage, fc.string(), fc.json()), (m) => {
        const r = decodeCheckpoint(bin, m, expected, base);
        expectWorded(r);
        expect(r.ok).toBe(false);
      }),
      RUNS,
    );
  });

  it('gives back the manifest it read, with only the known fields', () => {
    const r = decodeCheckpoint(bin, { ...manifest, extra: 1 } as CheckpointManifest, expected, base);
    expect(r.ok && r.manifest).toEqual(manifest);
  });
});
