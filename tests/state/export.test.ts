import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG, type MoeConfig } from '../../src/core/config';
import { MoeModel } from '../../src/core/model';
import { tokenize } from '../../src/core/tokenizer';
import type { Trace } from '../../src/core/trace';
import { csvField, CSV_HEADER, escapeXml, exportFileName, traceToCsv, traceToJson, viewToSvg } from '../../src/state/export';
import { defaultView } from '../../src/state/view';
import { expertColour, textOn } from '../../src/ui/palette';

const palette = { expert: expertColour, textOn };

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

/**
 * A small well-formedness check without a DOM: tags nest and close in order, attribute values are
 * quoted, and every "&" starts one of XML's five entities. Returns the problem, or null.
 */
function xmlProblem(xml: string): string | null {
  const stack: string[] = [];
  let i = xml.startsWith('<?xml') ? xml.indexOf('?>') + 2 : 0;
  while (i < xml.length) {
    const lt = xml.indexOf('<', i);
    const textPart = xml.slice(i, lt === -1 ? xml.length : lt);
    for (let a = textPart.indexOf('&'); a !== -1; a = textPart.indexOf('&', a + 1)) {
      if (!/^&(amp|lt|gt|quot|apos);/.test(textPart.slice(a))) return `bare & in text near ${textPart.slice(a, a + 12)}`;
    }
    if (textPart.includes('>')) return `stray > in text: ${textPart.slice(0, 40)}`;
    if (lt === -1) break;
    const gt = xml.indexOf('>', lt);
    if (gt === -1) return 'unclosed tag';
    const tag = xml.slice(lt + 1, gt);
    if (tag.includes('<')) return `< inside a tag: ${tag.slice(0, 40)}`;
    if (tag.startsWith('/')) {
      const name = tag.slice(1).trim();
      if (stack.pop() !== name) return `</${name}> closes the wrong element`;
    } else {
      const selfClosing = tag.endsWith('/');
      const body = selfClosing ? tag.slice(0, -1) : tag;
      const name = body.split(/\s/)[0] ?? '';
      if (!/^[A-Za-z][\w:-]*$/.test(name)) return `bad tag name "${name}"`;
      const rest = body.slice(name.length).trim();
      const attr = /^([\w:-]+)="([^"<]*)"\s*/;
      let r = rest;
      while (r.length) {
        const m = attr.exec(r);
        if (!m) return `bad attribute in <${name}>: ${r.slice(0, 30)}`;
        if (/&(?!(amp|lt|gt|quot|apos);)/.test(m[2] as string)) return `bare & in attribute of <${name}>`;
        r = r.slice(m[0].length);
      }
      if (!selfClosing) stack.push(name);
    }
    i = gt + 1;
  }
  return stack.length ? `unclosed <${stack.join('>, <')}>` : null;
}

describe('xmlProblem (the test helper)', () => {
  it('accepts good XML and catches bad', () => {
    expect(xmlProblem('<a x="1"><b/>t &amp; u</a>')).toBeNull();
    expect(xmlProblem('<a><b></a>')).not.toBeNull();
    expect(xmlProblem('<a>t & u</a>')).not.toBeNull();
    expect(xmlProblem('<a x="<">t</a>')).not.toBeNull();
    expect(xmlProblem('<a>x<y</a>')).not.toBeNull();
  });
});

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
    expect(rows[1]).toEqual(['0', 'the', trace.tokens[0]!.category, 'false', '0', '1', String(r0.experts[0]), String(r0.weights[0]), String(r0.dropped[0])]);
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

