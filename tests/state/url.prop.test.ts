/**
 * Property-based tests of the URL codec (src/state/url.ts): decoding any query string at all gives
 * a view the simulator can run, with a notice for everything it ignored, and encoding then decoding
 * any valid view gives it back. FUZZ_RUNS generated inputs per property
 * (tests/fuzz-runs.ts: 1,000 in `npm test`, 10,000 in `npm run test:fuzz`).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG, validateConfig, type MoeConfig } from '../../src/core/config';
import { decodeView, encodeView, MAX_TEXT_CHARS, repairQuery, type Decoded } from '../../src/state/url';
import { HIDEABLE, VIEW_LIMITS, type ViewState } from '../../src/state/view';
import { garbageQuery, garbageText, validView } from '../arbitraries';
import { RUNS } from '../fuzz-runs';
import { en } from '../words';

const LONE_SURROGATE = /\p{Cs}/u;

/** Any string at all as a query: structured garbage, arbitrary code points, arbitrary UTF-16 units. */
const anyQuery = fc.oneof(
  { weight: 6, arbitrary: garbageQuery },
  { weight: 1, arbitrary: garbageText },
  { weight: 1, arbitrary: fc.string({ unit: 'binary-ascii', maxLength: 100 }) },
);

function expectRunnableView(view: ViewState): void {
  const again = validateConfig(view.config);
  expect(again.ok).toBe(true);
  if (again.ok) expect(again.config).toEqual(view.config);
  expect(Object.keys(view.config).sort()).toEqual(Object.keys(DEFAULT_CONFIG).sort());
  expect(typeof view.text).toBe('string');
  expect(view.text.length).toBeLessThanOrEqual(MAX_TEXT_CHARS);
  expect(LONE_SURROGATE.test(view.text)).toBe(false);
  const within = (v: number, lo: number, hi: number, integer: boolean): void => {
    expect(Number.isFinite(v) && v >= lo && v <= hi && (!integer || Number.isInteger(v)) && !Object.is(v, -0)).toBe(true);
  };
  within(view.position, 0, 100000, true);
  within(view.gamma, VIEW_LIMITS.gamma.min, VIEW_LIMITS.gamma.max, false);
  within(view.biasSteps, VIEW_LIMITS.biasSteps.min, VIEW_LIMITS.biasSteps.max, true);
  within(view.speed, VIEW_LIMITS.speed.min, VIEW_LIMITS.speed.max, false);
  within(view.layer, 0, view.config.layers - 1, true);
  expect(new Set(view.hide).size).toBe(view.hide.length);
  for (const h of view.hide) expect(HIDEABLE).toContain(h);
}

function expectReadableNotices(notices: string[]): void {
  for (const n of notices) {
    expect(typeof n).toBe('string');
    expect(n.trim().length).toBeGreaterThan(0);
    expect(LONE_SURROGATE.test(n)).toBe(false);
  }
}

const CONFIG_KEYS: Record<string, keyof MoeConfig> = {
  e: 'routedExperts',
  k: 'topK',
  s: 'sharedExperts',
  m: 'granularity',
  cf: 'capacityFactor',
  r: 'router',
  noise: 'routerNoise',
  g: 'nGroup',
  tg: 'topkGroup',
  rs: 'routeScale',
  gn: 'gateNorm',
  d: 'modelWidth',
  h: 'expertHidden',
  L: 'layers',
  seed: 'seed',
};
const VIEW_NUMBERS = { pos: 'position', gamma: 'gamma', bs: 'biasSteps', speed: 'speed', layer: 'layer' } as const;
/** Keys other parts of the page own (the backend, lesson pages): decodeView accepts them silently. */
const OWNED_ELSEWHERE = ['backend', 'lesson', 'lang'];
/** The view's keys that take one of a few words: the picture's mode and the weights. */
const VIEW_CHOICES = { pic: 'picture', w: 'weights' } as const;
const NUMBER = /^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i;

/** Whether the view holds what key=value asks for. */
function applied(view: ViewState, key: string, value: string): boolean {
  if (OWNED_ELSEWHERE.includes(key)) return true;
  const field = Object.hasOwn(CONFIG_KEYS, key) ? CONFIG_KEYS[key] : undefined;
  if (field) {
    const wanted = value === 'none' ? null : NUMBER.test(value.trim()) ? Number(value) : value;
    return view.config[field] === wanted;
  }
  if (key === 'text') return view.text === value;
  if (Object.hasOwn(VIEW_CHOICES, key)) return view[VIEW_CHOICES[key as keyof typeof VIEW_CHOICES]] === value;
  if (Object.hasOwn(VIEW_NUMBERS, key))
    return NUMBER.test(value.trim()) && view[VIEW_NUMBERS[key as keyof typeof VIEW_NUMBERS]] === Number(value);
  if (key === 'hide')
    return value
      .split(',')
      .map((h) => h.trim())
      .filter(Boolean)
      .every((h) => (view.hide as string[]).includes(h));
  return false;
}

