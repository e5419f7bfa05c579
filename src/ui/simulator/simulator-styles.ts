/**
 * The simulator's styles, shared by the main page (<moe-app>) and the embeddable <moe-lab>: the
 * page layout, the tour's highlight and presenter mode (fewer panels, thicker lines, larger type).
 */
import { css } from 'lit';
import { a11yStyles, pageLayout } from '../shared/shared-styles';

export const simulatorStyles = [
  ...a11yStyles,
  pageLayout,
  css`
    section.controls { border: 0; border-radius: 0; padding: 0; background: none; }
    .start-tour { display: flex; flex-wrap: wrap; align-items: center; gap: var(--moe-sp-3) var(--moe-sp-7); margin: var(--moe-sp-2) 0 var(--moe-sp-6); }
    .start-tour button, .title-row button { font: inherit; font-weight: 700; min-height: 2.4rem; padding: var(--moe-sp-3) var(--moe-sp-8); border-radius: 0.35rem; }
    .start-tour button { background: var(--moe-primary); color: var(--moe-on-accent); border: 2px solid var(--moe-primary); }
    .title-row .tools { display: flex; flex-wrap: wrap; gap: var(--moe-sp-5) var(--moe-sp-8); align-items: center; }
    .title-row button { background: var(--moe-surface); color: var(--moe-text); border: 2px solid var(--moe-text-4); }
    .title-row button[aria-pressed='true'] { background: var(--moe-text); color: var(--moe-surface); }
    section.tour { border: 3px solid var(--moe-primary); margin-bottom: var(--moe-sp-8); background: var(--moe-info-bg-4); }
    /* On a screen tall and wide enough the tour stays at the top while the page scrolls to the panel
       it points at (which stops below what is stuck over it: --tour-cover, set by the page). It takes
       at most 60% of the screen's height (a prediction's answer in presenter mode would fill it),
       scrolling inside beyond that. */
    @media (min-width: 800px) and (min-height: 640px) {
      section.tour { position: sticky; top: 0; z-index: 2; box-shadow: 0 0.3rem 0.6rem var(--moe-shadow); max-height: 60vh; overflow-y: auto; }
    }
    .highlight { scroll-margin-top: calc(var(--tour-cover, 0px) + var(--moe-sp-7)); }
    section.tour { scroll-margin-top: var(--tour-cover, 0px); }
    .highlight { outline: 4px solid var(--moe-primary); outline-offset: 3px; }
    .look { display: inline-block; margin: 0 0 var(--moe-sp-4); padding: var(--moe-sp-1) var(--moe-sp-5); border-radius: 0.3rem; background: var(--moe-primary); color: var(--moe-on-accent); font-weight: 700; font-size: var(--moe-fs-base); }
    .look::before { content: '▶ '; }
    .meter.highlight { display: block; border-radius: 0.3rem; }
    /* On a phone (one column) the picture comes first after the title: the wrappers step aside
       (display: contents) so the title row, the picture and the rest are one column to order. */
    @media (max-width: 800px) {
      :host { display: flex; flex-direction: column; }
      header, main, .stage, .layout, .layout .panels { display: contents; }
      :host > *, header > *, main > *, .stage > *, .layout > *, .panels > * { order: 2; }
      header > .title-row { order: 0; }
      .layout section.picture { order: 1; margin-bottom: var(--moe-sp-8); }
      /* A running tour's card comes before the picture it talks about (it is earlier in the page). */
      .stage > section.tour { order: 1; }
      .layout > section.controls, .panels > section { margin-bottom: var(--moe-sp-8); }
    }
    .numbers { display: grid; grid-template-columns: repeat(auto-fit, minmax(min(100%, 22rem), 1fr)); gap: var(--moe-sp-4) var(--moe-sp-9); align-items: start; }
    /* Presenter mode: the page's root font is larger (index.html), lines thicker, text black, and only
       the panels a lesson needs: controls, load, matrix and captions show only when the tour points at them. */
    :host([presenter]) { --moe-muted: var(--moe-ink); --moe-line: 2px; --moe-stroke: 3px; max-width: none; color: var(--moe-ink); }
    :host([presenter]) section { border: 3px solid var(--moe-ink); }
    :host([presenter]) section.tour { border: 4px solid var(--moe-primary); }
    :host([presenter]) header > p, :host([presenter]) nav, :host([presenter]) .caption, :host([presenter]) export-menu { display: none; }
    :host([presenter]) :is(section.load, section.matrix, section.layers):not(.highlight) { display: none; }
    /* The teacher's tools stay on screen: Previous, Next, Play and the two sliders in a bar at the top. */
    :host([presenter]) section.controls:not(.highlight) { position: sticky; top: 0; z-index: 3; background: var(--moe-surface); padding: var(--moe-sp-4) 0; border: 0; border-bottom: 3px solid var(--moe-ink); }
    :host([presenter]) .layout { grid-template-columns: minmax(0, 1fr); }
    :host([presenter]) .layout:has(section.controls.highlight) { grid-template-columns: minmax(18rem, 24rem) minmax(0, 1fr); }
    :host([presenter]) .highlight { outline-width: 6px; }
    /* Where the tour stays on top of the page, presenter mode's controls stop under it, not over it. */
    @media (min-width: 800px) and (max-width: 1399.98px) and (min-height: 640px) {
      :host([presenter]) .stage:has(section.tour) section.controls:not(.highlight) { top: var(--tour-height, 0px); }
    }
    /* At a projector's width the tour sits in its own column and stays in view while the page scrolls
       to the panel it points at. */
    @media (min-width: 1400px) {
      :host([presenter]) .stage:has(section.tour) { display: grid; grid-template-columns: minmax(22rem, 30rem) minmax(0, 1fr); gap: var(--moe-sp-8); align-items: start; }
      :host([presenter]) section.tour { position: sticky; top: 0.5rem; margin: 0; max-height: calc(100vh - 1rem); }
    }
  `,
];
