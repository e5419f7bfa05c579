/**
 * The checkpoint format (src/core/checkpoint.ts): weights come back within max|delta|/254 of what
 * was written, untouched rows cost nothing after gzip, and every way a file can be wrong (truncated,
 * damaged, not a checkpoint, a manifest field missing or of the wrong kind, another model,
 * vocabulary or version, a NaN scale) gives its own problem, worded in both languages.
 */
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import {
  CHECKPOINT_MATCH_FIELDS,
  CHECKPOINT_ROUTING_FIELDS,
  configMismatch,
  crc32,
  decodeCheckpoint,
  encodeCheckpoint,
  routingDifferences,
  vocabHash,
  type CheckpointExpected,
  type CheckpointManifest,
  type CheckpointMeta,
  type CheckpointProblem,
  type CheckpointResult,
  type CheckpointTensor,
} from '../../src/core/checkpoint';
import { DEFAULT_CONFIG, type MoeConfig } from '../../src/core/config';
import { Rng } from '../../src/core/rng';
import { CATALOGUE } from '../../src/ui/i18n/all';
import { en, zh } from '../words';

const WORDS = ['<unk>', 'the', 'cat', 'sat', 'on', 'mat', '.', '猫'];
const CONFIG: MoeConfig = { ...DEFAULT_CONFIG, modelWidth: 8, routedExperts: 4, expertHidden: 6 };

const SHAPES: { name: string; shape: number[] }[] = [
  { name: 'embedding', shape: [WORDS.length, 8] },
  { name: 'layer0.router', shape: [8, 4] },
  { name: 'layer0.w1', shape: [4, 8, 6] },
  { name: 'layer0.bias', shape: [4] },
  { name: 'scale', shape: [] },
];
const count = (shape: readonly number[]): number => shape.reduce((a, b) => a * b, 1);

function meta(config: MoeConfig = CONFIG): CheckpointMeta {
  return {
    config,
    vocabHash: vocabHash(WORDS),
    seed: 7,
    steps: 300,
    batch: 16,
    finalLoss: 2.5,
    earlyLosses: Array.from({ length: 20 }, (_, i) => 4 - i / 10),
    heldOutLoss: 2.7,
    untrainedLoss: 4.1,
    specialisation: 0.6,
    trainedAt: '2026-12-03',
  };
}

/** Random bases (the layer0.bias has none: base 0) and trained values = base + a random delta per row. */
function model(seed: number, touched = 1): { bases: Map<string, Float32Array>; tensors: CheckpointTensor[] } {
  const rng = new Rng(seed);
  const bases = new Map<string, Float32Array>();
  const tensors = SHAPES.map(({ name, shape }) => {
    const n = count(shape);
    const base = name === 'layer0.bias' ? null : rng.normals(n);
    if (base) bases.set(name, base);
    const cols = shape.length ? (shape[shape.length - 1] as number) : 1;
    const values = new Float32Array(n);
    for (let r = 0; r < n / cols; r++) {
      const moved = rng.next() < touched;
      const size = 10 ** (rng.next() * 4 - 3);
      for (let c = 0; c < cols; c++) {
        const i = r * cols + c;
        values[i] = (base ? (base[i] as number) : 0) + (moved ? rng.normal() * size : 0);
      }
    }
    return { name, shape, values };
  });
  return { bases, tensors };
}

const EXPECTED: CheckpointExpected = { config: CONFIG, vocabHash: vocabHash(WORDS), tensors: SHAPES };

function written(seed = 1): { bin: Uint8Array; manifest: CheckpointManifest; bases: Map<string, Float32Array> } {
  const { bases, tensors } = model(seed);
  return { ...encodeCheckpoint(tensors, (n) => bases.get(n) ?? null, meta()), bases };
}

function read(bin: Uint8Array, manifest: unknown, bases: Map<string, Float32Array>, expected = EXPECTED): CheckpointResult {
  return decodeCheckpoint(bin, manifest, expected, (n) => bases.get(n) ?? null);
}

/** The problem of a read that must fail, checked to be worded in English and in Chinese. */
function problemOf(r: CheckpointResult): CheckpointProblem {
  expect(r.ok).toBe(false);
  const p = (r as { problem: CheckpointProblem }).problem;
  expect(en(p)).not.toBe(p.code);
  expect(zh(p)).toMatch(/\p{Script=Han}/u);
  return p;
}

