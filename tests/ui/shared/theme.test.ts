/**
 * The theme tokens (src/ui/theme.ts): the light theme keeps the colours the components had, every
 * text token reads at 4.5:1 on the backgrounds it sits on in both themes, and the theme switch sets
 * <html data-theme> and the URL's theme=.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { contrast } from '../../../src/ui/shared/palette';
import { darkGrey, declarations, documentThemeCss, tokenValue, type Token } from '../../../src/ui/shared/theme';
import '../../../src/ui/shared/theme-switch';

const TEXT: Token[] = [
  'ink',
  'text',
  'text-2',
  'text-3',
  'text-4',
  'text-5',
  'text-6',
  'link',
  'error',
  'error-strong',
  'ok',
  'accent-dark',
  'matrix-ink',
];
const GROUNDS: Token[] = ['surface', 'page', 'grey-f1', 'table-head', 'warn-bg', 'highlight', 'highlight-2', 'info-bg', 'info-bg-4'];

describe('theme tokens', () => {
  it('the light theme holds the colours the components had', () => {
    const light = declarations('light');
    for (const d of [
      '--moe-page: #f6f6f3;',
      '--moe-surface: #fff;',
      '--moe-text: #111;',
      '--moe-text-4: #444;',
      '--moe-border: #ccc;',
      '--moe-link: #0b57d0;',
      '--moe-error: #b3261e;',
      '--moe-warn-bg: #fff4d6;',
      '--moe-orange: #E69F00;',
    ])
      expect(light).toContain(d);
    expect(light).toContain('color-scheme: light');
    expect(light).toContain('--moe-font: system-ui, sans-serif;');
    expect(declarations('dark')).toContain('--moe-font: system-ui, sans-serif;');
  });

  it('mirrors neutral greys for the dark theme: white → the dark surface, #111 text → light text', () => {
    expect(darkGrey('#fff')).toBe('#1e1e1e');
    expect(darkGrey('#111')).toBe('#ececec');
    expect(darkGrey('#ccc')).toBe('#4a4a4a');
    expect(tokenValue('ink', 'dark')).toBe('#fff');
    // The experts' colours are data: the same in both themes.
    expect(tokenValue('orange', 'dark')).toBe(tokenValue('orange', 'light'));
  });

  for (const theme of ['light', 'dark'] as const) {
    it(`${theme}: every text colour reads at 4.5:1 or better on every background`, () => {
      for (const fg of TEXT)
        for (const bg of GROUNDS) {
          const ratio = contrast(tokenValue(fg, theme), tokenValue(bg, theme));
          expect(ratio, `${fg} on ${bg}`).toBeGreaterThanOrEqual(4.5);
        }
      expect(contrast(tokenValue('error-text', theme), tokenValue('error-bg-2', theme))).toBeGreaterThanOrEqual(4.5);
      expect(contrast(tokenValue('on-accent', theme), tokenValue('primary', theme))).toBeGreaterThanOrEqual(4.5);
      expect(contrast(tokenValue('on-accent', theme), tokenValue('accent', theme))).toBeGreaterThanOrEqual(4.5);
      expect(contrast(tokenValue('on-warn', theme), tokenValue('warn', theme))).toBeGreaterThanOrEqual(4.5);
    });
  }

  it('the document rules: dark under a dark system unless data-theme says light, dark under data-theme=dark', () => {
    const css = documentThemeCss();
    expect(css).toContain("@media (prefers-color-scheme: dark) { :root:not([data-theme='light'])");
    expect(css).toContain(":root[data-theme='dark'], :root[data-theme='dark'] moe-lab {");
    // The site's pages got them: a token resolves on the document root.
    expect(getComputedStyle(document.documentElement).getPropertyValue('--moe-surface').trim()).not.toBe('');
  });
});

describe('<theme-switch>', () => {
  const start = location.href;
  afterEach(() => {
    document.body.replaceChildren();
    document.documentElement.removeAttribute('data-theme');
    history.replaceState(null, '', start);
  });

  it('sets <html data-theme> and theme= in the URL, and removes both for the system choice', async () => {
    const el = document.createElement('theme-switch');
    document.body.append(el);
    await el.updateComplete;
    const select = el.shadowRoot!.querySelector('select')!;
    expect([...select.options].map((o) => o.textContent)).toEqual(['System', 'Light', 'Dark']);
    select.value = 'dark';
    select.dispatchEvent(new Event('change'));
    expect(document.documentElement.dataset['theme']).toBe('dark');
    expect(new URLSearchParams(location.search).get('theme')).toBe('dark');
    expect(getComputedStyle(document.documentElement).getPropertyValue('--moe-surface').trim()).toBe('#1e1e1e');
    select.value = 'system';
    select.dispatchEvent(new Event('change'));
    expect(document.documentElement.hasAttribute('data-theme')).toBe(false);
    expect(new URLSearchParams(location.search).has('theme')).toBe(false);
  });
});
