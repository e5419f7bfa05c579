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

const MARK = /<(em|strong|q|i)>(.*?)<\/\1>/g;

/**
 * A catalogue message with a little emphasis in it: `<em>…</em>`, `<strong>…</strong>`, `<q>…</q>` and `<i>…</i>`
 * (not nested) become those elements; everything else is text (never parsed as HTML). With `math`,
 * the paper's symbols are rendered as in mathText. Lets a translation keep its emphasis where its
 * own word order puts it.
 */
export function richText(text: string, math = false): (string | TemplateResult)[] {
  const plain = (s: string): (string | TemplateResult)[] => (math ? mathText(s) : [s]);
  const out: (string | TemplateResult)[] = [];
  let last = 0;
  for (const m of text.matchAll(MARK)) {
    const at = m.index ?? 0;
    if (at > last) out.push(...plain(text.slice(last, at)));
    const [, tag, inner = ''] = m;
    const body = plain(inner);
    const element = {
      em: () => html`<em>${body}</em>`,
      strong: () => html`<strong>${body}</strong>`,
      q: () => html`<q>${body}</q>`,
      i: () => html`<i>${body}</i>`,
    }[tag as 'em' | 'strong' | 'q' | 'i'];
    out.push(element());
    last = at + m[0].length;
  }
  if (last < text.length) out.push(...plain(text.slice(last)));
  return out;
}
