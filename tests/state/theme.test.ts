/** The colour theme in the link (`theme=dark|light`), kept across a page's rewrites like `lang=`. */
import { describe, expect, it } from 'vitest';
import { withKeptKeys } from '../../src/state/lang';
import { themeOf, themeProblem, withTheme } from '../../src/state/theme';
import { decodeView, otherKeyNotices } from '../../src/state/url';
import { decodeCapacityView } from '../../src/state/capacity-url';

describe('theme= in the link', () => {
  it('reads light and dark in any case; anything else (or none) is the system choice', () => {
    expect(themeOf('?theme=dark')).toBe('dark');
    expect(themeOf('?theme=%20LIGHT%20')).toBe('light');
    expect(themeOf('')).toBe('system');
    expect(themeOf('?theme=purple')).toBe('system');
  });

  it('names a value it did not understand, and only that', () => {
    expect(themeProblem('?theme=purple')).toBe('purple');
    expect(themeProblem('?theme=')).toBe('');
    expect(themeProblem('?theme=dark')).toBeNull();
    expect(themeProblem('?e=4')).toBeNull();
  });

  it('sets or removes the theme, keeping the other keys', () => {
    expect(withTheme('?e=4&lang=zh', 'dark')).toBe('?e=4&lang=zh&theme=dark');
    expect(withTheme('?theme=dark&e=4', 'light')).toBe('?theme=light&e=4');
    expect(withTheme('?theme=dark', 'system')).toBe('');
  });

  it('is kept when a page rewrites its address, never an unknown or huge value', () => {
    expect(withKeptKeys('?e=4', '?theme=dark&lang=zh')).toBe('?e=4&lang=zh&theme=dark');
    expect(withKeptKeys('', '?theme=Light')).toBe('?theme=light');
    expect(withKeptKeys('?e=4', `?theme=${'x'.repeat(100_000)}`)).toBe('?e=4');
  });

  it('is no unknown setting for the simulator or the other pages', () => {
    expect(decodeView('?theme=dark').notices).toEqual([]);
    expect(otherKeyNotices('?theme=dark')).toEqual([]);
    expect(decodeCapacityView('?theme=dark').ignored).toEqual([]);
  });
});