describe('decodeView on any query string', () => {
  it('never throws, and always gives a view the simulator can run, with readable notices', () => {
    fc.assert(
      fc.property(anyQuery, (q) => {
        let decoded: Decoded | undefined;
        expect(() => (decoded = decodeView(q))).not.toThrow();
        expectRunnableView(decoded!.view);
        expectReadableNotices(decoded!.notices.map(en));
      }),
      RUNS,
    );
  });

  it('ignores nothing silently: every setting the view does not hold has a notice naming its key', () => {
    fc.assert(
      fc.property(anyQuery, (q) => {
        const { view, notices: coded } = decodeView(q);
        const notices = coded.map(en);
        for (const [key, value] of new URLSearchParams(q)) {
          if (applied(view, key, value)) continue;
          const known =
            Object.hasOwn(CONFIG_KEYS, key) || Object.hasOwn(VIEW_NUMBERS, key) || Object.hasOwn(VIEW_CHOICES, key) || key === 'hide';
          if (known)
            expect(
              notices.some((n) => n.startsWith(`Ignored ${key}=`)),
              `${key}=${value} in ${JSON.stringify(q)}: ${JSON.stringify(notices)}`,
            ).toBe(true);
          else if (key === 'text')
            expect(notices.some((n) => n.startsWith('The sentence in the link') || n.startsWith('Ignored text='))).toBe(true);
          else expect(notices.some((n) => n.startsWith('Ignored unknown setting'))).toBe(true);
        }
        // And so a link with no notice is one whose every setting was taken as written.
      }),
      RUNS,
    );
  });

  it('is a fixed point after one round: re-encoding a decoded view reads back the same view, with no notice', () => {
    fc.assert(
      fc.property(anyQuery, (q) => {
        const { view } = decodeView(q);
        expect(decodeView(encodeView(view))).toEqual({ view, notices: [] });
      }),
      RUNS,
    );
  });
});

/** tfjs-core's getQueryParams (environment.ts), which runs when tfjs-core is imported: throws on a bad escape. */
function tfjsQueryParams(search: string): Record<string, string> {
  const params: Record<string, string> = {};
  search.replace(/[?&]([^=?&]+)(?:=([^&]*))?/g, (_s, name: string, value: string | undefined) => {
    params[decodeURIComponent(name)] = decodeURIComponent(value ?? '');
    return '';
  });
  return params;
}

/** Percent escapes of every kind: good and broken UTF-8, overlong forms, surrogates, stray "%". */
const escapes = fc
  .array(
    fc.oneof(
      fc.integer({ min: 0, max: 255 }).map((b) => `%${b.toString(16).padStart(2, '0')}`),
      fc.integer({ min: 0, max: 255 }).map((b) => `%${b.toString(16).toUpperCase().padStart(2, '0')}`),
      fc.string({ unit: 'binary', minLength: 1, maxLength: 2 }).map((c) => encodeURIComponent(c)),
      fc.constantFrom(
        '%',
        '%%',
        '%4',
        '%g0',
        '%ED%A0%80',
        '%C0%AF',
        '%E0%80%AF',
        '%F4%90%80%80',
        '%F0%9F%A6',
        '%EF%BF%BD',
        '&',
        '=',
        '?',
        'e=',
        'text=',
        '+',
        '#',
      ),
    ),
    { maxLength: 12 },
  )
  .map((parts) => `?${parts.join('')}`);

describe('repairQuery, run before tfjs-core loads', () => {
  it('leaves a query tfjs-core can read, that decodes to the same view and notices, and leaves clean queries alone', () => {
    fc.assert(
      fc.property(fc.oneof(anyQuery, escapes), (q) => {
        const repaired = repairQuery(q);
        expect(() => tfjsQueryParams(repaired ?? q)).not.toThrow();
        if (repaired !== null) expect(decodeView(repaired)).toEqual(decodeView(q));
        let clean = true;
        try {
          decodeURIComponent(q);
        } catch {
          clean = false;
        }
        if (clean) expect(repaired).toBeNull();
      }),
      RUNS,
    );
  });
});

describe('encodeView then decodeView', () => {
  it('gives back any valid view exactly, with no notice', () => {
    fc.assert(
      fc.property(validView, (view) => {
        const query = encodeView(view);
        expect(query.startsWith('?')).toBe(true);
        expect(decodeView(query)).toEqual({ view, notices: [] });
        // The same holds after the query has been through a URL, as the address bar sees it.
        expect(decodeView(new URL(`http://localhost/index.html${query}`).search)).toEqual({ view, notices: [] });
      }),
      RUNS,
    );
  });

  it('also holds for views whose sentence is only numbers, "none", or URL syntax', () => {
    const tricky = fc.constantFrom('none', '1e400', '-0', '&', '=', '?', '#', '+', '%', '%20', ' ', '', 'a&b=c', 'hide=router');
    fc.assert(
      fc.property(validView, tricky, (view, text) => {
        const v = { ...view, text };
        expect(decodeView(encodeView(v))).toEqual({ view: v, notices: [] });
      }),
      { numRuns: 2000 },
    );
  });
});
