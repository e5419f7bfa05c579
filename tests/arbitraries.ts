/**
 * fast-check arbitraries shared by the property tests (tests/core/*.prop.test.ts,
 * tests/state/*.prop.test.ts) and the garbage-URL end-to-end test: valid configs and views built
 * field by field so that every one passes validation, and garbage of the kinds people paste.
 */
import fc from 'fast-check';
import { GATE_NORMS, GRANULARITIES, LIMITS, ROUTERS, type MoeConfig } from '../src/core/config';
import { HIDEABLE, PICTURE_MODES, WEIGHTS_MODES, VIEW_LIMITS, type ViewState } from '../src/state/view';
import { MAX_TEXT_CHARS } from '../src/state/url';

/** A double in [min, max], never NaN and never -0 (-0 prints as "0"). */
export const realIn = (min: number, max: number): fc.Arbitrary<number> =>
  fc.double({ min, max, noNaN: true, noDefaultInfinity: true }).map((x) => x + 0);

/** Positive divisors of n. */
function divisors(n: number): number[] {
  const out: number[] = [];
  for (let d = 1; d <= n; d++) if (n % d === 0) out.push(d);
  return out;
}

/** Any config that validateConfig accepts, covering every router and granularity. */
export const validConfig: fc.Arbitrary<MoeConfig> = fc
  .record({
    m: fc.constantFrom(...GRANULARITIES),
    router: fc.constantFrom(...ROUTERS),
    e: fc.nat(),
    k: fc.nat(),
    hiddenUnits: fc.nat(),
    g: fc.nat(),
    tg: fc.nat(),
    sharedExperts: fc.integer({ min: 0, max: LIMITS.maxShared }),
    capacityFactor: fc.option(realIn(LIMITS.minCapacityFactor, LIMITS.maxCapacityFactor), { nil: null }),
    routerNoise: realIn(0, 10),
    routeScale: realIn(0.01, 100),
    gateNorm: fc.constantFrom(...GATE_NORMS),
    d: fc.nat(),
    layers: fc.integer({ min: 1, max: LIMITS.maxLayers }),
    seed: fc.integer({ min: 0, max: 4294967295 }),
  })
  .map((r): MoeConfig => {
    const m = r.m;
    const routedExperts = 1 + (r.e % Math.floor(LIMITS.maxRoutedExperts / m));
    const topK = 1 + (r.k % Math.min(routedExperts, Math.floor(LIMITS.maxTopK / m)));
    let expertHidden = m * (1 + (r.hiddenUnits % Math.floor(1024 / m)));
    // The width last, within the weight budget (shrinking the hidden width if even width 2 is too much).
    const perWidth = (h: number): number => r.layers * 3 * (h / m) * (routedExperts * m + r.sharedExperts);
    if (2 * perWidth(expertHidden) > LIMITS.maxExpertWeights) expertHidden = m;
    const widest = Math.min(256, Math.floor(LIMITS.maxExpertWeights / perWidth(expertHidden)));
    const modelWidth = 2 + (r.d % (widest - 1));
    let nGroup = 1 + (r.g % LIMITS.maxRoutedExperts);
    let topkGroup = 1 + (r.tg % LIMITS.maxRoutedExperts);
    if (r.router === 'sigmoid-bias') {
      // Groups must split E·m evenly, and the kept groups must hold at least k·m experts.
      const experts = routedExperts * m;
      const options = divisors(experts);
      nGroup = options[r.g % options.length] as number;
      const perGroup = experts / nGroup;
      const least = Math.ceil((topK * m) / perGroup);
      topkGroup = least + (r.tg % (nGroup - least + 1));
    }
    return {
      modelWidth,
      routedExperts,
      topK,
      sharedExperts: r.sharedExperts,
      expertHidden,
      granularity: m,
      capacityFactor: r.capacityFactor,
      router: r.router,
      routerNoise: r.routerNoise,
      nGroup,
      topkGroup,
      routeScale: r.routeScale,
      gateNorm: r.gateNorm,
      layers: r.layers,
      seed: r.seed,
    };
  });

/** Well-formed text (no lone surrogates: a URL cannot carry them) of any script, emoji included. */
export const sentence: fc.Arbitrary<string> = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 60 }),
  fc.string({ unit: 'binary', maxLength: 60 }),
  fc.string({ unit: 'grapheme-ascii', maxLength: 300 }),
  fc.string({ unit: 'binary', minLength: MAX_TEXT_CHARS - 20, maxLength: MAX_TEXT_CHARS }).map((s) => cutWhole(s, MAX_TEXT_CHARS)),
);

/** The longest prefix of s with at most max UTF-16 units that does not split a surrogate pair. */
export function cutWhole(s: string, max: number): string {
  if (s.length <= max) return s;
  const c = s.charCodeAt(max - 1);
  return s.slice(0, c >= 0xd800 && c <= 0xdbff ? max - 1 : max);
}

