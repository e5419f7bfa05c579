import { afterEach, describe, expect, it } from 'vitest';
import { userEvent } from 'vitest/browser';
import { setLang } from '../../../src/ui/i18n/locale';
import type { TrainShapeEvent, WeightsModeEvent } from '../../../src/ui/shared/events';
import '../../../src/ui/simulator/weights-control';
import type { WeightsControl } from '../../../src/ui/simulator/weights-control';
import type { WeightsMode, WeightsStatus } from '../../../src/ui/simulator/weights-status';

let box: HTMLDivElement | null = null;

afterEach(() => {
  setLang('en', { url: false });
  document.documentElement.classList.remove('presenter');
  document.documentElement.style.fontSize = '';
  box?.remove();
  box = null;
});

/** Mounts the control in a box of the given width. */
async function mount(status: WeightsStatus, mode: WeightsMode = 'trained', width = 900): Promise<WeightsControl> {
  box = document.createElement('div');
  box.style.width = `${width}px`;
  const el = document.createElement('weights-control');
  el.mode = mode;
  el.status = status;
  box.append(el);
  document.body.append(box);
  await el.updateComplete;
  return el;
}

const $ = <T extends Element = HTMLElement>(el: WeightsControl, sel: string): T | null => el.shadowRoot!.querySelector<T>(sel);
const $$ = <T extends Element = HTMLElement>(el: WeightsControl, sel: string): T[] => [...el.shadowRoot!.querySelectorAll<T>(sel)];
const squash = (s: string | null | undefined) => (s ?? '').replace(/\s+/g, ' ').trim();
const line = (el: WeightsControl) => squash($(el, '[role="status"]')!.textContent);
const radios = (el: WeightsControl) => $$<HTMLButtonElement>(el, '[role="radio"]');

const TRAINED: WeightsStatus = {
  kind: 'trained',
  source: 'checkpoint',
  steps: 300,
  heldOutLoss: 3.4149,
  untrainedLoss: 7.05,
  specialisation: 0.7366,
};
const LIVE: WeightsStatus = { ...TRAINED, source: 'live', steps: 120 };
const TRAINING: WeightsStatus = { kind: 'training', step: 37, steps: 120, loss: 3.9 };

/** Each status, the status line and the text beside it, in English and in Chinese. */
const CASES: { status: WeightsStatus; en: [string, string]; zh: [string, string] }[] = [
  {
    status: { kind: 'loading' },
    en: ['Loading trained weights… (random weights shown meanwhile)', ''],
    zh: ['正在加载训练好的权重…（暂时显示随机权重）', ''],
  },
  {
    status: TRAINED,
    en: ['Trained weights: 300 steps; held-out next-word loss 3.41 (random: 7.05); specialisation 0.74', ''],
    zh: ['训练好的权重：300 步；留出句子上的下一词损失 3.41（随机：7.05）；专业化得分 0.74', ''],
  },
  {
    status: LIVE,
    en: ['Trained here just now: 120 steps; held-out next-word loss 3.41 (random: 7.05); specialisation 0.74', ''],
    zh: ['刚在本页训练：120 步；留出句子上的下一词损失 3.41（随机：7.05）；专业化得分 0.74', ''],
  },
  {
    status: { kind: 'none' },
    en: ['No trained weights ship for this shape.', 'Train this shape a few seconds'],
    zh: ['这个模型结构没有随附训练好的权重。', '训练这个结构 只需几秒'],
  },
  {
    status: TRAINING,
    en: ['Training this shape…', 'step 37 of 120, loss 3.90 Stop'],
    zh: ['正在训练这个结构…', '第 37 步，共 120 步，损失 3.90 停止'],
  },
  {
    status: { kind: 'failed', message: 'The checkpoint file is truncated.' },
    en: ['The checkpoint file is truncated. Showing the random model.', ''],
    zh: ['The checkpoint file is truncated. 现在显示的是随机模型。', ''],
  },
  {
    status: { kind: 'random' },
    en: ['Random weights: the router has learned nothing, so which experts a word gets is chance.', ''],
    zh: ['随机权重：路由器什么也没学到，所以一个词分到哪些专家全凭偶然。', ''],
  },
];

