/**
 * Style rules every component shares, for accessibility: one visible focus ring for keyboard users,
 * no motion when the reader asked for less (prefers-reduced-motion), and text that only screen
 * readers get. Shadow roots do not inherit page styles, so each component adds these to its own.
 */
import { css } from 'lit';

/**
 * A 3 px black ring outside any focused control. `:where()` keeps its specificity at one pseudo-class,
 * so a component's own `button:focus-visible` rule still wins where it needs another offset.
 */
export const focusRing = css`
  :where(a, button, input, select, textarea, summary, [tabindex]):focus-visible { outline: 3px solid #000; outline-offset: 2px; }
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
  .vh { position: absolute; width: 1px; height: 1px; margin: -1px; padding: 0; overflow: hidden; clip: rect(0 0 0 0);
    clip-path: inset(50%); white-space: nowrap; border: 0; }
`;

/** All of the above. */
export const a11yStyles = [focusRing, reducedMotion, visuallyHidden];