/** Any view the simulator can be in (and so can write into its URL). */
export const validView: fc.Arbitrary<ViewState> = validConfig.chain((config) =>
  fc.record({
    config: fc.constant(config),
    text: sentence,
    position: fc.integer({ min: 0, max: 100000 }),
    gamma: realIn(VIEW_LIMITS.gamma.min, VIEW_LIMITS.gamma.max),
    biasSteps: fc.integer({ min: VIEW_LIMITS.biasSteps.min, max: VIEW_LIMITS.biasSteps.max }),
    speed: realIn(VIEW_LIMITS.speed.min, VIEW_LIMITS.speed.max),
    layer: fc.integer({ min: 0, max: config.layers - 1 }),
    hide: fc.subarray([...HIDEABLE]),
    picture: fc.constantFrom(...PICTURE_MODES),
    weights: fc.constantFrom(...WEIGHTS_MODES),
  }),
);

/** Numbers as people and programs write them, good and bad. */
export const numberText: fc.Arbitrary<string> = fc.oneof(
  fc.integer({ min: -5, max: 300 }).map(String),
  fc.double().map(String), // NaN, Infinity, -0, 5e-324, 1.7976931348623157e+308 …
  fc.constantFrom(
    'NaN',
    'Infinity',
    '-Infinity',
    '-0',
    '+0',
    '0x10',
    '1e400',
    '-1e400',
    '1e-400',
    '1_000',
    '1,5',
    '.5',
    '5.',
    ' 8 ',
    '8 8',
    '',
    ' ',
    '٣',
    '８',
    '1e',
    'e5',
    '++1',
    '9'.repeat(400),
  ),
);

/** Raw (not yet encoded) garbage for a query value: percent escapes that decode to nothing sensible, markup, control characters, long runs. */
export const garbageText: fc.Arbitrary<string> = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 30 }),
  fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)), maxLength: 12 }), // lone surrogates
  fc.constantFrom(
    '%',
    '%%',
    '%E0%A4%A',
    '%FF',
    '%00',
    '%C0%AF',
    '%ED%A0%80',
    '%uD83D',
    '+',
    '&',
    '=',
    '==',
    '#',
    '?',
    '<script>alert(1)</script>',
    'none',
    'null',
    'undefined',
    'true',
    '[]',
    '{}',
    '__proto__',
    'constructor',
  ),
  fc.integer({ min: 1, max: 5000 }).map((n) => 'x'.repeat(n)),
);

/** The keys the simulator's URL reads, and others. */
export const QUERY_KEYS = [
  'e',
  'k',
  's',
  'm',
  'cf',
  'r',
  'noise',
  'g',
  'tg',
  'rs',
  'gn',
  'd',
  'h',
  'L',
  'seed',
  'text',
  'pos',
  'gamma',
  'bs',
  'speed',
  'layer',
  'hide',
  'pic',
  'w',
  'backend',
  'lesson',
  'lang',
] as const;

const queryKey: fc.Arbitrary<string> = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...QUERY_KEYS) },
  {
    weight: 1,
    arbitrary: fc.constantFrom('E', 'K', 'e ', '', '__proto__', 'constructor', 'hasOwnProperty', 'toString', 'zzz', 'hide[]', 'text%00'),
  },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 8 }) },
);

/** A value for a key: sometimes right for it, often not. */
const queryValue: fc.Arbitrary<string> = fc.oneof(
  numberText,
  garbageText,
  fc.constantFrom(...ROUTERS, ...GATE_NORMS, ...PICTURE_MODES, ...WEIGHTS_MODES, 'none', ...HIDEABLE),
  fc.subarray([...HIDEABLE, 'bogus', '', ' router ']).map((h) => h.join(',')),
  sentence,
);

/** How one key=value pair is written into the query: encoded, raw, or broken. */
const pair: fc.Arbitrary<string> = fc
  .tuple(queryKey, queryValue, fc.constantFrom('encoded', 'raw', 'no-equals', 'double-equals'))
  .map(([k, v, how]) => {
    if (how === 'encoded') return `${encodeURIComponent(k)}=${encodeComponentLoosely(v)}`;
    if (how === 'raw') return `${k}=${v}`;
    if (how === 'no-equals') return k;
    return `${k}==${v}`;
  });

/** encodeURIComponent throws on lone surrogates: write those as U+FFFD, as a browser would. */
function encodeComponentLoosely(v: string): string {
  return encodeURIComponent(v.replace(/\p{Cs}/gu, '\uFFFD'));
}

/** A whole query string (with or without "?"), keys repeated, separators doubled, possibly huge. */
export const garbageQuery: fc.Arbitrary<string> = fc.oneof(
  {
    weight: 8,
    arbitrary: fc
      .tuple(fc.constantFrom('?', '', '??', '?&'), fc.array(pair, { maxLength: 12 }), fc.constantFrom('&', '&&', ';'))
      .map(([lead, pairs, sep]) => lead + pairs.join(sep)),
  },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 80 }) },
  {
    weight: 1,
    arbitrary: fc
      .tuple(fc.constantFrom(...QUERY_KEYS), fc.integer({ min: 2, max: 300 }), numberText)
      .map(([k, n, v]) => `?${`${k}=${encodeURIComponent(v)}&`.repeat(n)}`),
  },
);
