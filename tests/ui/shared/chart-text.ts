/**
 * For component tests of charts: the drawn boxes of every non-empty <text> of each svg in a shadow
 * root, and what is wrong with them (a text outside its svg, two texts overlapping).
 */
export function textProblems(root: ShadowRoot, eps = 0.5): string[] {
  const out: string[] = [];
  for (const svg of root.querySelectorAll('svg')) {
    const s = svg.getBoundingClientRect();
    const texts = [...svg.querySelectorAll('text')]
      .filter((t) => (t.textContent ?? '').trim() !== '')
      .map((t) => ({ text: t.textContent!, r: t.getBoundingClientRect() }));
    for (const { text, r } of texts) {
      if (r.left < s.left - eps || r.right > s.right + eps || r.top < s.top - eps || r.bottom > s.bottom + eps)
        out.push(`'${text}' outside its svg`);
    }
    texts.forEach((a, i) =>
      texts.slice(i + 1).forEach((b) => {
        const w = Math.min(a.r.right, b.r.right) - Math.max(a.r.left, b.r.left);
        const h = Math.min(a.r.bottom, b.r.bottom) - Math.max(a.r.top, b.r.top);
        if (w > eps && h > eps) out.push(`'${a.text}' overlaps '${b.text}'`);
      }),
    );
  }
  return out;
}

/** The number of non-empty <text> elements drawn in the shadow root's svgs. */
export const textCount = (root: ShadowRoot): number =>
  [...root.querySelectorAll('svg text')].filter((t) => (t.textContent ?? '').trim() !== '').length;
