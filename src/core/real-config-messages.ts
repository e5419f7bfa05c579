/**
 * What reading a pasted config can say (real-config.ts): the errors of a field at fault, and the
 * notes of what a config left out and what the count leaves out, each a code and its arguments
 * (see ./coded), from which the page words them in its language.
 */
import { CodedError, type CodeOf } from './coded';
import type { LimitWhat } from './real-limits';

/** Largest width, count or vocabulary accepted for one field: keeps every count an exact integer. */
export const MAX_FIELD = 100_000_000;
/**
 * Most layers accepted. Published models have at most a few hundred; the count walks the layers one
 * by one, and a pasted num_hidden_layers of 100,000,000 would freeze the page for seconds.
 */
export const MAX_LAYERS = 10_000;

/** An error in a config: the field at fault ("config" for the whole object), its code and arguments. */
export class ConfigFieldError<C extends RealConfigCode = RealConfigCode> extends CodedError<C, RealConfigMessages[C]> {
  readonly field: string;
  /** The object the field belongs to when it is not the outermost one: "text_config" (Llama 4). */
  within: string | null = null;
  constructor(field: string, code: C, args: RealConfigMessages[C]) {
    super(code, args);
    this.name = 'ConfigFieldError';
    this.field = field;
  }
}

/** Why a missing field is needed (the catalogue words each in its "is missing" message). */
export type MissingWhy = 'firstDense' | 'denseWidth' | 'expertWidth' | 'sharedWidth' | 'groupsRoute' | 'groupsBest';

/** What null means for a field that may be null (the catalogue words each). */
export type NullMeaning = 'noShared' | 'noQueryCompression';

/**
 * The errors of a pasted config, by code, with their arguments (see ./coded). `got` is a value as
 * the message quotes it: a number, true or false, a string in double quotes, or one of the words
 * missing, null, a list, an object.
 */
export interface RealConfigMessages {
  'hf.notObject': { got: string };
  /** A field that must hold an object (Llama 4's text_config). */
  'hf.fieldNotObject': { field: string; got: string };
  /** No model_type, and neither `architectures` nor the fields tell it: `needs` and `experts` list the fields a config needs (comma lists). */
  'hf.modelTypeMissing': { supported: string; needs: string; experts: string };
  'hf.modelTypeUnsupported': { got: string; supported: string; needs: string; experts: string };
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
 * Why a field that the config left out took the value it did (its note says "field = value (why)"):
 * the code `default.<why>` of RealNoteMessages.
 */
export type DefaultWhy = 'modelCode' | 'untied' | 'moeAfterDense' | 'kvPerQuery' | 'everyLayerMoe' | 'qkvBias';

/**
 * The notes of a config that was read, by code, with their arguments (see ./coded):
 *   default.<why>    a field the config left out, and the value it took: "field = value (why)", with
 *                    `value` as JSON writes it (false, 1, 2.5, "noaux_tc", []);
 *   default.derived  a field computed from others: "head_dim = 128 (hidden_size / num_attention_heads)";
 *   leftOut.*        what the count leaves out, as the published headline totals do;
 *   read.*           how the config was read: the model type inferred when it gave none, the unknown
 *                    fields ignored.
 */
export type RealNoteMessages = { [W in DefaultWhy as `default.${W}`]: { field: string; value: string } } & {
  'default.derived': { field: string; value: string; from: string };
  'leftOut.mtp': { layers: number };
  'leftOut.vision': Record<string, never>;
  /** No model_type: read as `type` from `architectures` or from its fields; `evidence` lists them (a comma list). */
  'read.inferred': { type: string; from: 'architectures' | 'fields'; evidence: string };
  /** Fields this page does not know, ignored: the first few (a comma list) and how many more. */
  'read.ignored': { fields: string; more: number };
};
export type RealNoteCode = keyof RealNoteMessages;
/** One note: its code and arguments (the page words it). */
export type RealNote = CodeOf<RealNoteMessages>;

export function note<C extends RealNoteCode>(code: C, args: RealNoteMessages[C]): RealNote {
  return { code, args } as RealNote;
}

/** A ConfigFieldError (the name other modules know it by). */
export type CodedFieldError = ConfigFieldError;

/** The error to throw for a field: its code and arguments. */
export function fieldError<C extends RealConfigCode>(field: string, code: C, args: RealConfigMessages[C]): ConfigFieldError {
  return new ConfigFieldError(field, code, args) as unknown as ConfigFieldError;
}
