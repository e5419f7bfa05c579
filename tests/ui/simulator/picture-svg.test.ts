import { setBackend } from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG, type MoeConfig } from '../../../src/core/config';
import { MoeModel } from '../../../src/core/model';
import { tokenize } from '../../../src/core/tokenizer';
import type { Trace } from '../../../src/core/trace';
import { CATALOGUE } from '../../../src/ui/i18n/all';
import { expertColour, textOn } from '../../../src/ui/shared/palette';
import { expertFill, expertPatternMarkup } from '../../../src/ui/shared/expert-patterns';
import { escapeXml, viewToSvg, type PictureWords } from '../../../src/ui/simulator/picture-svg';

const palette = { expert: expertColour, textOn };
/** The pictures' English words, as the page passes them. */
const words = CATALOGUE.en.picture;

// The model that makes the traces runs on tfjs's cpu backend here too, as in the Node tests.
beforeAll(async () => {
  await setBackend('cpu');
});

async function traceOf(text: string, change: Partial<MoeConfig> = {}): Promise<Trace> {
  const model = new MoeModel({ ...DEFAULT_CONFIG, ...change });
  try {
    const { tokens, truncated } = tokenize(text);
    return (await model.run(tokens, { truncated })).trace;
  } finally {
    model.dispose();
  }
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

describe('viewToSvg', () => {
  it('is well-formed, self-contained and shows the config, the tokens, the meter and one block per expert', async () => {
    const trace = await traceOf('the quick brown fox jumps over the lazy dog .', { capacityFactor: 1 });
    const svg = viewToSvg(trace, 3, 0, words, { palette });
    expect(xmlProblem(svg)).toBeNull();
    expect(svg.startsWith('<?xml')).toBe(true);
    expect(svg).toContain('xmlns="http://www.w3.org/2000/svg"');
    expect(svg).toMatch(/<svg[^>]* width="1200"/);
    expect(svg).not.toMatch(/href|url\((?!#hatch\))|@import|<image|<script|<style|<foreignObject/);
    expect(svg).toContain('softmax-topk router, 8 routed experts, top-2');
    const cost = trace.perToken[3]!;
    const total = new Intl.NumberFormat('en').format(trace.params.total);
    const active = new Intl.NumberFormat('en').format(cost.activeParams);
    expect(svg).toContain(
      `“fox”: active ${active} of ${total} parameters (${((cost.activeParams / trace.params.total) * 100).toFixed(1)}%)`,
    );
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

  it('with the page’s palette, experts from 8 on are filled with their patterns, defined in the picture', async () => {
    const patterned = {
      ...palette,
      fill: (e: number) => expertFill(e, 'pic'),
      defs: (es: readonly number[]) => expertPatternMarkup('pic', es),
    };
    const trace = await traceOf('the quick brown fox jumps over the lazy dog', { routedExperts: 16 });
    const svg = viewToSvg(trace, 3, 0, words, { palette: patterned });
    expect(xmlProblem(svg)).toBeNull();
    // 16 experts: the load bars are labelled, so all eight patterned experts are defined, each once.
    for (let e = 8; e < 16; e++) expect(svg.match(new RegExp(`<pattern id="pic-e${e}"`, 'g'))).toHaveLength(1);
    expect(svg).not.toContain('id="pic-e7"');
    expect(svg).toContain('fill="url(#pic-e9)"');
    for (const e of trace.layers[0]!.tokens[3]!.experts) expect(svg).toContain(`fill="${expertFill(e, 'pic')}"`);
  });

  it('escapes what users type', async () => {
    const trace = await traceOf('a dog');
    const evil = '<script>alert("x")</script> & \'q\' \u0001';
    const hand: Trace = { ...trace, tokens: trace.tokens.map((t, i) => (i === 0 ? { ...t, text: evil, unknown: true } : t)) };
    const svg = viewToSvg(hand, 0, 0, words, { palette });
    expect(xmlProblem(svg)).toBeNull();
    expect(svg).not.toContain('<script>');
    expect(svg).not.toContain('\u0001');
    expect(svg).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &apos;q&apos;');
    expect(escapeXml('a<b>&"\'')).toBe('a&lt;b&gt;&amp;&quot;&apos;');
    expect(escapeXml('x\uD800y 😀')).toBe('xy 😀');
  });

  it('draws shared experts, dropped tokens, many experts and an empty sentence without breaking', async () => {
    const shared = await traceOf('the cat sleeps on the mat .', { sharedExperts: 2, capacityFactor: 0.5 });
    const s1 = viewToSvg(shared, 1, 0, words, { palette });
    expect(xmlProblem(s1)).toBeNull();
    expect(s1.match(/class="shared"/g)?.length).toBe(2);
    if (shared.layers[0]!.skippedTokens > 0) expect(s1).toContain('dropped');

    const many = await traceOf('the quick brown fox', { routedExperts: 64, topK: 4, granularity: 2, expertHidden: 64 });
    const s2 = viewToSvg(many, 0, 0, words, { palette });
    expect(xmlProblem(s2)).toBeNull();
    expect(s2.match(/<rect[^>]* class="expert[ "]/g)?.length).toBe(128);

    const empty = await traceOf('');
    const s3 = viewToSvg(empty, 0, 0, words, { palette });
    expect(xmlProblem(s3)).toBeNull();
    expect(s3).toContain('No tokens to route.');

    const ec = await traceOf('the cat sleeps', { router: 'expert-choice' });
    expect(xmlProblem(viewToSvg(ec, 9, 3, words, { palette }))).toBeNull();
  });
});

/** The text a reader sees in the drawing (<text>, <title>, <desc>), entities decoded. */
function drawnText(svg: string): string[] {
  const decode = (t: string): string =>
    t
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&quot;/g, '"')
      .replace(/&apos;/g, "'")
      .replace(/&amp;/g, '&');
  return [...svg.matchAll(/<(text|title|desc)\b[^>]*>([^<]*)<\/\1>/g)].map((m) => decode(m[2] as string));
}

describe('viewToSvg words', () => {
  it('draws the English words exactly as before', async () => {
    const trace = await traceOf('the quick brown fox jumps over the lazy dog .', { capacityFactor: 1, sharedExperts: 1 });
    const svg = viewToSvg(trace, 3, 0, words, { palette });
    const drawn = drawnText(svg);
    for (const s of ['Tokens and their experts', 'Experts', 'Load per expert', 'Router: scores for “fox”']) expect(drawn).toContain(s);
    expect(drawn.some((t) => t.startsWith('Token 4 of 10: “fox” (animal) · layer 1 of 1'))).toBe(true);
    expect(svg).toContain(
      'Chip colour: the expert with the largest gate weight; the numbers are all its experts (✕ = dropped, over capacity); ? = unknown word; thick outline and ▲ = current token.',
    );
    expect(svg).toContain('Bars: router probability per expert, highest ');
    expect(svg).toContain(
      `<title>moe-lab: routing of “fox”, softmax-topk router, 8 routed experts, top-2, 1 shared, capacity factor 1, 1 layer, seed ${trace.config.seed}</title>`,
    );
    expect(svg).toContain(
      `Bars: tokens that chose each expert in this sentence. Capacity ${trace.layers[0]!.capacity} tokens per expert; `,
    );
    expect(svg).toContain('; shared S0 always run. ');
    expect(svg).toContain('<desc>Sentence: the quick brown fox jumps over the lazy dog .</desc>');
    expect(svg).toMatch(/<svg[^>]* xml:lang="en"/);
  });

  it('draws a Chinese picture from the Chinese words: Chinese text, the sentence as it is, no English word left', async () => {
    const zh = CATALOGUE.zh.picture;
    const cases = [
      { text: 'the quick brown fox jumps over the lazy dog .', change: { capacityFactor: 1, sharedExperts: 2 }, position: 3 },
      {
        text: 'two red birds sing in the zorblax tree .',
        change: { router: 'sigmoid-bias' as const, routedExperts: 16, topK: 4, nGroup: 4, topkGroup: 2, capacityFactor: 0.5, layers: 2 },
        position: 5,
      },
      {
        text: 'the cat sleeps',
        change: { router: 'noisy-topk' as const, routedExperts: 64, granularity: 2, expertHidden: 64, capacityFactor: null },
        position: 1,
      },
      { text: 'the cat sleeps', change: { router: 'expert-choice' as const }, position: 2 },
      { text: '', change: {}, position: 0 },
    ];
    for (const { text, change, position } of cases) {
      const trace = await traceOf(text, change);
      const svg = viewToSvg(trace, position, 0, zh, { palette });
      expect(xmlProblem(svg)).toBeNull();
      expect(svg).toMatch(/<svg[^>]* xml:lang="zh-Hans"/);
      expect(svg).toContain('词元');
      expect(svg).not.toMatch(/undefined|NaN/);
      // What is left after the sentence's own words, expert labels and names that stay as they are: no English.
      const keep = new Set([
        ...trace.tokens.map((t) => t.text),
        'moe',
        'lab',
        ...trace.config.router.split('-'),
        'sigmoid',
        'FLOPs',
        'CSV',
        'JSON',
        'top',
      ]);
      for (const t of drawnText(svg)) {
        const left = t.replace(/[A-Za-z]+/g, (w) => (keep.has(w) || /^[ES]$/.test(w) ? '' : w));
        expect(left, t).not.toMatch(/[A-Za-z]{2,}/);
      }
    }
    const trace = await traceOf('the quick brown fox jumps over the lazy dog .', { capacityFactor: 1 });
    const drawn = drawnText(viewToSvg(trace, 3, 0, zh, { palette }));
    for (const s of ['词元及其专家', '专家', '各专家的负载', '路由器：“fox”的得分']) expect(drawn).toContain(s);
    expect(drawn.some((t) => t.startsWith('第 4 个词元（共 10 个）：“fox”（动物）'))).toBe(true);
  });

  it('breaks long Chinese lines between characters, never before closing punctuation', async () => {
    const zh = CATALOGUE.zh.picture;
    const trace = await traceOf('the quick brown fox jumps over the lazy dog .', { capacityFactor: 1, sharedExperts: 2 });
    const svg = viewToSvg(trace, 3, 0, zh, { palette, width: 640 });
    expect(xmlProblem(svg)).toBeNull();
    // The scores note has no spaces to break at and is too wide for its half of a 640-pixel drawing: it comes in two lines.
    const note = zh.scoresNote(false, Math.max(...trace.layers[0]!.tokens[3]!.scores).toFixed(3));
    const drawn = drawnText(svg);
    const first = drawn.findIndex((t) => t.startsWith('柱条：每个专家的路由器'));
    expect(first).toBeGreaterThan(-1);
    expect(drawn[first]).not.toBe(note);
    expect(`${drawn[first]}${drawn[first + 1]}`).toBe(note);
    for (const t of drawn) expect(/^[，。、；：）”]/.test(t), t).toBe(false);
  });
});

type Callable<T> = {
  [K in keyof T as T[K] extends (...args: never[]) => string ? K : never]: T[K] extends (...args: infer A) => string ? A[] : never;
};

/** Arguments to try on every function of the picture's words: each one with the values that change its wording. */
const SAMPLE_ARGS: Callable<PictureWords> = {
  list: [[['a', 'b']], [['a']]],
  heading: [['x router']],
  router: [['softmax-topk']],
  routedExperts: [[1], [8]],
  topK: [[2]],
  shared: [[1], [2]],
  granularity: [[4]],
  capacityFactor: [[1.25]],
  noise: [[0.5]],
  groups: [[4, 2]],
  layers: [[1], [3]],
  seed: [[42]],
  position: [
    [3, 10, 'cat', 'animal', false],
    [1, 1, 'zorblax', 'unknown', true],
  ],
  layer: [[1, 2]],
  title: [
    ['cat', 'cfg'],
    [null, 'cfg'],
  ],
  sentence: [['the cat']],
  scoresTitle: [['cat']],
  scoresNote: [
    [true, '0.912'],
    [false, '0.500'],
  ],
  chosenItem: [
    [3, '0.62', false],
    [1, '0.38', true],
  ],
  chosen: [[['E3 0.62']], [[]]],
  litItem: [
    [3, '0.62', false],
    [1, '0.38', true],
  ],
  lit: [
    [['E3 (0.62)'], ['S0', 'S1'], 6, 8],
    [[], [], 8, 8],
  ],
  meterHead: [['cat', '1,234', '5,678', '21.7%']],
  meterNote: [['1,000', '17.6%', '2,000', '9,000', '77.8%']],
  capacityLabel: [[3]],
  capacityNote: [
    [3, 1, 1],
    [3, 2, 5],
    [2, 0, 0],
  ],
  loadNote: [['tail.']],
  manyExperts: [[64, 0, 5]],
};

describe('PictureWords in the catalogue', () => {
  it('has every word in both languages, and no function says "undefined" or "NaN"', () => {
    for (const lang of ['en', 'zh'] as const) {
      const w = CATALOGUE[lang].picture;
      for (const [key, value] of Object.entries(w)) {
        if (typeof value === 'function') {
          const tries = (SAMPLE_ARGS as Record<string, unknown[][]>)[key];
          expect(tries, `${lang}.${key} has sample arguments`).toBeDefined();
          for (const args of tries ?? []) {
            const out: unknown = (value as (...a: unknown[]) => unknown)(...args);
            expect(typeof out, `${lang}.${key}`).toBe('string');
            expect(out as string, `${lang}.${key}`).not.toMatch(/undefined|NaN|null|\[object/);
            expect((out as string).trim().length, `${lang}.${key}`).toBeGreaterThan(0);
          }
        } else if (typeof value === 'string') {
          expect(value.trim().length, `${lang}.${key}`).toBeGreaterThan(0);
        } else {
          for (const [k, v] of Object.entries(value as Record<string, string>))
            expect(v.trim().length, `${lang}.${key}.${k}`).toBeGreaterThan(0);
        }
      }
    }
    // The Chinese words are Chinese (bar the language tag and the symbols that stay as they are).
    const zh = CATALOGUE.zh.picture;
    expect(zh.lang).toBe('zh-Hans');
    expect(zh.stripTitle).toMatch(/[\u4e00-\u9fff]/);
    expect(Object.values(zh.categories).every((c) => /[\u4e00-\u9fff]/.test(c))).toBe(true);
    expect(zh.capacityNote(3, 1, 2)).toContain('词元');
  });
});
