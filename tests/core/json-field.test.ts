/** locateField (src/core/json-field.ts): a field's value, or the end of the object that lacks it, at top level or in text_config. */
import { describe, expect, it } from 'vitest';
import { locateField } from '../../src/core/json-field';

const TEXT = '{\n  "hidden_size": 8,\n  "text_config": {\n    "hidden_size": 16,\n    "x": [1, {"hidden_size": 3}]\n  },\n  "a": "}"\n}';

describe('locateField', () => {
  it('points at a top-level value, or at the closing brace when the field is missing', () => {
    expect(locateField(TEXT, 'hidden_size')).toMatchObject({ line: 2, column: 18 });
    const missing = locateField(TEXT, 'num_experts')!;
    expect([missing.line, missing.column, TEXT[missing.offset]]).toEqual([8, 1, '}']);
  });

  it('looks inside text_config when told: its own keys only, or its closing brace', () => {
    expect(locateField(TEXT, 'hidden_size', 'text_config')).toMatchObject({ line: 4, column: 20 });
    const missing = locateField(TEXT, 'vocab_size', 'text_config')!;
    expect([missing.line, missing.column, TEXT[missing.offset]]).toEqual([6, 3, '}']);
    expect(locateField(TEXT, 'hidden_size', 'a')).toBeNull();
    expect(locateField(TEXT, 'hidden_size', 'nope')).toBeNull();
  });

  it('takes the last of a key written twice, escaped keys as JSON reads them, and refuses what is not an object', () => {
    const twice = '{"k": 1, "k": 2}';
    expect(locateField(twice, 'k')!.offset).toBe(twice.lastIndexOf('2'));
    expect(locateField('{"a\\u0062": 5}', 'ab')).toMatchObject({ column: 13 });
    expect(locateField('[1]', 'a')).toBeNull();
    expect(locateField('  ', 'a')).toBeNull();
  });
});
