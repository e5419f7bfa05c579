import { describe, expect, it } from 'vitest';
import '../../../src/ui/memory/attention-map';

async function mount(matrix: number[], tokens: string[], setup: (el: HTMLElementTagNameMap['attention-map']) => void = () => {}) {
  const el = document.createElement('attention-map');
  el.matrix = matrix;
  el.tokens = tokens;
  el.label = 'Full attention, head 1';
  setup(el);
  document.body.append(el);
  await el.updateComplete;
  return el;
}

describe('<attention-map>', () => {
  it('one cell per allowed pair, later tokens greyed, darker for more attention, with tooltips', async () => {
    const el = await mount([1, 0, 0, 0.25, 0.75, 0, 0.1, 0.2, 0.7], ['the', 'cat', 'runs']);
    const root = el.shadowRoot!;
    const cells = [...root.querySelectorAll('rect.cell')];
    expect(cells).toHaveLength(6);
    expect(root.querySelectorAll('rect.future')).toHaveLength(3);
    expect(cells[0]!.getAttribute('fill')).toBe('rgb(8,48,107)');
    expect(cells[1]!.getAttribute('fill')).toBe('rgb(193,203,218)');
    expect(cells.map((c) => c.querySelector('title')!.textContent)).toContain('“cat” reads “the”: 0.250');
    expect(root.querySelector('svg')!.getAttribute('aria-label')).toBe(
      'Full attention, head 1: 3 by 3 grid, a row for each token reading, a column for each token read. The strongest attention is “the” (1) reading “the” (1): 1.00.',
    );
    expect(root.querySelector('figcaption')!.textContent).toBe('Full attention, head 1');
    el.remove();
  });

  it('a difference map shades by size on its own scale and names the biggest change', async () => {
    const el = await mount([0, 0, -0.2, 0.1], ['a', 'b'], (e) => {
      e.tone = 'diff';
      e.scaleMax = 0.2;
      e.label = 'Difference, head 1';
    });
    const cells = [...el.shadowRoot!.querySelectorAll('rect.cell')];
    expect(cells[1]!.getAttribute('fill')).toBe('rgb(179,38,30)');
    expect(el.shadowRoot!.querySelector('svg')!.getAttribute('aria-label')).toContain(
      'The biggest change is “b” (2) reading “a” (1): 0.20.',
    );
    expect(el.shadowRoot!.textContent).toContain('(its own scale)');
    el.remove();
  });

  it('draws nothing when the matrix does not fit the tokens', async () => {
    const el = await mount([1, 0], ['a', 'b']);
    expect(el.shadowRoot!.querySelector('svg')).toBeNull();
    el.remove();
  });

  it('renders d_c as d with a subscript in the caption', async () => {
    const el = await mount([1], ['a'], (e) => {
      e.label = 'Latent, d_c = 4, head 1';
    });
    expect(el.shadowRoot!.querySelector('figcaption sub')!.textContent).toBe('c');
    el.remove();
  });

  it('has every number in a table alternative, built when it is opened', async () => {
    const el = await mount([1, 0, 0, 0.25, 0.75, 0, 0.1, 0.2, 0.7], ['the', 'cat', 'runs']);
    const root = el.shadowRoot!;
    expect(root.querySelector('table')).toBeNull();
    const details = root.querySelector('details')!;
    details.open = true;
    await new Promise((r) => details.addEventListener('toggle', r, { once: true }));
    await el.updateComplete;
    const rows = [...root.querySelectorAll('tbody tr')].map((tr) => [...tr.children].map((c) => c.textContent));
    expect(rows).toEqual([
      ['the', '1.00', '–', '–'],
      ['cat', '0.25', '0.75', '–'],
      ['runs', '0.10', '0.20', '0.70'],
    ]);
    expect(root.querySelector('.table-wrap')!.getAttribute('tabindex')).toBe('0');
    el.remove();
  });
});
