import { render } from 'lit';
import { describe, expect, it } from 'vitest';
import {
  contrast,
  DISTINCT_LOOKS,
  EXPERT_COLOURS,
  expertColour,
  expertPattern,
  markOn,
  NO_EXPERT_COLOUR,
  PICTURE_COLOURS,
  textOn,
  tint,
} from '../../../src/ui/shared/palette';
import { expertBackground, expertFill, expertPatternDefs, expertPatternMarkup } from '../../../src/ui/shared/expert-patterns';
import { tokenValue } from '../../../src/ui/shared/theme';

type Rgb = [number, number, number];

function rgb(colour: string): Rgb {
  const hex = colour.slice(1);
  const full = hex.length === 3 ? [...hex].map((c) => c + c).join('') : hex;
  const n = parseInt(full, 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}
const hex = (c: Rgb) => `#${c.map((v) => Math.round(v).toString(16).padStart(2, '0')).join('')}`;
const linear = (c: number) => (c / 255 <= 0.04045 ? c / 255 / 12.92 : ((c / 255 + 0.055) / 1.055) ** 2.4);

/** HSL saturation, 0 (grey) to 1. */
function saturation(colour: string): number {
  const [r, g, b] = rgb(colour).map((c) => c / 255) as Rgb;
  const hi = Math.max(r, g, b);
  const lo = Math.min(r, g, b);
  if (hi === lo) return 0;
  return (hi + lo) / 2 > 0.5 ? (hi - lo) / (2 - hi - lo) : (hi - lo) / (hi + lo);
}

/** Björn Ottosson's OKLab of linear sRGB: a perceptual space where distance 0.02 is about a just-noticeable difference. */
function oklab([r, g, b]: Rgb): Rgb {
  const l = Math.cbrt(0.4122214708 * r + 0.5363325363 * g + 0.0514459929 * b);
  const m = Math.cbrt(0.2119034982 * r + 0.6806995451 * g + 0.1073969566 * b);
  const s = Math.cbrt(0.0883024619 * r + 0.2817188376 * g + 0.6299787005 * b);
  return [
    0.2104542553 * l + 0.793617785 * m - 0.0040720468 * s,
    1.9779984951 * l - 2.428592205 * m + 0.4505937099 * s,
    0.0259040371 * l + 0.7827717662 * m - 0.808675766 * s,
  ];
}

/** Dichromat vision in linear sRGB (Machado, Oliveira & Fernandes 2009, severity 1). */
const VISION: Record<string, number[][]> = {
  normal: [
    [1, 0, 0],
    [0, 1, 0],
    [0, 0, 1],
  ],
  protanopia: [
    [0.152286, 1.052583, -0.204868],
    [0.114503, 0.786281, 0.099216],
    [-0.003882, -0.048116, 1.051998],
  ],
  deuteranopia: [
    [0.367322, 0.860646, -0.227968],
    [0.280085, 0.672501, 0.047413],
    [-0.01182, 0.04294, 0.968881],
  ],
  tritanopia: [
    [1.255528, -0.076749, -0.178779],
    [-0.078411, 0.930809, 0.147602],
    [0.004733, 0.691367, 0.3039],
  ],
};

function seen(colour: string, vision: string): Rgb {
  const c = rgb(colour).map(linear);
  return oklab(VISION[vision]!.map((row) => Math.min(1, Math.max(0, row[0]! * c[0]! + row[1]! * c[1]! + row[2]! * c[2]!))) as Rgb);
}
const distance = (a: Rgb, b: Rgb) => Math.hypot(a[0] - b[0], a[1] - b[1], a[2] - b[2]);
const chroma = (colour: string) => Math.hypot(...seen(colour, 'normal').slice(1));

/** `mark` at `opacity` over `base`, as #rrggbb (how a browser composites it, in sRGB). */
const over = (mark: string, opacity: number, base: string) =>
  hex(rgb(base).map((c, i) => rgb(mark)[i]! * opacity + c * (1 - opacity)) as Rgb);

const THEMES = ['light', 'dark'] as const;
/** Everything an expert colour is drawn on: both themes' page and surface, and the exported picture's paper. */
const BACKGROUNDS = [...THEMES.flatMap((t) => [tokenValue('page', t), tokenValue('surface', t)]), PICTURE_COLOURS.paper];
/** Every colour that means idle (an expert not chosen, a token not routed), in both themes and in the picture. */
const IDLE = [
  ...THEMES.flatMap((t) => [tokenValue('idle-bg', t), tokenValue('idle', t), tokenValue('idle-line', t)]),
  NO_EXPERT_COLOUR,
  PICTURE_COLOURS.idleFill,
  PICTURE_COLOURS.idleStroke,
  PICTURE_COLOURS.scoreIdle,
  PICTURE_COLOURS.noExpert,
];

describe('palette', () => {
  it('contrast ratios match WCAG 2 reference values', () => {
    expect(contrast('#000', '#fff')).toBeCloseTo(21, 5);
    expect(contrast('#fff', '#fff')).toBeCloseTo(1, 5);
    expect(contrast('#767676', '#fff')).toBeCloseTo(4.54, 2);
  });

  it('text on every expert colour, and on every tint of it the views draw, reads at 4.5:1 or better', () => {
    for (const colour of EXPERT_COLOURS) {
      for (let percent = 30; percent <= 100; percent += 5) {
        const bg = tint(colour, percent);
        expect(contrast(textOn(bg), bg), `${colour} at ${percent}%`).toBeGreaterThanOrEqual(4.5);
      }
    }
  });

  it('tint mixes with white like CSS color-mix in srgb', () => {
    expect(tint('#0072B2', 100)).toBe('#0072b2');
    expect(tint('#0072B2', 0)).toBe('#ffffff');
    expect(tint('#000000', 50)).toBe('#808080');
  });

  it('eight expert colours, none grey: HSL saturation at least 0.5 and OKLCH chroma at least 0.1', () => {
    // A grey has saturation 0 and chroma 0 (the idle greys have chroma under 0.015); 0.5 is at least
    // half the saturation a colour of its lightness can have, 0.1 five times a just-noticeable step.
    expect(EXPERT_COLOURS).toHaveLength(8);
    for (const colour of EXPERT_COLOURS) {
      expect(saturation(colour), colour).toBeGreaterThanOrEqual(0.5);
      expect(chroma(colour), colour).toBeGreaterThanOrEqual(0.1);
    }
    for (const colour of IDLE) expect(chroma(colour), colour).toBeLessThan(0.015);
  });

  it('every expert colour reads at 3:1 or better on both themes’ page and surface and on the picture’s paper', () => {
    expect(BACKGROUNDS).toEqual(['#f6f6f3', '#fff', '#121212', '#1e1e1e', '#fff']);
    for (const colour of EXPERT_COLOURS)
      for (const bg of BACKGROUNDS) expect(contrast(colour, bg), `${colour} on ${bg}`).toBeGreaterThanOrEqual(3);
  });

  it('no expert colour is near an idle colour: at least 0.12 apart in OKLab (six just-noticeable steps) from each', () => {
    for (const colour of EXPERT_COLOURS)
      for (const idle of IDLE)
        expect(distance(seen(colour, 'normal'), seen(idle, 'normal')), `${colour} vs ${idle}`).toBeGreaterThanOrEqual(0.12);
  });

  it('the eight colours stay apart for normal vision and under simulated protanopia, deuteranopia and tritanopia', () => {
    const least: Record<string, number> = { normal: 0.08, protanopia: 0.06, deuteranopia: 0.06, tritanopia: 0.06 };
    for (const [vision, min] of Object.entries(least))
      for (const [i, a] of EXPERT_COLOURS.entries())
        for (const b of EXPERT_COLOURS.slice(i + 1))
          expect(distance(seen(a, vision), seen(b, vision)), `${a} vs ${b}, ${vision}`).toBeGreaterThanOrEqual(min);
  });

  it('patterns cycle by rounds of eight: solid, stripes, dots, grid, then solid again', () => {
    expect([0, 7, 8, 15, 16, 23, 24, 31, 32, 40, 255].map(expertPattern)).toEqual([
      'solid',
      'solid',
      'stripes',
      'stripes',
      'dots',
      'dots',
      'grid',
      'grid',
      'solid',
      'stripes',
      'grid',
    ]);
    expect(expertColour(8)).toBe(expertColour(0));
    expect(expertColour(-1)).toBe(expertColour(7));
  });

  it('32 experts have 32 different looks (colour × pattern); the 33rd repeats the first, so its number tells them apart', () => {
    expect(DISTINCT_LOOKS).toBe(32);
    const look = (e: number) => `${expertColour(e)} ${expertPattern(e)}`;
    const looks = Array.from({ length: 32 }, (_, e) => look(e));
    expect(new Set(looks).size).toBe(32);
    expect(new Set(Array.from({ length: 32 }, (_, e) => expertBackground(e))).size).toBe(32);
    expect(look(32)).toBe(look(0));
  });

  it('pattern marks only raise the contrast of the text on the colour, and show against it', () => {
    for (const colour of EXPERT_COLOURS) {
      const mark = markOn(colour);
      const marked = over(mark.colour, mark.opacity, colour);
      const ink = textOn(colour);
      expect(contrast(ink, marked), colour).toBeGreaterThan(contrast(ink, colour));
      expect(contrast(ink, colour), colour).toBeGreaterThanOrEqual(4.5);
      expect(contrast(marked, colour), colour).toBeGreaterThanOrEqual(1.8);
    }
  });

  it('fills, backgrounds and pattern definitions for SVG and HTML', () => {
    expect(expertFill(3, 'p')).toBe(expertColour(3));
    expect(expertFill(11, 'p')).toBe('url(#p-e11)');
    expect(expertBackground(2)).toBe(expertColour(2));
    expect(expertBackground(10)).toMatch(/^repeating-linear-gradient\(45deg, rgb\(.*\), #/);
    expect(expertBackground(18)).toMatch(/^radial-gradient\(/);
    expect(expertBackground(26)).toMatch(/^linear-gradient\(/);
    expect(expertBackground(26).endsWith(expertColour(26))).toBe(true);
    // Solid experts need no pattern; each patterned expert is defined once.
    const markup = expertPatternMarkup('x', [0, 9, 9, 17, 30]);
    expect(markup.match(/<pattern /g)).toHaveLength(3);
    expect(markup).toContain('id="x-e9"');
    expect(markup).toContain(`fill="${expertColour(17)}"`);
    const box = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
    render(expertPatternDefs('y', [1, 8, 16, 24, 8]), box);
    expect([...box.querySelectorAll('pattern')].map((p) => [p.id, p.dataset['pattern']])).toEqual([
      ['y-e8', 'stripes'],
      ['y-e16', 'dots'],
      ['y-e24', 'grid'],
    ]);
  });
});
