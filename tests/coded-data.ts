/**
 * A coded message (src/core/coded.ts) as plain data, { code, args }, with coded arguments (a link
 * notice's reason) turned the same way, so that a test compares what a message says, by code and
 * numbers, not its English words. (`code` and `args` are not enumerable on problems, so toEqual on
 * the messages themselves would not see them.) The catalogue's English for every code is checked
 * against core's and state's words in tests/problems-i18n.test.ts.
 */
export interface CodedData {
  code: string;
  args: Record<string, unknown>;
}

function isCoded(v: unknown): v is { code: string; args: Record<string, unknown> } {
  return (
    typeof v === 'object' &&
    v !== null &&
    typeof (v as { code?: unknown }).code === 'string' &&
    typeof (v as { args?: unknown }).args === 'object'
  );
}

export function codedData(m: unknown): CodedData {
  if (!isCoded(m)) throw new Error(`not a coded message: ${JSON.stringify(m)}`);
  const args = Object.fromEntries(Object.entries(m.args).map(([k, v]) => [k, isCoded(v) ? codedData(v) : v]));
  return { code: m.code, args };
}

/** A link's `link.ignored` notice as data: the key, its value, the reason's code and arguments, the value used instead. */
export function ignoredNotice(key: string, value: string, reason: string, reasonArgs: object, using: string): CodedData {
  return { code: 'link.ignored', args: { key, value, reason: { code: reason, args: reasonArgs }, using } };
}
