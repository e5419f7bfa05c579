import { describe, expect, it } from 'vitest';
import { contrast, EXPERT_COLOURS, textOn, tint } from '../../../src/ui/shared/palette';

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
});
