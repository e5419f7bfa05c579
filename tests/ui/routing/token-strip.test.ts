import { describe, expect, it } from 'vitest';
import type { TokenRouting, TokenTrace } from '../../../src/core/trace';
import { setLang } from '../../../src/ui/i18n/locale';
import '../../../src/ui/routing/token-strip';
import type { TokenSelectEvent } from '../../../src/ui/shared/events';
import { expertColour, NO_EXPERT_COLOUR, textOn } from '../../../src/ui/shared/palette';

/** A #rgb or #rrggbb colour as getComputedStyle writes it. */
function computed(hex: string): string {
  const h = hex.length === 4 ? [...hex.slice(1)].map((c) => c + c).join('') : hex.slice(1);
  return `rgb(${[0, 2, 4].map((i) => parseInt(h.slice(i, i + 2), 16)).join(', ')})`;
}

const tokens: TokenTrace[] = [
  { index: 0, text: 'the', id: 1, category: 'function', unknown: false },
  { index: 1, text: 'zebra', id: 0, category: 'unknown', unknown: true },
  { index: 2, text: 'runs', id: 5, category: 'verb', unknown: false },
];
const route = (experts: number[], dropped: boolean[]): TokenRouting => ({
  logits: [0, 0, 0, 0],
  scores: [0.25, 0.25, 0.25, 0.25],
  experts,
  weights: experts.map(() => 1 / experts.length),
  dropped,
  used: dropped.filter((d) => !d).length,
  skipped: dropped.every((d) => d),
});

async function mount() {
  const el = document.createElement('token-strip');
  el.tokens = tokens;
  el.routing = [route([2, 0], [false, false]), route([1, 3], [false, true]), route([3], [true])];
  el.current = 1;
  document.body.append(el);
  await el.updateComplete;
  return el;
}

describe('<token-strip>', () => {
  it('renders one labelled chip per token with its experts, marks unknown and dropped; the name holds the visible text', async () => {
    const el = await mount();
    const buttons = [...el.shadowRoot!.querySelectorAll('button')];
    expect(buttons.map((b) => b.getAttribute('aria-label'))).toEqual([
      'token 1: the E2 E0',
      'token 2: zebra E1 ✕3 unknown (not in the vocabulary; E3 dropped, over capacity)',
      'token 3: runs ✕3 dropped (no expert ran; E3 dropped, over capacity)',
    ]);
    expect(buttons[1]!.getAttribute('aria-current')).toBe('true');
    expect(buttons[1]!.textContent).toContain('✕3');
    expect(buttons[2]!.textContent).toContain('dropped');
    el.remove();
  });

  it('colours a chip by its top kept expert, patterned from expert 8 on, grey when no expert ran; text in black or white', async () => {
    const el = await mount();
    el.routing = [route([2, 0], [false, false]), route([9, 3], [false, true]), route([3], [true])];
    await el.updateComplete;
    const buttons = [...el.shadowRoot!.querySelectorAll('button')].map((b) => getComputedStyle(b));
    expect(buttons.map((b) => b.backgroundColor)).toEqual([
      computed(expertColour(2)),
      computed(expertColour(9)),
      computed(NO_EXPERT_COLOUR),
    ]);
    expect(buttons.map((b) => b.color)).toEqual([textOn(expertColour(2)), textOn(expertColour(9)), textOn(NO_EXPERT_COLOUR)].map(computed));
    expect(buttons[0]!.backgroundImage).toBe('none');
    expect(buttons[1]!.backgroundImage).toContain('repeating-linear-gradient');
    el.remove();
  });

  it('sends token-select with the index when a chip is clicked, and re-renders on new props', async () => {
    const el = await mount();
    const got: number[] = [];
    el.addEventListener('token-select', (e: TokenSelectEvent) => got.push(e.index));
    el.shadowRoot!.querySelectorAll('button')[2]!.click();
    expect(got).toEqual([2]);
    el.current = 2;
    await el.updateComplete;
    expect(el.shadowRoot!.querySelectorAll('button')[2]!.getAttribute('aria-current')).toBe('true');
    el.remove();
  });

  it('marks words classed from context (not in the lexicon) on the chip and in its name, and names them once under the strip', async () => {
    const el = await mount();
    expect(el.shadowRoot!.querySelector('.note')).toBeNull();
    el.tokens = [
      { index: 0, text: 'the', id: 1, category: 'function', unknown: false },
      { index: 1, text: 'florbish', id: 3, category: 'adjective', unknown: false, tagged: true },
      { index: 2, text: 'florbish', id: 3, category: 'adjective', unknown: false, tagged: true },
    ];
    el.routing = [route([2, 0], [false, false]), route([1], [false]), route([1], [false])];
    await el.updateComplete;
    const chip = el.shadowRoot!.querySelectorAll('button')[1]!;
    expect(chip.getAttribute('aria-label')).toBe(
      'token 2: florbish E1 tagged: adjective (not in the lexicon, classed from context as adjective)',
    );
    expect(chip.querySelector('.mark')!.textContent).toBe('tagged: adjective');
    expect(chip.classList.contains('unknown')).toBe(false);
    const note = el.shadowRoot!.querySelector('.note')!;
    expect(note.textContent!.replace(/\s+/g, ' ')).toBe('Not in the lexicon, classed from context: florbish (adjective)');
    expect(note.querySelector('[translate="no"]')!.textContent).toBe('florbish');
    setLang('zh', { url: false });
    await el.updateComplete;
    expect(chip.querySelector('.mark')!.textContent).toBe('推断：形容词');
    expect(el.shadowRoot!.querySelector('.note')!.textContent!.replace(/\s+/g, ' ')).toBe(
      '不在词库中、按上下文归类的词：florbish（形容词）',
    );
    setLang('en', { url: false });
    el.remove();
  });
});
