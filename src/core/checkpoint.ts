/**
 * The trained-weights file: a binary of 8- or 16-bit weights and a small JSON manifest (issue 15).
 *
 * Each tensor is stored as its DELTA from its base, the seeded initial weights that the page can
 * always rebuild (a null base means 0), 8-bit signed with one float32 scale per row (a row is the
 * last dimension; a 1-D or 0-D tensor is one row): scale = max|delta| / 127, q = round(delta / scale);
 * or, for the tensors the caller asks (the routing's: embeddings and routers), 16-bit with
 * scale = max|delta| / 32767, which keeps routing to 1e-5 of the trained model's. An 8-bit tensor
 * may be stored coarser (stepOf): its row's step is then at least step × rms(delta), so a
 * bell-shaped row uses a few dozen of the 255 values and gzips to about 5–6 bits a value (step
 * 1/10: error ≤ rms/20). Nothing is clipped: a row with a larger outlier keeps max|delta| / 127.
 * A row that training never touched has delta 0, so its scale and bytes are 0 and it costs almost
 * nothing after gzip. Each value comes back within scale / 2 = max|delta| / 254 of what was written
 * (plus float32 rounding of base + delta, and 2^-150 for a row of subnormal deltas).
 *
 * Layout of the binary (little-endian):
 *   bytes 0–7   the magic "MOELAB01"
 *   then for each tensor of the manifest, in order, starting on a multiple of 4:
 *               its row scales (float32, rows × 4 bytes), then its values (int8 or int16 LE);
 *   zero bytes up to the next multiple of 4 after the last tensor.
 * The manifest gives each tensor's name, shape, byte offset and length (scales + values, without the
 * padding), the binary's length and its CRC-32.
 *
 * Reading never throws, whatever the bytes and manifest: it returns the weights or one problem, a
 * code and its arguments (see ./coded) that the ui words ("The trained weights could not be used:
 * the file is truncated (got 1,204 of 52,112 bytes).").
 */
import { CodedError } from './coded';
import type { MoeConfig } from './config';
import { crc32, hex8 } from './checkpoint-hash';
import {
  CHECKPOINT_FORMAT,
  CHECKPOINT_MAGIC,
  CHECKPOINT_MATCH_FIELDS,
  CHECKPOINT_ROUTING_FIELDS,
  CHECKPOINT_VERSION,
  problem,
  readManifest,
  Refused,
  refuse,
  rowsOf,
  shapeText,
  type BaseOf,
  type CheckpointExpected,
  type CheckpointManifest,
  type CheckpointMatchField,
  type CheckpointMeta,
  type CheckpointResult,
  type CheckpointTensor,
  type CheckpointTensorEntry,
} from './checkpoint-manifest';

export { crc32, vocabHash } from './checkpoint-hash';
export {
  CHECKPOINT_FORMAT,
  CHECKPOINT_MAGIC,
  CHECKPOINT_MATCH_FIELDS,
  CHECKPOINT_ROUTING_FIELDS,
  CHECKPOINT_VERSION,
  shapeText,
  type BaseOf,
  type CheckpointCode,
  type CheckpointExpected,
  type CheckpointManifest,
  type CheckpointMatchField,
  type CheckpointMessages,
  type CheckpointMeta,
  type CheckpointProblem,
  type CheckpointResult,
  type CheckpointTensor,
  type CheckpointTensorEntry,
} from './checkpoint-manifest';

// ---- configs ----

/** The first field that the weights depend on where found differs from expected, or null when the weights fit. */
export function configMismatch(
  expected: MoeConfig,
  found: MoeConfig,
): { field: CheckpointMatchField; expected: number; found: number } | null {
  for (const field of CHECKPOINT_MATCH_FIELDS) {
    if (expected[field] !== found[field]) return { field, expected: expected[field], found: found[field] };
  }
  return null;
}

/** The routing-only fields in which two configs differ (the weights fit; the routing is not the trained one). */
export function routingDifferences(a: MoeConfig, b: MoeConfig): (typeof CHECKPOINT_ROUTING_FIELDS)[number][] {
  return CHECKPOINT_ROUTING_FIELDS.filter((f) => a[f] !== b[f]);
}