/** The binary with its CRC-32 written into a copy of the manifest (for a damage the checksum must not catch first). */
function resealed(bin: Uint8Array, manifest: CheckpointManifest): CheckpointManifest {
  return { ...manifest, checksum: crc32(bin).toString(16).padStart(8, '0') };
}

describe('hashes', () => {
  it('crc32 is the IEEE CRC-32 (zlib, PNG)', () => {
    expect(crc32(new Uint8Array())).toBe(0);
    expect(crc32(new TextEncoder().encode('123456789'))).toBe(0xcbf43926);
    expect(crc32(new TextEncoder().encode('The quick brown fox jumps over the lazy dog'))).toBe(0x414fa339);
  });

  it('vocabHash is 64-bit FNV-1a of the UTF-8 of the words joined by line breaks', () => {
    expect(vocabHash([])).toBe('cbf29ce484222325');
    expect(vocabHash(['a'])).toBe('af63dc4c8601ec8c');
    expect(vocabHash(['foo', 'bar'])).toBe(vocabHash(['foo\nbar']));
    expect(vocabHash(['foobar'])).toBe('85944171f73967e8');
    expect(vocabHash(WORDS)).toMatch(/^[0-9a-f]{16}$/);
    expect(vocabHash(WORDS)).toBe(vocabHash([...WORDS]));
    expect(vocabHash(WORDS)).not.toBe(vocabHash([...WORDS].reverse()));
    expect(vocabHash(['猫'])).not.toBe(vocabHash(['狗']));
  });
});

describe('configs a checkpoint fits', () => {
  it('needs the shape fields and the seed to match, and lets the routing fields differ', () => {
    expect(configMismatch(CONFIG, { ...CONFIG })).toBeNull();
    for (const field of CHECKPOINT_MATCH_FIELDS) {
      const other = { ...CONFIG, [field]: CONFIG[field] * 2 + 1 };
      expect(configMismatch(CONFIG, other)).toEqual({ field, expected: CONFIG[field], found: CONFIG[field] * 2 + 1 });
    }
    const routing: MoeConfig = {
      ...CONFIG,
      topK: 3,
      router: 'sigmoid-bias',
      routerNoise: 2,
      nGroup: 2,
      topkGroup: 2,
      routeScale: 2.5,
      gateNorm: 'all',
      capacityFactor: 1.25,
    };
    expect(configMismatch(CONFIG, routing)).toBeNull();
    expect(routingDifferences(CONFIG, routing)).toEqual([...CHECKPOINT_ROUTING_FIELDS]);
    // Between them the two lists name every field once.
    expect([...CHECKPOINT_MATCH_FIELDS, ...CHECKPOINT_ROUTING_FIELDS].sort()).toEqual(Object.keys(DEFAULT_CONFIG).sort());
  });
});

