/**
 * The checkpoint's manifest (./checkpoint): its fields, the problems of reading a checkpoint, and the
 * manifest's check, field by field, which names the first field missing or of the wrong kind.
 */
import type { CodeOf } from './coded';
import { clip, DEFAULT_CONFIG, validateConfig, type MoeConfig } from './config';

export const CHECKPOINT_FORMAT = 'moe-lab-checkpoint';
export const CHECKPOINT_VERSION = 1;
/** The first 8 bytes of every checkpoint binary. */
export const CHECKPOINT_MAGIC = 'MOELAB01';

/** One weight tensor, row-major. */
export interface CheckpointTensor {
  name: string;
  shape: number[];
  values: Float32Array;
}

/** Where a tensor's block lies in the binary. */
export interface CheckpointTensorEntry {
  name: string;
  shape: number[];
  /** Byte offset of its block (a multiple of 4, at least 8). */
  offset: number;
  /** Bits per value: 8 (int8) or 16 (int16), each with the row's scale. */
  bits: 8 | 16;
  /** Bytes of its block: rows × 4 (scales) + its value count × bits / 8, without padding. */
  length: number;
}

/** What the trainer says about a run (written into the manifest as it is). */
export interface CheckpointMeta {
  config: MoeConfig;
  /** vocabHash() of the vocabulary the model was trained on (its row order). */
  vocabHash: string;
  seed: number;
  steps: number;
  batch: number;
  finalLoss: number;
  /** The losses of the first steps (20 of them), which a retrain from the seed reproduces exactly. */
  earlyLosses: number[];
  heldOutLoss: number;
  untrainedLoss: number;
  /** Specialisation score (adjusted mutual information of word class and first-choice expert). */
  specialisation: number;
  /** When it was trained, as the caller words it (core has no clock). */
  trainedAt?: string;
}

/** The manifest (JSON): the meta, the tensors' places, and the binary's length and checksum. */
export interface CheckpointManifest extends CheckpointMeta {
  format: typeof CHECKPOINT_FORMAT;
  version: typeof CHECKPOINT_VERSION;
  tensors: CheckpointTensorEntry[];
  binBytes: number;
  /** CRC-32 of the binary, 8 lower-case hex digits. */
  checksum: string;
}

/**
 * The config fields that must be the same for stored weights to be valid: the ones that fix the
 * tensors' shapes, and the seed, since the deltas are from the seeded initial weights (and the
 * vocabulary, checked by its hash, since each embedding row is seeded by its word).
 */
export const CHECKPOINT_MATCH_FIELDS = [
  'modelWidth',
  'routedExperts',
  'sharedExperts',
  'expertHidden',
  'granularity',
  'layers',
  'seed',
] as const;
export type CheckpointMatchField = (typeof CHECKPOINT_MATCH_FIELDS)[number];

/**
 * Fields that only change how tokens are routed, not what the weights are: trained weights load under
 * any of them (the routers page runs one checkpoint under four routers), though the routing then
 * differs from the one that was trained. routingDifferences() lists them for a page that says so.
 */
export const CHECKPOINT_ROUTING_FIELDS = [
  'topK',
  'router',
  'routerNoise',
  'nGroup',
  'topkGroup',
  'routeScale',
  'gateNorm',
  'capacityFactor',
] as const satisfies readonly Exclude<keyof MoeConfig, CheckpointMatchField>[];

/**
 * The problems of reading a checkpoint, by code, with their arguments (see ./coded). `got` is a value
 * as a message quotes it: a number, a string in double quotes, or one of the words missing, null,
 * a list, object, boolean.
 */
