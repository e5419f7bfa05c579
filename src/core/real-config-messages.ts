/**
 * What reading a pasted config can say (real-config.ts): the errors of a field at fault, and the
 * notes of what a config left out and what the count leaves out, each with an English message, a
 * code and arguments (see ./coded), from which the page words them in its language.
 */
import { withCode, type Coded } from './coded';
import type { LimitWhat } from './real-limits';

/** Largest width, count or vocabulary accepted for one field: keeps every count an exact integer. */
export const MAX_FIELD = 100_000_000;
/**
 * Most layers accepted. Published models have at most a few hundred; the count walks the layers one
 * by one, and a pasted num_hidden_layers of 100,000,000 would freeze the page for seconds.
 */
export const MAX_LAYERS = 10_000;

/** An error in a config, naming the field at fault ("config" for the whole object). */
export class ConfigFieldError extends Error {
  readonly field: string;
  constructor(field: string, message: string) {
    super(message);
    this.name = 'ConfigFieldError';
    this.field = field;
  }
}

/** Why a missing field is needed, in the words of the "is missing" message. */
export const MISSING_WHY = {
  firstDense: () => 'how many of the first layers are dense',
  denseWidth: () => 'the width of the dense layers',
  expertWidth: () => 'the width of each expert',
  sharedWidth: () => 'the width of the shared expert; 0 for none',
  groupsRoute: (method: string) => `topk_method "${method}" routes within groups`,
  groupsBest: (method: string) => `topk_method "${method}" keeps only the best groups`,
} as const;
export type MissingWhy = keyof typeof MISSING_WHY;

/** What null means for a field that may be null, in the words of its "is missing" message. */
export const NULL_MEANS = { noShared: 'no shared experts', noQueryCompression: 'no query compression' } as const;
export type NullMeaning = keyof typeof NULL_MEANS;

/**
 * The errors of a pasted config, by code, with their arguments (see ./coded). `got` is a value as
 * the message quotes it: a number, true or false, a string in double quotes, or one of the words
 * missing, null, a list, an object.
 */
export interface RealConfigMessages {
  'hf.notObject': { got: string };
  'hf.modelTypeMissing': { supported: string };
  'hf.modelTypeUnsupported': { got: string; supported: string };
  'hf.missing': { field: string };
  'hf.missingWhy': { field: string; why: MissingWhy; method: string };
  'hf.missingOrNull': { field: string; nullMeans: NullMeaning };
  'hf.notBoolean': { field: string; got: string };
  'hf.notNumber': { field: string; got: string };
  'hf.atLeast': { field: string; min: number; value: number };
  'hf.notOneOf': { field: string; options: string; got: string };
  'hf.notList': { field: string; got: string };
  'hf.badLayer': { field: string; max: number; got: string };
  'hf.notWhole': { field: string; got: string };
  'hf.tooLarge': { field: string; value: number; max: number };
  'hf.limit': { field: string; value: number; max: number; what: LimitWhat };
  'hf.topKExceeds': { topK: number; experts: number; expertsField: string };
  'hf.firstDenseExceeds': { firstDense: number; layers: number };
  'hf.groupsUneven': { experts: number; groups: number };
  'hf.topkGroupExceeds': { topkGroup: number; groups: number };
  'hf.topKExceedsGroups': { topK: number; held: number; topkGroup: number };
  'hf.kvHeads': { heads: number; kvHeads: number };
  'hf.headDimMissing': { hidden: number; heads: number };
  'hf.headsNotDividing': { hidden: number; heads: number };
  'hf.tooManyWeights': { total: string };
}
export type RealConfigCode = keyof RealConfigMessages;

/**
 * Why a field that the config left out took the value it did, in the words of its note
 * ("field = value (why)"): the code `default.<why>` of RealNoteMessages.
 */
export const DEFAULT_WHY = {
  modelCode: "the model code's default",
  untied: 'untied, the default of this model type',
  moeAfterDense: 'every layer after the dense ones is MoE',
  kvPerQuery: 'one key/value head per query head',
  everyLayerMoe: 'every layer is MoE',
  qkvBias: 'Qwen2-MoE has q, k and v biases',
} as const;
export type DefaultWhy = keyof typeof DEFAULT_WHY;

/**
 * The notes of a config that was read, by code, with their arguments (see ./coded):
 *   default.<why>    a field the config left out, and the value it took: "field = value (why)", with
 *                    `value` as JSON writes it (false, 1, 2.5, "noaux_tc", []);
 *   default.derived  a field computed from others: "head_dim = 128 (hidden_size / num_attention_heads)";
 *   leftOut.*        what the count leaves out, as the published headline totals do.
 */
export type RealNoteMessages = { [W in DefaultWhy as `default.${W}`]: { field: string; value: string } } & {
  'default.derived': { field: string; value: string; from: string };
  'leftOut.mtp': { layers: number };
  'leftOut.vision': Record<string, never>;
};
export type RealNoteCode = keyof RealNoteMessages;
/** One note: its English text in `message`, its code and arguments (not enumerable). */
export type RealNote = Coded<RealNoteMessages>;

export function note<C extends RealNoteCode>(code: C, args: RealNoteMessages[C], message: string): RealNote {
  return withCode({ message }, code, args) as unknown as RealNote;
}

/** A ConfigFieldError with its code and arguments attached (not enumerable). */
export type CodedFieldError = ConfigFieldError & Coded<RealConfigMessages>;

/** The error to throw for a field: its English message, code and arguments. */
export function fieldError<C extends RealConfigCode>(
  field: string,
  code: C,
  args: RealConfigMessages[C],
  message: string,
): CodedFieldError {
  return withCode(new ConfigFieldError(field, message), code, args) as CodedFieldError;
}