describe('encodeCheckpoint then decodeCheckpoint', () => {
  it('gives each value back within max|delta| / 254 of its row', () => {
    for (const seed of [1, 2, 3, 4, 5]) {
      const { bin, manifest, bases } = written(seed);
      const r = read(bin, JSON.stringify(manifest), bases);
      expect(r.ok).toBe(true);
      if (!r.ok) continue;
      const { tensors } = model(seed);
      expect([...r.tensors.keys()]).toEqual(SHAPES.map((s) => s.name));
      for (const t of tensors) {
        const got = r.tensors.get(t.name)!;
        const base = bases.get(t.name);
        const cols = t.shape.length ? (t.shape[t.shape.length - 1] as number) : 1;
        for (let row = 0; row < t.values.length / cols; row++) {
          let max = 0;
          for (let c = 0; c < cols; c++) max = Math.max(max, Math.abs(t.values[row * cols + c]! - (base?.[row * cols + c] ?? 0)));
          for (let c = 0; c < cols; c++) {
            const i = row * cols + c;
            const err = Math.abs(got[i]! - t.values[i]!);
            expect(err, `${t.name}[${i}]`).toBeLessThanOrEqual((max / 254) * (1 + 1e-6) + Math.abs(t.values[i]!) * 2 ** -23);
          }
        }
      }
      expect(r.manifest).toEqual(manifest);
    }
  });

  it('with 16 bits for the tensors asked, gives those values back within max|delta| / 65534', () => {
    const { bases, tensors } = model(11);
    const sixteen = (name: string): 8 | 16 => (name === 'layer0.router' || name === 'embedding' ? 16 : 8);
    const { bin, manifest } = encodeCheckpoint(tensors, (n) => bases.get(n) ?? null, meta(), sixteen);
    expect(manifest.tensors.map((t) => t.bits)).toEqual(SHAPES.map((s) => sixteen(s.name)));
    const r = read(bin, manifest, bases);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    for (const t of tensors.filter((x) => sixteen(x.name) === 16)) {
      const got = r.tensors.get(t.name)!;
      const base = bases.get(t.name)!;
      const cols = t.shape[t.shape.length - 1] as number;
      for (let row = 0; row < t.values.length / cols; row++) {
        let max = 0;
        for (let c = 0; c < cols; c++) max = Math.max(max, Math.abs(t.values[row * cols + c]! - base[row * cols + c]!));
        for (let c = 0; c < cols; c++) {
          const i = row * cols + c;
          expect(Math.abs(got[i]! - t.values[i]!)).toBeLessThanOrEqual((max / 65534) * (1 + 1e-6) + Math.abs(t.values[i]!) * 2 ** -23);
        }
      }
    }
    // A manifest that claims other bits than 8 or 16 is refused by name.
    const bad = { ...manifest, tensors: manifest.tensors.map((t, i) => (i === 0 ? { ...t, bits: 4 } : t)) };
    expect(problemOf(read(bin, bad, bases))).toMatchObject({ code: 'checkpoint.badManifest', args: { field: 'tensors[0].bits' } });
  });

  it('writes the documented layout: magic, then each tensor 4-byte aligned, scales then int8 values', () => {
    const { bin, manifest } = written();
    expect(new TextDecoder().decode(bin.slice(0, 8))).toBe('MOELAB01');
    expect(manifest.binBytes).toBe(bin.length);
    expect(bin.length % 4).toBe(0);
    let end = 8;
    for (const t of manifest.tensors) {
      const cols = t.shape.length ? t.shape[t.shape.length - 1]! : 1;
      const rows = count(t.shape) / cols;
      expect(t.offset % 4).toBe(0);
      expect(t.offset).toBe((end + 3) & ~3);
      expect(t.length).toBe(rows * 4 + rows * cols);
      end = t.offset + t.length;
    }
    expect(bin.length).toBe((end + 3) & ~3);
    expect(manifest).toMatchObject({ format: 'moe-lab-checkpoint', version: 1, checksum: crc32(bin).toString(16).padStart(8, '0') });
    // The manifest is plain JSON: what is written is what is read.
    expect(JSON.parse(JSON.stringify(manifest))).toEqual(manifest);
  });

  it('stores an untouched row as zero bytes and an all-zero scale', () => {
    const { bases, tensors } = model(9, 0);
    const { bin, manifest } = encodeCheckpoint(tensors, (n) => bases.get(n) ?? null, meta());
    expect(bin.slice(8).every((b) => b === 0)).toBe(true);
    const r = read(bin, manifest, bases);
    expect(r.ok).toBe(true);
    if (r.ok) for (const t of tensors) expect(r.tensors.get(t.name)).toEqual(t.values);
  });

  it('compresses to little under gzip when 90% of the rows were never touched', () => {
    const words = Array.from({ length: 5000 }, (_, i) => `w${i}`);
    const rows = 5000;
    const width = 32;
    const rng = new Rng(3);
    const base = rng.normals(rows * width);
    const values = base.slice();
    for (let r = 0; r < rows; r++) {
      if (r % 10 !== 0) continue;
      for (let c = 0; c < width; c++) values[r * width + c]! += rng.normal() * 0.01;
    }
    const { bin, manifest } = encodeCheckpoint([{ name: 'embedding', shape: [rows, width], values }], () => base, {
      ...meta({ ...CONFIG, modelWidth: width }),
      vocabHash: vocabHash(words),
    });
    const zipped = gzipSync(bin, { level: 9 }).length;
    const touchedBytes = (rows / 10) * (width + 4);
    expect(bin.length).toBe(8 + rows * (width + 4));
    // About the touched rows' own bytes, far below the 640 KB of float32 or 180 KB of the raw file.
    expect(zipped).toBeLessThan(touchedBytes * 1.2);
    expect(zipped).toBeLessThan(bin.length / 8);
    const r = decodeCheckpoint(
      bin,
      manifest,
      { config: { ...CONFIG, modelWidth: width }, vocabHash: vocabHash(words), tensors: manifest.tensors },
      () => base,
    );
    expect(r.ok).toBe(true);
  });

  it('reads a manifest given as text or as parsed JSON, and a bin that is a view into a larger buffer', () => {
    const { bin, manifest, bases } = written();
    const padded = new Uint8Array(bin.length + 13);
    padded.set(bin, 5);
    expect(read(padded.subarray(5, 5 + bin.length), manifest, bases).ok).toBe(true);
    expect(read(bin, JSON.stringify(manifest), bases).ok).toBe(true);
  });

  it('refuses to write values that are not finite or do not fit their shape (a program mistake)', () => {
    const { bases, tensors } = model(1);
    const nan = tensors.map((t) => (t.name === 'layer0.router' ? { ...t, values: t.values.map((v, i) => (i === 9 ? NaN : v)) } : t));
    expect(() => encodeCheckpoint(nan, (n) => bases.get(n) ?? null, meta())).toThrow(
      expect.objectContaining({ code: 'checkpoint.notFinite', args: { tensor: 'layer0.router', row: 2 } }),
    );
    const short = [{ name: 'x', shape: [3, 4], values: new Float32Array(11) }];
    expect(() => encodeCheckpoint(short, () => null, meta())).toThrow(expect.objectContaining({ code: 'checkpoint.shapeMismatch' }));
  });
});

