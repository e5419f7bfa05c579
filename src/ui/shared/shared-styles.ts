/**
 * Style rules every component shares, for accessibility: one visible focus ring for keyboard users,
 * no motion when the reader asked for less (prefers-reduced-motion), text that only screen readers
 * get, and long words that wrap. Shadow roots do not inherit page styles, so each component adds
 * these to its own. Colours are the theme's custom properties (theme.ts): loading this module adds
 * them to the site's document (never to a host page of the <moe-lab> element).
 */
import { css } from 'lit';
import { installDocumentTheme } from './theme';

installDocumentTheme();

/**
 * A 3 px black ring outside any focused control. `:where()` keeps its specificity at one pseudo-class,
 * so a component's own `button:focus-visible` rule still wins where it needs another offset.
 */
export const focusRing = css`
  :where(a, button, input, select, textarea, summary, [tabindex]):focus-visible { outline: 3px solid var(--moe-ink); outline-offset: 2px; }
`;

/** With prefers-reduced-motion: reduce, no transition or animation runs (they end at once). */
export const reducedMotion = css`
  @media (prefers-reduced-motion: reduce) {
    *, *::before, *::after {
      animation-duration: 0s !important;
      animation-delay: 0s !important;
      animation-iteration-count: 1 !important;
      transition-duration: 0s !important;
      transition-delay: 0s !important;
      scroll-behavior: auto !important;
    }
  }
`;

/** `.vh`: in the accessibility tree, not on screen. */
export const visuallyHidden = css`
  .vh { position: absolute; width: 1px; height: 1px; margin: calc(-1 * var(--moe-sp-1)); padding: 0; overflow: hidden; clip: rect(0 0 0 0);
    clip-path: inset(50%); white-space: nowrap; border: 0; }
`;

/**
 * A word too long for its line breaks (reflow): so one 2,000-character word never makes a page
 * wider than the window. Words from the user (the sentence, its tokens; marked translate="no") may
 * break anywhere, even in a table cell or a chip sized to its content.
 */
export const longWords = css`
  :host { overflow-wrap: break-word; }
  [translate='no'] { overflow-wrap: anywhere; }
`;

/** All of the above. */
export const a11yStyles = [focusRing, reducedMotion, visuallyHidden, longWords];

/** A component that stands as a block of its own: the rules above and `:host { display: block; }`. */
export const blockStyles = [
  ...a11yStyles,
  css`
  :host { display: block; }
`,
];

/** A block of short paragraphs (a panel's notes and results): each paragraph with a small margin. */
export const textBlockStyles = [
  ...blockStyles,
  css`
  p { margin: var(--moe-sp-3) 0; }
`,
];

/** A simulator panel: a block in the page's text colour and font, its paragraphs with a small margin. */
export const panelStyles = [
  ...a11yStyles,
  css`
  :host { display: block; color: var(--moe-text); font-family: var(--moe-font); }
  p { margin: var(--moe-sp-3) 0; }
`,
];

/** A chart: a block whose SVG fills its width, its labels in the page's font and second text colour. */
export const chartStyles = [
  ...blockStyles,
  css`
  svg { width: 100%; height: auto; display: block; }
  text { font-family: var(--moe-font); fill: var(--moe-text-2); }
`,
];

/** A switch in a page's header (language, theme): a labelled select, side by side with its label. */
export const switchStyles = [
  ...a11yStyles,
  css`
    :host { display: inline-block; }
    label { font-weight: 600; display: inline-flex; gap: var(--moe-sp-4); align-items: center; }
    select { font: inherit; padding: var(--moe-sp-2) var(--moe-sp-3); min-height: 2rem; }
  `,
];

/**
 * The layout of the simulator-style pages (the main page and the training page): a controls column
 * beside a grid of panels, one column below 1100 px, stacked below 800 px.
 */
export const pageLayout = css`
    :host { display: block; max-width: 110rem; margin: 0 auto; padding: var(--moe-sp-7) var(--moe-sp-8); font-family: var(--moe-font); color: var(--moe-text); }
    header h1 { margin: 0; font-size: var(--moe-fs-2xl); }
    .title-row { display: flex; flex-wrap: wrap; justify-content: space-between; align-items: center; gap: var(--moe-sp-5) var(--moe-sp-8); }
    header p { margin: var(--moe-sp-2) 0 var(--moe-sp-6); color: var(--moe-text-3); max-width: 62rem; }
    nav a { margin-right: var(--moe-sp-8); }
    .layout { display: grid; grid-template-columns: minmax(15rem, 19rem) minmax(0, 1fr); gap: var(--moe-sp-8); align-items: start; }
    .panels { display: grid; grid-template-columns: minmax(0, 1fr); gap: var(--moe-sp-8); }
    @media (min-width: 1100px) {
      .panels { grid-template-columns: minmax(0, 1fr) minmax(0, 1fr); }
    }
    @media (max-width: 800px) {
      .layout { grid-template-columns: 1fr; }
    }
    .wide { grid-column: 1 / -1; }
    section { border: 1px solid var(--moe-border); border-radius: 0.5rem; padding: var(--moe-sp-7) var(--moe-sp-8); background: var(--moe-surface); min-width: 0; }
    h2 { font-size: var(--moe-fs-1); margin: 0 0 var(--moe-sp-4); }
    .caption { font-size: var(--moe-fs-base); color: var(--moe-text-3); margin: var(--moe-sp-5) 0 0; }
    .notice { background: var(--moe-warn-bg); border: 1px solid var(--moe-warn); padding: var(--moe-sp-4) var(--moe-sp-7); border-radius: 0.4rem; margin: 0 0 var(--moe-sp-6); }
    .notice ul { margin: var(--moe-sp-2) 0 0; padding-left: var(--moe-sp-9); }
    .error { background: var(--moe-error-bg); border-color: var(--moe-error); }
    .sentence { display: flex; flex-wrap: wrap; gap: var(--moe-sp-5); align-items: end; margin-bottom: var(--moe-sp-6); }
    .sentence label { display: flex; flex-direction: column; font-weight: 600; gap: var(--moe-sp-2); }
    .sentence input { font: inherit; width: min(36rem, 80vw); padding: var(--moe-sp-3); }
    .sentence select { font: inherit; padding: var(--moe-sp-3); max-width: 18rem; }
    :is(button, input, select):focus-visible { outline: 3px solid var(--moe-ink); outline-offset: 2px; }
`;
