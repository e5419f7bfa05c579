/**
 * The theme: every colour of the interface as a CSS custom property (`var(--moe-text)`), for a light
 * and a dark theme, and the font family, type scale and spacing scale (`var(--moe-font)`,
 * `var(--moe-fs-m)`, `var(--moe-sp-5)`). This file and palette.ts (the experts' data colours) are the only two in src/ui
 * that hold colour literals (tests/architecture.test.ts checks it); components write
 * `var(--moe-…)` in their styles, and `paint()` through styleProps where an SVG attribute held one.
 *
 * Custom properties inherit through shadow roots, so the tokens are defined once: on the site's pages
 * on the document root (installed by `installDocumentTheme`, which shared-styles.ts runs), in the
 * `<moe-lab>` library element on its `:host` (`hostTheme`). The dark theme applies under
 * `prefers-color-scheme: dark` unless the page says `<html data-theme="light">`, and always under
 * `<html data-theme="dark">` (the theme switch, kept in the URL as `theme=dark|light`).
 */
import { css, unsafeCSS, type CSSResult } from 'lit';
import { EXPERT_COLOURS, SERIES_COLOURS, SHARED_COLOUR } from './palette';
import { ownsPage, pageSearch } from '../../state/page-url';
import { themeOf, type Theme } from '../../state/theme';

/**
 * The light theme. Neutral greys keep the name of their role where they have one (text, border,
 * rule, surface) and otherwise of their light shade; the dark theme derives them (see `darkGrey`).
 */
const LIGHT = {
  page: '#f6f6f3',
  surface: '#fff',
  ink: '#000',
  text: '#111',
  'text-2': '#222',
  'text-3': '#333',
  'text-4': '#444',
  'text-5': '#555',
  'text-6': '#666',
  'grey-88': '#888',
  'grey-99': '#999',
  'grey-aa': '#aaa',
  'grey-bb': '#bbb',
  'grey-c8': '#c8c8c8',
  border: '#ccc',
  rule: '#ddd',
  'grey-e2': '#e2e2e2',
  'grey-e3': '#e3e3e3',
  'grey-e4': '#e4e4e4',
  'grey-e6': '#e6e6e6',
  'grey-ec': '#ececec',
  'grey-ee': '#eee',
  'grey-f1': '#f1f1f1',
  'grey-f2': '#f2f2f2',
  'grey-f4': '#f4f4f4',
  'grey-f7': '#f7f7f7',
  'grey-fa': '#fafafa',
  'table-head': '#f0f0ec',
  track: '#e9ebee',
  'idle-bg': '#eceff1',
  idle: '#a9afb6',
  'idle-line': '#9aa0a6',
  'group-line': '#6b7c8f',
  /** Text on a fixed dark colour (a primary button, the accent, a shared expert): white in both themes. */
  'on-accent': '#fff',
  /** Text on the warning yellow (#c89b00): near-black in both themes. */
  'on-warn': '#111',
  shared: SHARED_COLOUR,
  /** Parameters every step updates (the training page): a fixed dark grey under white text. */
  always: '#444',
  'data-grey': SERIES_COLOURS[7],
  link: '#0b57d0',
  primary: '#0b57d0',
  accent: '#0072b2',
  'accent-edge': '#004f7c',
  'accent-edge-2': '#0a4f7a',
  'accent-dark': '#1f5f84',
  'matrix-ink': '#0b3d91',
  purple: '#6a3d9a',
  error: '#b3261e',
  'error-strong': '#8a1c14',
  'error-text': '#5f1410',
  'error-bg': '#fde2e1',
  'error-bg-2': '#fdecea',
  'error-bg-3': '#fde9dc',
  ok: '#1b5e20',
  warn: '#c89b00',
  'warn-bg': '#fff4d6',
  highlight: '#fffbe6',
  'highlight-2': '#fffbea',
  'highlight-3': '#fff6c8',
  'info-bg': '#eef6fb',
  'info-bg-2': '#eef5fb',
  'info-bg-3': '#e3f0f8',
  'info-bg-4': '#f3f7ff',
  kept: '#deebf7',
  'kept-group': '#c6dcf0',
  'orange-light': '#f3cf80',
  'green-light': '#7fd3b8',
  orange: SERIES_COLOURS[0],
  'sky-blue': SERIES_COLOURS[1],
  green: SERIES_COLOURS[2],
  yellow: SERIES_COLOURS[3],
  vermillion: SERIES_COLOURS[5],
  pink: SERIES_COLOURS[6],
  /** The shadow under the sticky tour. */
  shadow: 'rgb(0 0 0 / 0.15)',
} as const;

