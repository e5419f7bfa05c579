import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG, type MoeConfig } from '../../src/core/config';
import { MoeModel } from '../../src/core/model';
import { tokenize } from '../../src/core/tokenizer';
import type { Trace } from '../../src/core/trace';
import { csvField, CSV_HEADER, exportFileName, traceToCsv, traceToJson } from '../../src/state/export';
import { defaultView } from '../../src/state/view';

async function traceOf(text: string, change: Partial<MoeConfig> = {}): Promise<Trace> {
  const model = new MoeModel({ ...DEFAULT_CONFIG, ...change });
  try {
    const { tokens, truncated } = tokenize(text);
    return (await model.run(tokens, { truncated })).trace;
  } finally {
    model.dispose();
  }
}

/** Splits RFC 4180 CSV into rows of fields (quoted fields may hold commas, quotes and line breaks). */
function parseCsv(csv: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < csv.length; i++) {
    const c = csv[i] as string;
    if (quoted) {
      if (c === '"' && csv[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\r' && csv[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i++;
    } else field += c;
  }
  if (field || row.length) rows.push([...row, field]);
  return rows;
}

describe('traceToJson', () => {
  it('round-trips through JSON.parse with the view and the whole trace, keys in a stable order', async () => {
    const trace = await traceOf('the quick brown fox jumps over the lazy dog .');
    const view = { ...defaultView(), position: 3 };
    const text = traceToJson(trace, view);
    const doc = JSON.parse(text);
    expect(doc.format).toBe('moe-lab-trace');
    expect(doc.version).toBe(1);
    expect(doc.view.position).toBe(3);
    expect(doc.view.config).toEqual(DEFAULT_CONFIG);
    expect(doc.trace.config).toEqual(trace.config);
    expect(doc.trace.tokens).toEqual(trace.tokens);
    expect(doc.trace.layers[0].tokens[2].scores).toEqual(trace.layers[0]!.tokens[2]!.scores);
    expect(doc.trace.layers[0].tokens[2].weights).toEqual(trace.layers[0]!.tokens[2]!.weights);
    expect(doc.trace.perToken).toEqual(trace.perToken);
    expect(doc).toEqual(JSON.parse(JSON.stringify({ format: 'moe-lab-trace', version: 1, view, trace })));
    expect(Object.keys(doc)).toEqual(['format', 'version', 'view', 'trace']);
    expect(Object.keys(doc.trace)).toEqual([...Object.keys(doc.trace)].sort());
    expect(Object.keys(doc.trace.layers[0].tokens[0])).toEqual([...Object.keys(doc.trace.layers[0].tokens[0])].sort());
    // The same data in another key order writes the same text; it is pretty-printed.
    const shuffled = Object.fromEntries(Object.entries(view).reverse());
    expect(traceToJson(trace, shuffled)).toBe(text);
    expect(text).toContain('\n  "trace": {');
  });

  it('writes null when there is no view', async () => {
    const trace = await traceOf('a dog');
    expect(JSON.parse(traceToJson(trace, undefined)).view).toBeNull();
  });
});

describe('traceToCsv', () => {
  it('has a header and one row per token × chosen expert, with the trace numbers', async () => {
    const trace = await traceOf('the quick brown fox jumps over the lazy dog .', { topK: 2, capacityFactor: 1 });
    const rows = parseCsv(traceToCsv(trace, 0));
    const chosen = trace.layers[0]!.tokens.reduce((a, r) => a + r.experts.length, 0);
    expect(rows.length).toBe(chosen + 1);
    expect(rows[0]).toEqual([...CSV_HEADER]);
    const r0 = trace.layers[0]!.tokens[0]!;
    expect(rows[1]).toEqual([
      '0',
      'the',
      trace.tokens[0]!.category,
      'false',
      '0',
      '1',
      String(r0.experts[0]),
      String(r0.weights[0]),
      String(r0.dropped[0]),
    ]);
    expect(rows[2]![5]).toBe('2');
    // Dropped choices appear as such (capacity factor 1 drops some in this sentence).
    const dropped = trace.layers[0]!.droppedChoices;
    expect(rows.slice(1).filter((r) => r[8] === 'true').length).toBe(dropped);
  });

  it('quotes words with commas, quotes and line breaks (RFC 4180) and reads back the same', async () => {
    const trace = await traceOf('a dog');
    const odd = 'he said, "hi"\nbye';
    const hand: Trace = { ...trace, tokens: trace.tokens.map((t, i) => (i === 1 ? { ...t, text: odd } : t)) };
    const csv = traceToCsv(hand, 0);
    expect(csv).toContain('"he said, ""hi""\nbye"');
    expect(csv.endsWith('\r\n')).toBe(true);
    const rows = parseCsv(csv);
    expect(rows.length).toBe(1 + 2 * 2);
    expect(rows[3]![1]).toBe(odd);
    expect(rows.every((r) => r.length === CSV_HEADER.length)).toBe(true);
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('"')).toBe('""""');
  });

  it('writes the layer asked for, and just the header for a layer that does not exist', async () => {
    const trace = await traceOf('the cat sleeps', { layers: 2 });
    const rows = parseCsv(traceToCsv(trace, 1));
    expect(rows.slice(1).every((r) => r[4] === '1')).toBe(true);
    expect(rows.length).toBe(1 + 3 * 2);
    expect(traceToCsv(trace, 5)).toBe(`${CSV_HEADER.join(',')}\r\n`);
  });
});

describe('exportFileName', () => {
  it('names the router, experts × top-k and seed', async () => {
    const trace = await traceOf('a dog', { router: 'sigmoid-bias', routedExperts: 16, topK: 4, seed: 7 });
    expect(exportFileName(trace, 'png')).toBe('moe-lab-sigmoid-bias-16x4-seed7.png');
  });
});
