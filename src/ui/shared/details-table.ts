/**
 * A chart's numbers as a table, folded under a summary line (open it to read them): the same
 * numbers as the picture, for screen readers and for anyone who wants the figures.
 */
import { html } from 'lit';

/** `<details>` with its `summary`, then the table: `head` in its <thead>, `body` in its <tbody>. */
export function detailsTable(summary: unknown, head: unknown, body: unknown) {
  return html`<details>
    <summary>${summary}</summary>
    <table>
      <thead>${head}</thead>
      <tbody>${body}</tbody>
    </table>
  </details>`;
}