describe('a file that cannot be used gives its problem', () => {
  const { bin, manifest, bases } = written();

  it('truncated at any of several places', () => {
    for (const at of [0, 3, 8, 9, 100, manifest.tensors[2]!.offset, bin.length - 4, bin.length - 1]) {
      const p = problemOf(read(bin.slice(0, at), manifest, bases));
      expect(p, `cut at ${at}`).toEqual({ code: 'checkpoint.truncated', args: { expected: bin.length, got: at } });
    }
  });

  it('words a truncated file as the page shows it', () => {
    const p = problemOf(read(bin.slice(0, 100), { ...manifest, binBytes: 52112 }, bases));
    expect(p.args).toEqual({ expected: 52112, got: 100 });
    expect(CATALOGUE.en.checkpoint.notUsed(en(p))).toBe(
      'The trained weights could not be used: the file is truncated (got 100 of 52,112 bytes).',
    );
    expect(CATALOGUE.zh.checkpoint.notUsed(zh(p))).toMatch(/^无法使用训练好的权重：文件不完整/);
  });

  it('longer than the manifest says', () => {
    const longer = new Uint8Array(bin.length + 4);
    longer.set(bin);
    expect(problemOf(read(longer, manifest, bases))).toEqual({
      code: 'checkpoint.tooLong',
      args: { expected: bin.length, got: bin.length + 4 },
    });
  });

  it('a flipped byte anywhere after the magic: the checksum', () => {
    for (const at of [8, 9, 50, manifest.tensors[1]!.offset + 1, bin.length - 1]) {
      const flipped = bin.slice();
      flipped[at]! ^= 0x10;
      const p = problemOf(read(flipped, manifest, bases));
      expect(p.code, `byte ${at}`).toBe('checkpoint.checksum');
      expect(p.args).toEqual({ expected: manifest.checksum, got: crc32(flipped).toString(16).padStart(8, '0') });
    }
  });

  it('another file (an HTML page, a wrong magic)', () => {
    const html = new TextEncoder().encode('<!doctype html><html><body>Not found</body></html>');
    expect(problemOf(read(html, manifest, bases)).code).toBe('checkpoint.badMagic');
    const wrong = bin.slice();
    wrong[7] = '2'.charCodeAt(0);
    expect(problemOf(read(wrong, resealed(wrong, manifest), bases)).code).toBe('checkpoint.badMagic');
    expect(problemOf(read(new TextEncoder().encode('MOEL'), manifest, bases)).code).toBe('checkpoint.truncated');
    expect(problemOf(read(new TextEncoder().encode('GIF8'), manifest, bases)).code).toBe('checkpoint.badMagic');
  });

  it('a manifest that is not JSON', () => {
    expect(problemOf(read(bin, '{"format": "moe-lab-checkpoint",', bases))).toEqual({ code: 'checkpoint.notJson', args: {} });
    expect(problemOf(read(bin, '<!doctype html>', bases)).code).toBe('checkpoint.notJson');
  });

  it('a manifest field missing or of the wrong kind names the field', () => {
    const cases: [Record<string, unknown>, string, string][] = [
      [{ format: undefined }, 'format', 'missing'],
      [{ format: 'other' }, 'format', '"other"'],
      [{ version: '1' }, 'version', '"1"'],
      [{ config: null }, 'config', 'null'],
      [{ config: { ...CONFIG, topK: undefined } }, 'config.topK', 'missing'],
      [{ config: { ...CONFIG, modelWidth: 'wide' } }, 'config.modelWidth', '"wide"'],
      [{ vocabHash: 5 }, 'vocabHash', '5'],
      [{ seed: -1 }, 'seed', '-1'],
      [{ steps: 2.5 }, 'steps', '2.5'],
      [{ batch: 0 }, 'batch', '0'],
      [{ finalLoss: null }, 'finalLoss', 'null'],
      [{ earlyLosses: {} }, 'earlyLosses', 'object'],
      [{ earlyLosses: [1, 'x'] }, 'earlyLosses[1]', '"x"'],
      [{ heldOutLoss: undefined }, 'heldOutLoss', 'missing'],
      [{ untrainedLoss: true }, 'untrainedLoss', 'boolean'],
      [{ specialisation: [] }, 'specialisation', 'a list'],
      [{ trainedAt: 2026 }, 'trainedAt', '2026'],
      [{ binBytes: undefined }, 'binBytes', 'missing'],
      [{ checksum: 'xyz' }, 'checksum', '"xyz"'],
      [{ tensors: 'all' }, 'tensors', '"all"'],
      [{ tensors: [null] }, 'tensors[0]', 'null'],
      [{ tensors: manifest.tensors.map((t, i) => (i === 1 ? { ...t, name: 7 } : t)) }, 'tensors[1].name', '7'],
      [{ tensors: manifest.tensors.map((t, i) => (i === 1 ? { ...t, name: 'embedding' } : t)) }, 'tensors[1].name', '"embedding"'],
      [{ tensors: manifest.tensors.map((t, i) => (i === 2 ? { ...t, shape: [4, -8, 6] } : t)) }, 'tensors[2].shape', 'a list'],
      [
        { tensors: manifest.tensors.map((t, i) => (i === 2 ? { ...t, offset: t.offset + 2 } : t)) },
        'tensors[2].offset',
        String(manifest.tensors[2]!.offset + 2),
      ],
      [{ tensors: manifest.tensors.map((t, i) => (i === 2 ? { ...t, offset: 0 } : t)) }, 'tensors[2].offset', '0'],
      [
        { tensors: manifest.tensors.map((t, i) => (i === 2 ? { ...t, length: t.length + 1 } : t)) },
        'tensors[2].length',
        String(manifest.tensors[2]!.length + 1),
      ],
      [{ tensors: manifest.tensors.map((t, i) => (i === 4 ? { ...t, offset: bin.length } : t)) }, 'tensors[4].length', '5'],
    ];
    for (const [change, field, got] of cases) {
      const r = read(bin, { ...manifest, ...change }, bases);
      expect(r.ok, JSON.stringify(change)).toBe(false);
      const p = problemOf(r);
      expect(p, JSON.stringify(change)).toEqual({ code: 'checkpoint.badManifest', args: { field, got } });
    }
    expect(problemOf(read(bin, [manifest], bases)).args).toEqual({ field: 'manifest', got: 'a list' });
    expect(en(problemOf(read(bin, { ...manifest, seed: undefined }, bases)))).toBe('its manifest has no "seed"');
  });

  it('another version of the format', () => {
    const p = problemOf(read(bin, { ...manifest, version: 2, tensors: 'whatever a version 2 has' }, bases));
    expect(p).toEqual({ code: 'checkpoint.version', args: { got: '2', supported: 1 } });
    expect(en(p)).toBe('the file is version 2 of the format; this page reads version 1');
  });

  it('trained for another model: names the field that differs', () => {
    const p = problemOf(read(bin, manifest, bases, { ...EXPECTED, config: { ...CONFIG, routedExperts: 16 } }));
    expect(p).toEqual({ code: 'checkpoint.configMismatch', args: { field: 'routedExperts', expected: 16, found: 4 } });
    expect(en(p)).toBe('they were trained for a different model (routed experts 4; this model has 16)');
    const seed = problemOf(read(bin, manifest, bases, { ...EXPECTED, config: { ...CONFIG, seed: 2 } }));
    expect(seed.args).toMatchObject({ field: 'seed' });
    // Routing fields may differ: the routers page runs one checkpoint under every router.
    expect(read(bin, manifest, bases, { ...EXPECTED, config: { ...CONFIG, router: 'expert-choice', topK: 3, capacityFactor: 2 } }).ok).toBe(
      true,
    );
  });

  it('trained on another vocabulary', () => {
    const other = vocabHash([...WORDS, 'dog']);
    expect(problemOf(read(bin, manifest, bases, { ...EXPECTED, vocabHash: other }))).toEqual({
      code: 'checkpoint.vocabMismatch',
      args: { expected: other, found: vocabHash(WORDS) },
    });
  });

  it('shapes swapped, a tensor missing', () => {
    const swapped = SHAPES.map((s) => (s.name === 'layer0.router' ? { ...s, shape: [4, 8] } : s));
    expect(problemOf(read(bin, manifest, bases, { ...EXPECTED, tensors: swapped }))).toEqual({
      code: 'checkpoint.shapeMismatch',
      args: { tensor: 'layer0.router', expected: '4×8', found: '8×4' },
    });
    // In the manifest: the same bytes, the two dimensions swapped.
    const inFile = manifest.tensors.map((t) => (t.name === 'layer0.w1' ? { ...t, shape: [4, 6, 8] } : t));
    const p = problemOf(read(bin, { ...manifest, tensors: inFile }, bases));
    expect(p.code).toBe('checkpoint.badManifest'); // 4×6 rows of 8 is not the block's length
    const moreRows = manifest.tensors.map((t) => (t.name === 'scale' ? { ...t, shape: [1, 1] } : t));
    expect(problemOf(read(bin, { ...manifest, tensors: moreRows }, bases))).toEqual({
      code: 'checkpoint.shapeMismatch',
      args: { tensor: 'scale', expected: '()', found: '1×1' },
    });
    const fewer = manifest.tensors.filter((t) => t.name !== 'layer0.bias');
    expect(problemOf(read(bin, { ...manifest, tensors: fewer }, bases))).toEqual({
      code: 'checkpoint.missingTensor',
      args: { tensor: 'layer0.bias' },
    });
    // A tensor the page does not ask for is left unread.
    const r = read(bin, manifest, bases, { ...EXPECTED, tensors: SHAPES.slice(0, 2) });
    expect(r.ok && [...r.tensors.keys()]).toEqual(['embedding', 'layer0.router']);
  });

  it('a base of the wrong length (the page asked for the wrong tensor)', () => {
    const wrong = new Map(bases);
    wrong.set('layer0.router', new Float32Array(5));
    expect(problemOf(read(bin, manifest, wrong)).code).toBe('checkpoint.shapeMismatch');
  });

  it('a NaN or infinite scale', () => {
    for (const bad of [NaN, Infinity, -Infinity]) {
      const broken = bin.slice();
      const router = manifest.tensors.find((t) => t.name === 'layer0.router')!;
      new DataView(broken.buffer).setFloat32(router.offset + 3 * 4, bad, true);
      expect(problemOf(read(broken, resealed(broken, manifest), bases))).toEqual({
        code: 'checkpoint.notFinite',
        args: { tensor: 'layer0.router', row: 3 },
      });
    }
  });
});