describe('viewToSvg', () => {
  it('is well-formed, self-contained and shows the config, the tokens, the meter and one block per expert', async () => {
    const trace = await traceOf('the quick brown fox jumps over the lazy dog .', { capacityFactor: 1 });
    const svg = viewToSvg(trace, 3, 0, { palette });
    expect(xmlProblem(svg)).toBeNull();
    expect(svg.startsWith('<?xml')).toBe(true);
    expect(svg).toContain('xmlns="http://www.w3.org/2000/svg"');
    expect(svg).toMatch(/<svg[^>]* width="1200"/);
    expect(svg).not.toMatch(/href|url\((?!#hatch\))|@import|<image|<script|<style|<foreignObject/);
    expect(svg).toContain('softmax-topk router, 8 routed experts, top-2');
    const cost = trace.perToken[3]!;
    const total = new Intl.NumberFormat('en').format(trace.params.total);
    const active = new Intl.NumberFormat('en').format(cost.activeParams);
    expect(svg).toContain(`“fox”: active ${active} of ${total} parameters (${((cost.activeParams / trace.params.total) * 100).toFixed(1)}%)`);
    expect(svg.match(/<rect[^>]* class="expert[ "]/g)?.length).toBe(8);
    expect(svg.match(/<rect[^>]* class="expert lit/g)?.length).toBe(trace.layers[0]!.tokens[3]!.experts.length);
    expect(svg.match(/<g class="token/g)?.length).toBe(10);
    expect(svg.match(/<g class="token current/g)?.length).toBe(1);
    expect(svg.match(/<rect[^>]* class="load"/g)?.length).toBe(8);
    expect(svg).toContain(`capacity ${trace.layers[0]!.capacity}`);
    // The chosen experts' weights are printed.
    const r = trace.layers[0]!.tokens[3]!;
    for (const w of r.weights) expect(svg).toContain(w.toFixed(2));
    // Colours come from the palette given.
    expect(svg).toContain(expertColour(r.experts[0]!));
  });

  it('escapes what users type', async () => {
    const trace = await traceOf('a dog');
    const evil = '<script>alert("x")</script> & \'q\' \u0001';
    const hand: Trace = { ...trace, tokens: trace.tokens.map((t, i) => (i === 0 ? { ...t, text: evil, unknown: true } : t)) };
    const svg = viewToSvg(hand, 0, 0, { palette });
    expect(xmlProblem(svg)).toBeNull();
    expect(svg).not.toContain('<script>');
    expect(svg).not.toContain('\u0001');
    expect(svg).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &apos;q&apos;');
    expect(escapeXml('a<b>&"\'')).toBe('a&lt;b&gt;&amp;&quot;&apos;');
    expect(escapeXml('x\uD800y 😀')).toBe('xy 😀');
  });

  it('draws shared experts, dropped tokens, many experts and an empty sentence without breaking', async () => {
    const shared = await traceOf('the cat sleeps on the mat .', { sharedExperts: 2, capacityFactor: 0.5 });
    const s1 = viewToSvg(shared, 1, 0, { palette });
    expect(xmlProblem(s1)).toBeNull();
    expect(s1.match(/class="shared"/g)?.length).toBe(2);
    if (shared.layers[0]!.skippedTokens > 0) expect(s1).toContain('dropped');

    const many = await traceOf('the quick brown fox', { routedExperts: 64, topK: 4, granularity: 2, expertHidden: 64 });
    const s2 = viewToSvg(many, 0, 0, { palette });
    expect(xmlProblem(s2)).toBeNull();
    expect(s2.match(/<rect[^>]* class="expert[ "]/g)?.length).toBe(128);

    const empty = await traceOf('');
    const s3 = viewToSvg(empty, 0, 0, { palette });
    expect(xmlProblem(s3)).toBeNull();
    expect(s3).toContain('No tokens to route.');

    const ec = await traceOf('the cat sleeps', { router: 'expert-choice' });
    expect(xmlProblem(viewToSvg(ec, 9, 3, { palette }))).toBeNull();
  });
});

describe('exportFileName', () => {
  it('names the router, experts × top-k and seed', async () => {
    const trace = await traceOf('a dog', { router: 'sigmoid-bias', routedExperts: 16, topK: 4, seed: 7 });
    expect(exportFileName(trace, 'png')).toBe('moe-lab-sigmoid-bias-16x4-seed7.png');
  });
});