export type Token = keyof typeof LIGHT;

/** Dark values chosen by hand (contrast checked by axe in tests/e2e/theme.test.ts); the other greys are derived. */
const DARK_CHOSEN: Partial<Record<Token, string>> = {
  page: '#121212',
  ink: '#fff',
  'on-accent': '#fff',
  'on-warn': '#111',
  always: '#444',
  link: '#8ab4f8',
  primary: '#0b57d0',
  accent: '#0072b2',
  'accent-edge': '#5aa9d6',
  'accent-edge-2': '#5aa9d6',
  'accent-dark': '#9fd3f2',
  'matrix-ink': '#9ec5ff',
  purple: '#b48ee0',
  error: '#ff7b72',
  'error-strong': '#ff9b93',
  'error-text': '#ffc1ba',
  'error-bg': '#4b1d1b',
  'error-bg-2': '#45201d',
  'error-bg-3': '#47281a',
  ok: '#8fd694',
  warn: '#c89b00',
  'warn-bg': '#3b3113',
  highlight: '#36321a',
  'highlight-2': '#34301a',
  'highlight-3': '#4a4215',
  'info-bg': '#16283a',
  'info-bg-2': '#172a3b',
  'info-bg-3': '#1a3245',
  'info-bg-4': '#1a2233',
  kept: '#1d354d',
  'kept-group': '#24476a',
  'orange-light': '#f3cf80',
  'green-light': '#7fd3b8',
  shadow: 'rgb(0 0 0 / 0.6)',
};

/**
 * A light-theme neutral (#rgb or #rrggbb) mirrored for the dark theme, channel by channel: white
 * becomes the dark surface #1e1e1e and #111 text becomes #ececec, so every grey keeps its distance
 * from the surface it sat on (a border stays faint, muted text stays readable).
 */
export function darkGrey(colour: string): string {
  const hex = colour.slice(1);
  const full = hex.length === 3 ? [...hex].map((c) => c + c).join('') : hex;
  const n = parseInt(full, 16);
  const mirror = (c: number) => Math.round(30 + ((255 - c) * (0xec - 30)) / (255 - 0x11));
  return `#${[(n >> 16) & 255, (n >> 8) & 255, n & 255].map((c) => mirror(c).toString(16).padStart(2, '0')).join('')}`;
}

const DATA_COLOURS = new Set<string>([...EXPERT_COLOURS, ...SERIES_COLOURS, SHARED_COLOUR]);

/** A token's colour in a theme. */
export function tokenValue(token: Token, theme: Theme): string {
  const light = LIGHT[token];
  if (theme === 'light') return light;
  // The experts' and the series' data colours are the same in both themes (text on them uses textOn).
  return DARK_CHOSEN[token] ?? (DATA_COLOURS.has(light) ? light : darkGrey(light));
}

/** The type scale, in rem: the smallest table text up to a page title. */
export const FONT_SIZES = {
  'fs-xs': 0.75,
  'fs-s': 0.8,
  'fs-m': 0.85,
  'fs-base': 0.9,
  'fs-1': 1,
  'fs-l': 1.15,
  'fs-xl': 1.3,
  'fs-2xl': 1.6,
  'fs-3xl': 2,
} as const;

/** The spacing scale, in rem, for padding, margin and gap. */
export const SPACES = {
  'sp-1': 0.1,
  'sp-2': 0.2,
  'sp-3': 0.3,
  'sp-4': 0.4,
  'sp-5': 0.5,
  'sp-6': 0.6,
  'sp-7': 0.75,
  'sp-8': 1,
  'sp-9': 1.25,
  'sp-10': 2,
} as const;

/**
 * Tokens that are not colours, the same in both themes: the font, a type scale (`--moe-fs-…`, in
 * rem, so presenter mode's larger root size grows them all), a spacing scale (`--moe-sp-…`, for
 * padding, margin and gap) and the presenter's root size.
 */