/** The smallest positive float32 (subnormal), 2^-149. */
const FLOAT32_MIN = 2 ** -149;

const align4 = (n: number): number => (n + 3) & ~3;

/**
 * The binary and manifest of the tensors, each stored as its delta from bases(name). Throws a
 * CodedError (a program's mistake, not a user's) when a tensor's values or base do not match its
 * shape, or a value is not finite.
 */
export function encodeCheckpoint(
  tensors: readonly CheckpointTensor[],
  bases: BaseOf,
  meta: CheckpointMeta,
  bitsOf: (name: string) => 8 | 16 = () => 8,
  stepOf: (name: string) => number | null = () => null,
): { bin: Uint8Array; manifest: CheckpointManifest } {
  const entries: CheckpointTensorEntry[] = [];
  let at = CHECKPOINT_MAGIC.length;
  for (const t of tensors) {
    const { rows, cols } = rowsOf(t.shape);
    if (rows * cols !== t.values.length) {
      throw new CodedError('checkpoint.shapeMismatch', { tensor: t.name, expected: shapeText(t.shape), found: String(t.values.length) });
    }
    at = align4(at);
    const bits = bitsOf(t.name);
    const length = rows * 4 + (rows * cols * bits) / 8;
    entries.push({ name: t.name, shape: [...t.shape], offset: at, bits, length });
    at += length;
  }
  const bin = new Uint8Array(align4(at));
  for (let i = 0; i < CHECKPOINT_MAGIC.length; i++) bin[i] = CHECKPOINT_MAGIC.charCodeAt(i);
  const view = new DataView(bin.buffer);
  tensors.forEach((t, ti) => {
    const { offset, bits } = entries[ti] as CheckpointTensorEntry;
    const top = bits === 16 ? 32767 : 127;
    const step = stepOf(t.name);
    const { rows, cols } = rowsOf(t.shape);
    const base = bases(t.name);
    if (base && base.length !== t.values.length) {
      throw new CodedError('checkpoint.shapeMismatch', { tensor: t.name, expected: shapeText(t.shape), found: String(base.length) });
    }
    const valuesAt = offset + rows * 4;
    const delta = new Float64Array(cols);
    for (let r = 0; r < rows; r++) {
      let max = 0;
      let squares = 0;
      for (let c = 0; c < cols; c++) {
        const i = r * cols + c;
        const d = (t.values[i] as number) - (base ? (base[i] as number) : 0);
        if (!Number.isFinite(d)) throw new CodedError('checkpoint.notFinite', { tensor: t.name, row: r });
        delta[c] = d;
        max = Math.max(max, Math.abs(d));
        squares += d * d;
      }
      // A coarse row's step is at least `step` × its root mean square (so its range may exceed max|delta|).
      if (step !== null) max = Math.max(max, top * step * Math.sqrt(squares / cols));
      // At least the smallest float32 when the row moved at all, so that a subnormal delta is not lost.
      const scale = max === 0 ? 0 : Math.max(Math.fround(max / top), FLOAT32_MIN);
      view.setFloat32(offset + r * 4, scale, true);
      if (scale === 0) continue;
      for (let c = 0; c < cols; c++) {
        const q = Math.max(-top, Math.min(top, Math.round((delta[c] as number) / scale)));
        if (bits === 16) view.setInt16(valuesAt + 2 * (r * cols + c), q, true);
        else view.setInt8(valuesAt + r * cols + c, q);
      }
    }
  });
  const manifest: CheckpointManifest = {
    format: CHECKPOINT_FORMAT,
    version: CHECKPOINT_VERSION,
    ...meta,
    config: { ...meta.config },
    earlyLosses: [...meta.earlyLosses],
    tensors: entries,
    binBytes: bin.length,
    checksum: hex8(crc32(bin)),
  };
  return { bin, manifest };
}

function sameShape(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((d, i) => d === b[i]);
}