describe('<weights-control>', () => {
  it('words every status in English and in Chinese, in a polite live region, with its buttons beside it', async () => {
    for (const c of CASES) {
      const el = await mount(c.status, c.status.kind === 'random' ? 'random' : 'trained');
      const status = $(el, '[role="status"]')!;
      expect(status.getAttribute('aria-live')).toBe('polite');
      expect([line(el), squash($(el, '.actions')?.textContent)], c.status.kind).toEqual(c.en);
      setLang('zh', { url: false });
      await el.updateComplete;
      expect([line(el), squash($(el, '.actions')?.textContent)], c.status.kind).toEqual(c.zh);
      expect(radios(el).map((r) => squash(r.textContent))).toEqual(['已训练', '随机']);
      expect(squash($(el, '#name')!.textContent)).toBe('权重');
      setLang('en', { url: false });
      await el.updateComplete;
      box!.remove();
    }
  });

  it('is a radio group named "Weights": the chosen option is checked and the only one Tab reaches', async () => {
    const el = await mount(TRAINED);
    const group = $(el, '[role="radiogroup"]')!;
    expect(squash(el.shadowRoot!.getElementById(group.getAttribute('aria-labelledby')!)!.textContent)).toBe('Weights');
    expect(radios(el).map((r) => [squash(r.textContent), r.getAttribute('aria-checked'), r.tabIndex])).toEqual([
      ['Trained', 'true', 0],
      ['Random', 'false', -1],
    ]);
    el.mode = 'random';
    await el.updateComplete;
    expect(radios(el).map((r) => r.getAttribute('aria-checked'))).toEqual(['false', 'true']);
  });

  it('sends weights-mode with the chosen mode on a click, and not for the option already chosen', async () => {
    const el = await mount(TRAINED);
    const got: WeightsMode[] = [];
    el.addEventListener('weights-mode', (e: WeightsModeEvent) => got.push(e.mode));
    radios(el)[1]!.click();
    await el.updateComplete;
    radios(el)[1]!.click();
    radios(el)[0]!.click();
    expect(got).toEqual(['random', 'trained']);
  });

  it('is keyboard operable: the arrow keys move the choice and the focus, Home and End go to the ends', async () => {
    const el = await mount(TRAINED);
    const got: WeightsMode[] = [];
    el.addEventListener('weights-mode', (e: WeightsModeEvent) => got.push(e.mode));
    radios(el)[0]!.focus();
    await userEvent.keyboard('{ArrowRight}');
    await el.updateComplete;
    expect(el.shadowRoot!.activeElement).toBe(radios(el)[1]);
    expect(radios(el)[1]!.getAttribute('aria-checked')).toBe('true');
    await userEvent.keyboard('{ArrowLeft}');
    await userEvent.keyboard('{ArrowLeft}');
    await userEvent.keyboard('{Home}');
    await userEvent.keyboard('{End}');
    await el.updateComplete;
    expect(got).toEqual(['random', 'trained', 'random', 'trained', 'random']);
    expect(el.shadowRoot!.activeElement).toBe(radios(el)[1]);
  });

  it('"Train this shape" sends train-shape, by click and by keyboard', async () => {
    const el = await mount({ kind: 'none' });
    const got: boolean[] = [];
    el.addEventListener('train-shape', (e: TrainShapeEvent) => got.push(e.cancel));
    const train = $<HTMLButtonElement>(el, 'button.train')!;
    expect(train.getAttribute('aria-describedby')).toBe('few');
    train.click();
    train.focus();
    await userEvent.keyboard('{Enter}');
    expect(got).toEqual([false, false]);
  });

  it('while training: a progress bar named "Training this shape" at the step, and Stop sends train-shape with cancel', async () => {
    const el = await mount(TRAINING);
    const bar = $<HTMLProgressElement>(el, 'progress')!;
    expect(bar.getAttribute('aria-label')).toBe('Training this shape');
    expect([bar.value, bar.max]).toEqual([37, 120]);
    expect(squash(el.shadowRoot!.getElementById(bar.getAttribute('aria-describedby')!)!.textContent)).toBe('step 37 of 120, loss 3.90');
    const got: boolean[] = [];
    el.addEventListener('train-shape', (e: TrainShapeEvent) => got.push(e.cancel));
    $<HTMLButtonElement>(el, 'button.stop')!.click();
    expect(got).toEqual([true]);
    el.status = { kind: 'training', step: 0, steps: 120, loss: null };
    await el.updateComplete;
    expect(squash($(el, '.steps')!.textContent)).toBe('step 0 of 120');
    setLang('zh', { url: false });
    await el.updateComplete;
    expect($(el, 'progress')!.getAttribute('aria-label')).toBe('训练这个结构');
  });

  it('wraps at phone width: nothing overflows a 360 px column, in English and in Chinese, even in presenter mode', async () => {
    for (const status of [
      TRAINED,
      TRAINING,
      { kind: 'none' } as const,
      { kind: 'failed', message: 'A checkpoint for 64 experts does not fit 8.' } as const,
    ]) {
      for (const lang of ['en', 'zh'] as const) {
        for (const presenter of [false, true]) {
          document.documentElement.classList.toggle('presenter', presenter);
          document.documentElement.style.fontSize = presenter ? '140%' : '';
          setLang(lang, { url: false });
          const el = await mount(status, 'trained', 360);
          const what = `${status.kind} ${lang} ${presenter ? 'presenter' : ''}`;
          expect(el.scrollWidth, what).toBeLessThanOrEqual(el.clientWidth);
          const right = box!.getBoundingClientRect().right + 0.5;
          for (const part of $$(el, 'button, progress, p, span'))
            expect(part.getBoundingClientRect().right, what).toBeLessThanOrEqual(right);
          if (presenter)
            for (const part of $$(el, 'button, p, .steps, .hint, .name'))
              expect(parseFloat(getComputedStyle(part).fontSize), what).toBeGreaterThanOrEqual(20);
          box!.remove();
        }
      }
    }
  });
});