export interface CheckpointMessages {
  /** The manifest text is not JSON. */
  'checkpoint.notJson': Record<string, never>;
  /** A manifest field is missing or not of its kind (field: a path such as "tensors[2].offset"). */
  'checkpoint.badManifest': { field: string; got: string };
  /** The binary does not start with the magic: not a checkpoint (an HTML page, another file). */
  'checkpoint.badMagic': Record<string, never>;
  /** The binary is shorter than the manifest says. */
  'checkpoint.truncated': { expected: number; got: number };
  /** The binary is longer than the manifest says. */
  'checkpoint.tooLong': { expected: number; got: number };
  /** The binary's CRC-32 is not the manifest's: damaged. */
  'checkpoint.checksum': { expected: string; got: string };
  /** A field that the weights depend on differs from the page's config. */
  'checkpoint.configMismatch': { field: CheckpointMatchField; expected: number; found: number };
  /** Trained on another vocabulary. */
  'checkpoint.vocabMismatch': { expected: string; found: string };
  /** A tensor's shape is not the model's (shapes as "8×32"). */
  'checkpoint.shapeMismatch': { tensor: string; expected: string; found: string };
  /** The model needs a tensor the file does not have. */
  'checkpoint.missingTensor': { tensor: string };
  /** A row scale is NaN or infinite. */
  'checkpoint.notFinite': { tensor: string; row: number };
  /** Another version of the format. */
  'checkpoint.version': { got: string; supported: number };
}
export type CheckpointCode = keyof CheckpointMessages;
export type CheckpointProblem = CodeOf<CheckpointMessages>;

export function problem<C extends CheckpointCode>(code: C, args: CheckpointMessages[C]): CheckpointProblem {
  return { code, args } as CheckpointProblem;
}

export type CheckpointResult =
  { ok: true; tensors: Map<string, Float32Array>; manifest: CheckpointManifest } | { ok: false; problem: CheckpointProblem };

/** What the page expects of a checkpoint: its model's config, vocabulary hash and tensors. */
export interface CheckpointExpected {
  config: MoeConfig;
  vocabHash: string;
  tensors: readonly { name: string; shape: readonly number[] }[];
}

export type BaseOf = (name: string) => Float32Array | null;

/** Rows and row length of a shape: the last dimension is a row; 0-D and 1-D tensors are one row. */
export function rowsOf(shape: readonly number[]): { rows: number; cols: number } {
  if (shape.length === 0) return { rows: 1, cols: 1 };
  const cols = shape[shape.length - 1] as number;
  let rows = 1;
  for (let i = 0; i < shape.length - 1; i++) rows *= shape[i] as number;
  return { rows, cols };
}

/** A shape as messages show it: "8×32", "()" for 0-D (as numpy writes it). */
export function shapeText(shape: readonly number[]): string {
  return shape.length === 0 ? '()' : shape.join('×');
}

/** A value as a message quotes it (see CheckpointMessages). */
function describe(v: unknown): string {
  if (v === undefined) return 'missing';
  if (typeof v === 'string') return JSON.stringify(clip(v, 20));
  if (typeof v === 'number') return String(v);
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
  return typeof v;
}

/** Thrown inside reading only, caught by decodeCheckpoint: the problem found. */
export class Refused {
  constructor(readonly problem: CheckpointProblem) {}
}

export function refuse<C extends CheckpointCode>(code: C, args: CheckpointMessages[C]): never {
  throw new Refused(problem(code, args));
}

function bad(field: string, got: unknown): never {
  return refuse('checkpoint.badManifest', { field, got: describe(got) });
}

/** An own property (never one inherited from Object.prototype, such as "constructor"). */
function own(o: Record<string, unknown>, key: string): unknown {
  return Object.hasOwn(o, key) ? o[key] : undefined;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function finite(o: Record<string, unknown>, key: string): number {
  const v = own(o, key);
  if (typeof v !== 'number' || !Number.isFinite(v)) bad(key, v);
  return v;
}

function whole(o: Record<string, unknown>, key: string, min: number, field = key): number {
  const v = own(o, key);
  if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < min) bad(field, v);
  return v;
}

function text(o: Record<string, unknown>, key: string): string {
  const v = own(o, key);
  if (typeof v !== 'string') bad(key, v);
  return v;
}

const CONFIG_KEYS = Object.keys(DEFAULT_CONFIG) as (keyof MoeConfig)[];

function readConfig(raw: unknown): MoeConfig {
  if (!isRecord(raw)) bad('config', raw);
  for (const key of CONFIG_KEYS) if (own(raw, key) === undefined) bad(`config.${key}`, undefined);
  const r = validateConfig(raw);
  if (!r.ok) {
    const p = r.problems[0];
    const field = p && p.field !== 'config' ? p.field : null;
    bad(field ? `config.${field}` : 'config', field ? own(raw, field) : raw);
  }
  return r.config;
}