const SHARED_TOKENS = {
  font: 'system-ui, sans-serif',
  ...Object.fromEntries(Object.entries(FONT_SIZES).map(([name, rem]) => [name, `${rem}rem`])),
  'fs-rel': '0.85em',
  'fs-sub': '0.7em',
  ...Object.fromEntries(Object.entries(SPACES).map(([name, rem]) => [name, `${rem}rem`])),
  'presenter-scale': '140%',
};

/** The least size of text in presenter mode, in px (read from the back of a classroom). */
export const PRESENTER_MIN_TEXT_PX = 20;

/** Presenter mode's type steps: each at least PRESENTER_MIN_TEXT_PX. */
const PRESENTER_SMALL = [
  ...Object.entries(FONT_SIZES).map(([name, rem]) => `--moe-${name}: max(${rem}rem, ${PRESENTER_MIN_TEXT_PX}px);`),
  `--moe-fs-rel: max(0.85em, ${PRESENTER_MIN_TEXT_PX}px);`,
  `--moe-fs-sub: max(0.7em, ${PRESENTER_MIN_TEXT_PX}px);`,
].join(' ');

/** The declarations of one theme: `--moe-text: #111; …; --moe-font: …; color-scheme: light`. */
export function declarations(theme: Theme): string {
  const tokens = (Object.keys(LIGHT) as Token[]).map((t) => `--moe-${t}: ${tokenValue(t, theme)};`).join(' ');
  const shared = Object.entries(SHARED_TOKENS)
    .map(([name, v]) => `--moe-${name}: ${v};`)
    .join(' ');
  return `${tokens} ${shared} color-scheme: ${theme};`;
}

/** `var(--moe-<token>)`, for SVG presentation styles set with styleProps (attributes cannot hold var()). */
export function paint(token: Token): string {
  return `var(--moe-${token})`;
}

/** A token's light-theme colour: exported pictures are always light, on white paper. */
export function lightColour(token: Token): string {
  return LIGHT[token];
}

/**
 * The `<moe-lab>` element's own tokens: it follows the host's prefers-color-scheme only. Dark, it
 * paints its own background, as the host page's may be light.
 */
export const hostTheme: CSSResult = css`
  :host { ${unsafeCSS(declarations('light'))} }
  @media (prefers-color-scheme: dark) {
    :host { ${unsafeCSS(declarations('dark'))} background: var(--moe-page); }
  }
`;

/**
 * The site's document rules: the tokens on the root (and on an embedded `<moe-lab>`, whose own
 * `:host` rules an outer rule overrides), dark under the system's preference unless data-theme says
 * light, and dark whenever data-theme says dark.
 */
export function documentThemeCss(): string {
  const light = declarations('light');
  const dark = declarations('dark');
  return [
    `:root, moe-lab { ${light} }`,
    `@media (prefers-color-scheme: dark) { :root:not([data-theme='light']), :root:not([data-theme='light']) moe-lab { ${dark} } }`,
    `:root[data-theme='dark'], :root[data-theme='dark'] moe-lab { ${dark} }`,
    // Presenter mode: no text under 20 px (the scale's small steps would be 16.8 to 19 px at 140%).
    `:root.presenter, :root.presenter moe-lab { ${PRESENTER_SMALL} }`,
  ].join('\n');
}

let installed = false;

/**
 * On the site's own pages: adds the theme rules to the document (a constructed style sheet, which
 * the Content-Security-Policy allows) and applies the URL's `theme=`. Never in the library build.
 */
export function installDocumentTheme(): void {
  if (installed || typeof document === 'undefined' || !ownsPage()) return;
  installed = true;
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(documentThemeCss());
  document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
  setDocumentTheme(themeOf(pageSearch()));
}

/** Sets (or, for the system's choice, removes) `<html data-theme>`. */
export function setDocumentTheme(theme: Theme | 'system'): void {
  if (typeof document === 'undefined' || !ownsPage()) return;
  if (theme === 'system') document.documentElement.removeAttribute('data-theme');
  else document.documentElement.dataset['theme'] = theme;
}
