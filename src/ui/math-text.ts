/**
 * The paper's symbols in running text: "d_h^R" is shown as d with subscript h and superscript R,
 * "n_h" as n with subscript h. Plain ASCII stays in the sources (and in accessible names); only
 * the rendering changes.
 */
import { html, type TemplateResult } from 'lit';

const SYMBOL = /\b([a-zA-Z])_([a-zA-Z]+)(?:\^([a-zA-Z]+))?/g;

export function mathText(text: string): (string | TemplateResult)[] {
  const out: (string | TemplateResult)[] = [];
  let last = 0;
  for (const m of text.matchAll(SYMBOL)) {
    const at = m.index ?? 0;
    if (at > last) out.push(text.slice(last, at));
    const [, base, sub, sup] = m;
    out.push(sup ? html`<i>${base}</i><sub>${sub}</sub><sup>${sup}</sup>` : html`<i>${base}</i><sub>${sub}</sub>`);
    last = at + m[0].length;
  }
  if (last < text.length) out.push(text.slice(last));
  return out;
}