/** The manifest's fields, checked one by one; the binary's length bounds every tensor's block. */
export function readManifest(raw: unknown): CheckpointManifest {
  if (!isRecord(raw)) bad('manifest', raw);
  const format = own(raw, 'format');
  if (format !== CHECKPOINT_FORMAT) bad('format', format);
  const version = own(raw, 'version');
  if (typeof version !== 'number') bad('version', version);
  if (version !== CHECKPOINT_VERSION) refuse('checkpoint.version', { got: describe(version), supported: CHECKPOINT_VERSION });
  const config = readConfig(own(raw, 'config'));
  const vocab = text(raw, 'vocabHash');
  const seed = whole(raw, 'seed', 0);
  const steps = whole(raw, 'steps', 0);
  const batch = whole(raw, 'batch', 1);
  const finalLoss = finite(raw, 'finalLoss');
  const early = own(raw, 'earlyLosses');
  if (!Array.isArray(early)) bad('earlyLosses', early);
  const earlyLosses = early.map((x: unknown, i) => {
    if (typeof x !== 'number' || !Number.isFinite(x)) bad(`earlyLosses[${i}]`, x);
    return x;
  });
  const heldOutLoss = finite(raw, 'heldOutLoss');
  const untrainedLoss = finite(raw, 'untrainedLoss');
  const specialisation = finite(raw, 'specialisation');
  const trainedAt = own(raw, 'trainedAt');
  if (trainedAt !== undefined && typeof trainedAt !== 'string') bad('trainedAt', trainedAt);
  const binBytes = whole(raw, 'binBytes', CHECKPOINT_MAGIC.length);
  const checksum = text(raw, 'checksum');
  if (!/^[0-9a-f]{8}$/.test(checksum)) bad('checksum', checksum);
  const list = own(raw, 'tensors');
  if (!Array.isArray(list)) bad('tensors', list);
  const tensors: CheckpointTensorEntry[] = [];
  const names = new Set<string>();
  let end = CHECKPOINT_MAGIC.length;
  list.forEach((t: unknown, i) => {
    const at = `tensors[${i}]`;
    if (!isRecord(t)) bad(at, t);
    const name = own(t, 'name');
    if (typeof name !== 'string' || names.has(name)) bad(`${at}.name`, name);
    names.add(name);
    const shape = own(t, 'shape');
    if (!Array.isArray(shape) || shape.length > 8) bad(`${at}.shape`, shape);
    let count = 1;
    for (const d of shape as unknown[]) {
      if (typeof d !== 'number' || !Number.isSafeInteger(d) || d < 0) bad(`${at}.shape`, shape);
      count *= d;
      if (count > binBytes) bad(`${at}.shape`, shape);
    }
    const { rows, cols } = rowsOf(shape as number[]);
    const offset = whole(t, 'offset', end, `${at}.offset`);
    if (offset % 4 !== 0) bad(`${at}.offset`, offset);
    const bits = own(t, 'bits');
    if (bits !== 8 && bits !== 16) bad(`${at}.bits`, bits);
    const length = whole(t, 'length', 0, `${at}.length`);
    if (length !== rows * 4 + (rows * cols * (bits as number)) / 8 || offset + length > binBytes) bad(`${at}.length`, length);
    if (bits === 16 && offset % 2 !== 0) bad(`${at}.offset`, offset);
    end = offset + length;
    tensors.push({ name, shape: [...(shape as number[])], offset, bits: bits as 8 | 16, length });
  });
  const manifest: CheckpointManifest = {
    format: CHECKPOINT_FORMAT,
    version: CHECKPOINT_VERSION,
    config,
    vocabHash: vocab,
    seed,
    steps,
    batch,
    finalLoss,
    earlyLosses,
    heldOutLoss,
    untrainedLoss,
    specialisation,
    tensors,
    binBytes,
    checksum,
  };
  if (trainedAt !== undefined) manifest.trainedAt = trainedAt;
  return manifest;
}
