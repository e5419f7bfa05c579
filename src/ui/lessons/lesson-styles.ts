/** Styles of the lesson pages (demos/sparsity.html, demos/experts.html): the page, and its tables. */
import { css } from 'lit';

export const lessonStyles = css`
  :host { display: block; max-width: 76rem; margin: 0 auto; padding: 0.5rem 1rem 2rem; font-family: var(--moe-font); color: var(--moe-text); line-height: 1.45; }
  header nav { margin: 0.2rem 0 0.4rem; }
  .title-row { display: flex; flex-wrap: wrap; justify-content: space-between; align-items: center; gap: 0.5rem 1rem; }
  h1 { font-size: 1.6rem; margin: 0.1rem 0 0.3rem; }
  .lead p { max-width: 62rem; margin: 0.35rem 0; }
  section { border: 1px solid var(--moe-border); border-radius: 0.5rem; padding: 0.7rem 1rem 0.9rem; background: var(--moe-surface); margin: 1rem 0; min-width: 0; }
  h2 { font-size: 1.2rem; margin: 0 0 0.4rem; }
  .caption { font-size: 0.93rem; color: var(--moe-text-3); max-width: 62rem; margin: 0.3rem 0 0.6rem; }
  .note { font-size: 0.88rem; color: var(--moe-text-3); max-width: 62rem; margin: 0.5rem 0 0; }
  .notice { background: var(--moe-warn-bg); border: 1px solid var(--moe-warn); padding: 0.45rem 0.75rem; border-radius: 0.4rem; margin: 0.5rem 0; }
  .notice ul { margin: 0.2rem 0 0; padding-left: 1.2rem; }
  .error { background: var(--moe-error-bg); border-color: var(--moe-error); }
  .status { font-size: 0.85rem; color: var(--moe-text-5); }
  .big { font-size: 1.15rem; font-weight: 600; }
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
  table { border-collapse: collapse; font-size: 0.9rem; margin: 0.3rem 0; }
  .table-title { font-weight: 600; margin: 0.5rem 0 0.2rem; font-size: 0.9rem; }
  th, td { border: 1px solid var(--moe-border); padding: 0.25rem 0.5rem; vertical-align: top; }
  thead th { background: var(--moe-table-head); text-align: left; font-weight: 600; }
  td.n, th.n { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
  thead th.n { white-space: normal; min-width: 4.5rem; }
  tr.current > * { border-top: 3px solid var(--moe-ink); border-bottom: 3px solid var(--moe-ink); font-weight: 700; background: var(--moe-highlight); }
  tr.current > :first-child { border-left: 3px solid var(--moe-ink); }
  tr.current > :last-child { border-right: 3px solid var(--moe-ink); }
  td.current { border: 3px solid var(--moe-ink); font-weight: 700; background: var(--moe-highlight); }
  .mark { font-weight: 700; white-space: nowrap; }
  .sub { display: block; font-size: 0.8rem; color: var(--moe-text-4); font-weight: 400; }
  .muted { color: var(--moe-text-5); }
  .exact { min-width: 11rem; }
`;