function decode(bin: Uint8Array, manifestJson: unknown, expected: CheckpointExpected, bases: BaseOf): CheckpointResult {
  let raw = manifestJson;
  if (typeof manifestJson === 'string') {
    try {
      raw = JSON.parse(manifestJson) as unknown;
    } catch {
      return { ok: false, problem: problem('checkpoint.notJson', {}) };
    }
  }
  const manifest = readManifest(raw);

  // The file itself: a checkpoint at all, whole, undamaged.
  if (!(bin instanceof Uint8Array)) refuse('checkpoint.badMagic', {});
  for (let i = 0; i < Math.min(bin.length, CHECKPOINT_MAGIC.length); i++) {
    if (bin[i] !== CHECKPOINT_MAGIC.charCodeAt(i)) refuse('checkpoint.badMagic', {});
  }
  if (bin.length < manifest.binBytes) refuse('checkpoint.truncated', { expected: manifest.binBytes, got: bin.length });
  if (bin.length > manifest.binBytes) refuse('checkpoint.tooLong', { expected: manifest.binBytes, got: bin.length });
  const sum = hex8(crc32(bin));
  if (sum !== manifest.checksum) refuse('checkpoint.checksum', { expected: manifest.checksum, got: sum });

  // For this model: same weight-defining config, vocabulary and tensors.
  const mismatch = configMismatch(expected.config, manifest.config);
  if (mismatch) refuse('checkpoint.configMismatch', mismatch);
  if (manifest.vocabHash !== expected.vocabHash) {
    refuse('checkpoint.vocabMismatch', { expected: expected.vocabHash, found: manifest.vocabHash });
  }
  const byName = new Map(manifest.tensors.map((t) => [t.name, t]));
  for (const want of expected.tensors) {
    const entry = byName.get(want.name);
    if (!entry) refuse('checkpoint.missingTensor', { tensor: want.name });
    if (!sameShape(entry.shape, want.shape)) {
      refuse('checkpoint.shapeMismatch', { tensor: want.name, expected: shapeText(want.shape), found: shapeText(entry.shape) });
    }
  }

  const view = new DataView(bin.buffer, bin.byteOffset, bin.byteLength);
  const tensors = new Map<string, Float32Array>();
  for (const want of expected.tensors) {
    const entry = byName.get(want.name) as CheckpointTensorEntry;
    const { rows, cols } = rowsOf(entry.shape);
    const base = bases(want.name);
    if (base && base.length !== rows * cols) {
      refuse('checkpoint.shapeMismatch', { tensor: want.name, expected: shapeText(want.shape), found: String(base.length) });
    }
    const out = new Float32Array(rows * cols);
    if (base) out.set(base);
    const valuesAt = entry.offset + rows * 4;
    for (let r = 0; r < rows; r++) {
      const scale = view.getFloat32(entry.offset + r * 4, true);
      if (!Number.isFinite(scale)) refuse('checkpoint.notFinite', { tensor: want.name, row: r });
      if (scale === 0) continue;
      for (let c = 0; c < cols; c++) {
        const i = r * cols + c;
        const q = entry.bits === 16 ? view.getInt16(valuesAt + 2 * i, true) : view.getInt8(valuesAt + i);
        out[i] = (out[i] as number) + q * scale;
      }
    }
    tensors.set(want.name, out);
  }
  return { ok: true, tensors, manifest };
}

/**
 * The tensors the page expects, read from a checkpoint: each its base plus the stored delta. The
 * manifest may be its JSON text or the parsed value. Never throws: any bytes and any manifest give
 * the tensors or one problem (checked in this order: the manifest, the version, the magic, the
 * length, the checksum, the config, the vocabulary, each tensor's presence and shape, its scales).
 * A base of the wrong length (the page's mistake) is reported as that tensor's shapeMismatch.
 */
export function decodeCheckpoint(bin: Uint8Array, manifestJson: unknown, expected: CheckpointExpected, bases: BaseOf): CheckpointResult {
  try {
    return decode(bin, manifestJson, expected, bases);
  } catch (e) {
    if (e instanceof Refused) return { ok: false, problem: e.problem };
    throw e;
  }
}
