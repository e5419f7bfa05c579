/** Styles of the lesson pages (demos/sparsity.html, demos/experts.html): the page, and its tables. */
import { css } from 'lit';

export const lessonStyles = css`
  :host { display: block; max-width: 76rem; margin: 0 auto; padding: var(--moe-sp-5) var(--moe-sp-8) var(--moe-sp-10); font-family: var(--moe-font); color: var(--moe-text); line-height: 1.45; }
  header nav { margin: var(--moe-sp-2) 0 var(--moe-sp-4); }
  .title-row { display: flex; flex-wrap: wrap; justify-content: space-between; align-items: center; gap: var(--moe-sp-5) var(--moe-sp-8); }
  h1 { font-size: var(--moe-fs-2xl); margin: var(--moe-sp-1) 0 var(--moe-sp-3); }
  .lead p { max-width: 62rem; margin: var(--moe-sp-3) 0; }
  section { border: 1px solid var(--moe-border); border-radius: 0.5rem; padding: var(--moe-sp-7) var(--moe-sp-8) var(--moe-sp-8); background: var(--moe-surface); margin: var(--moe-sp-8) 0; min-width: 0; }
  h2 { font-size: var(--moe-fs-l); margin: 0 0 var(--moe-sp-4); }
  .caption { font-size: var(--moe-fs-base); color: var(--moe-text-3); max-width: 62rem; margin: var(--moe-sp-3) 0 var(--moe-sp-6); }
  .note { font-size: var(--moe-fs-base); color: var(--moe-text-3); max-width: 62rem; margin: var(--moe-sp-5) 0 0; }
  .notice { background: var(--moe-warn-bg); border: 1px solid var(--moe-warn); padding: var(--moe-sp-4) var(--moe-sp-7); border-radius: 0.4rem; margin: var(--moe-sp-5) 0; }
  .notice ul { margin: var(--moe-sp-2) 0 0; padding-left: var(--moe-sp-9); }
  .error { background: var(--moe-error-bg); border-color: var(--moe-error); }
  .status { font-size: var(--moe-fs-m); color: var(--moe-text-5); }
  .big { font-size: var(--moe-fs-l); font-weight: 600; }
  a { color: var(--moe-link); }
  :is(a, button, input, select):focus-visible { outline: 3px solid var(--moe-ink); outline-offset: 2px; }
`;

/**
 * Number tables: right-aligned tabular figures, a scrolling frame for narrow screens (the frame is
 * focusable so keyboard users can scroll it) under a title that stays in view (the table's own
 * caption is for screen readers: on a phone it would scroll away with the table), and the marked
 * current setting (★ and a heavy border, never colour alone).
 */
export const tableStyles = css`
  .scroll { overflow-x: auto; max-width: 100%; position: relative; }
  table { border-collapse: collapse; font-size: var(--moe-fs-base); margin: var(--moe-sp-3) 0; }
  .table-title { font-weight: 600; margin: var(--moe-sp-5) 0 var(--moe-sp-2); font-size: var(--moe-fs-base); }
  th, td { border: 1px solid var(--moe-border); padding: var(--moe-sp-2) var(--moe-sp-5); vertical-align: top; }
  thead th { background: var(--moe-table-head); text-align: left; font-weight: 600; }
  td.n, th.n { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
  thead th.n { white-space: normal; min-width: 4.5rem; }
  tr.current > * { border-top: 3px solid var(--moe-ink); border-bottom: 3px solid var(--moe-ink); font-weight: 700; background: var(--moe-highlight); }
  tr.current > :first-child { border-left: 3px solid var(--moe-ink); }
  tr.current > :last-child { border-right: 3px solid var(--moe-ink); }
  td.current { border: 3px solid var(--moe-ink); font-weight: 700; background: var(--moe-highlight); }
  .mark { font-weight: 700; white-space: nowrap; }
  .sub { display: block; font-size: var(--moe-fs-s); color: var(--moe-text-4); font-weight: 400; }
  .muted { color: var(--moe-text-5); }
  .exact { min-width: 11rem; }
`;
