/**
 * Old links keep working: every link form the README and the lessons use decodes, on the page it
 * opens, to the state it means, with no notice; and each page's canonical link is pinned as written
 * before the one URL schema (src/state/url-schema.ts), so links already shared still match.
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../../src/core/config';
import { DEFAULT_SENTENCE } from '../../src/core/corpus';
import { DEFAULT_TRAIN } from '../../src/core/training';
import { decodeExperimentsView } from '../../src/state/experiments-url';
import { decodeCapacityView, encodeCapacityView } from '../../src/state/capacity-url';
import { backendOf, langOf, withKeptKeys } from '../../src/state/lang';
import { decodeLesson, encodeLesson } from '../../src/state/lesson-url';
import { formatLessonRef, LESSON_PAGES, LESSONS, lessonView, parseLessonRef, type LessonPage } from '../../src/state/lessons';
import { themeOf } from '../../src/state/theme';
import { decodeBalanceView, decodeTrainView, encodeBalanceView, encodeTrainView } from '../../src/state/train-url';
import { decodeView, encodeView, otherKeyNotices } from '../../src/state/url';
import { defaultView } from '../../src/state/view';
import { tourFromQuery } from '../../src/ui/simulator/tour-controller';
import { codedData } from '../coded-data';

const SENTENCE = new URLSearchParams({ t: DEFAULT_SENTENCE }).toString().slice(2);

describe('the README’s link forms', () => {
  it('main page: lesson=, present=, lang=, theme=, backend= open the default view with no notice, and their own modules read them', () => {
    for (const q of ['?lesson=4.2', '?lesson=3', '?present=1', '?present=0', '?lang=zh', '?theme=dark', '?backend=cpu', '?backend=wasm']) {
      expect(decodeView(q), q).toEqual({ view: defaultView(), notices: [] });
    }
    expect(parseLessonRef(new URLSearchParams('?lesson=4.2').get('lesson'))).toEqual({ lesson: 3, step: 1 });
    // A link with only these keys opens the step as designed; one that also holds a view keeps it.
    expect(tourFromQuery('?lesson=4.2&present=1&lang=zh&theme=dark&backend=cpu')).toEqual({
      ref: { lesson: 3, step: 1 },
      problem: null,
      viewInLink: false,
    });
    expect(tourFromQuery(`${encodeView(defaultView())}&lesson=4.2`).viewInLink).toBe(true);
    expect(langOf('?lang=zh')).toBe('zh');
    expect(themeOf('?theme=dark')).toBe('dark');
    expect(backendOf('?backend=cpu')).toBe('cpu');
  });

  it('teacher mode: hide=router,seed', () => {
    expect(decodeView('?hide=router,seed')).toEqual({ view: { ...defaultView(), hide: ['router', 'seed'] }, notices: [] });
  });

  it('gate weights: gn=chosen and gn=all', () => {
    expect(decodeView('?gn=all')).toEqual({ view: { ...defaultView(), config: { ...DEFAULT_CONFIG, gateNorm: 'all' } }, notices: [] });
    expect(decodeView('?gn=chosen')).toEqual({ view: defaultView(), notices: [] });
  });

  it('the capacity lesson: e k cf r seed text', () => {
    const d = decodeCapacityView('?e=16&k=3&cf=1.25&r=noisy-topk&seed=7&text=two+red+birds&lang=zh');
    expect(d.notices).toEqual([]);
    expect(d.ignored).toEqual([]);
    expect(d.view).toEqual({
      config: { ...DEFAULT_CONFIG, routedExperts: 16, topK: 3, capacityFactor: 1.25, router: 'noisy-topk', seed: 7 },
      text: 'two red birds',
    });
  });

  it('the lesson pages: e k s m seed text', () => {
    const d = decodeLesson('?e=16&k=4&s=1&m=2&seed=7&text=the+red+fox');
    expect(d.notices).toEqual([]);
    expect(d.config).toEqual({ ...DEFAULT_CONFIG, routedExperts: 16, topK: 4, sharedExperts: 1, granularity: 2, seed: 7 });
    expect(d.text).toBe('the red fox');
  });

  it('the training pages’ links from the tests and the README', () => {
    const t = decodeTrainView('?L=2&z=0.001');
    expect(t.notices).toEqual([]);
    expect(t.view.config).toEqual({ ...DEFAULT_CONFIG, layers: 2 });
    expect(t.view.settings).toEqual({ ...DEFAULT_TRAIN, zLoss: 0.001 });
    const b = decodeBalanceView('?left=switch&right=bias%2Bseq&e=6');
    expect(b.notices).toEqual([]);
    expect(b.view).toMatchObject({
      left: 'switch',
      right: 'bias+seq',
      config: { routedExperts: 6, router: 'sigmoid-bias', topK: 1, seed: 3 },
    });
  });

  it('tfjsflags= is reported like any unknown key (tfjs never reads it)', () => {
    expect(decodeView('?tfjsflags=WEBGL_VERSION:1').notices.map(codedData)).toEqual([{ code: 'link.unknown', args: { key: 'tfjsflags' } }]);
  });
});

describe('the lessons’ link forms', () => {
  const steps = LESSONS.flatMap((l, lesson) => l.steps.map((step, i) => ({ step, ref: formatLessonRef({ lesson, step: i }) })));

  it('every tour step’s view, copied mid-lesson with its lesson=, decodes to that view with no notice', () => {
    for (const { step, ref } of steps) {
      const view = lessonView(step);
      const link = `${encodeView(view)}&lesson=${ref}&present=1`;
      expect(decodeView(link), ref).toEqual({ view, notices: [] });
    }
  });

  /** The notices each page a step links to gives for a query. */
  const PAGE_NOTICES: Record<LessonPage, (q: string) => unknown[]> = {
    routers: (q) => otherKeyNotices(q),
    sparsity: (q) => decodeLesson(q).notices,
    experts: (q) => decodeLesson(q).notices,
    capacity: (q) => [...decodeCapacityView(q).notices, ...decodeCapacityView(q).ignored],
    training: (q) => decodeTrainView(q).notices,
    balance: (q) => decodeBalanceView(q).notices,
    scale: (q) => decodeView(q).notices,
    memory: (q) => otherKeyNotices(q),
    experiments: (q) => [...decodeExperimentsView(q).notices, ...decodeExperimentsView(q).ignored],
  };

  it('every page a step links to takes the kept keys (language, backend, theme) with no notice', () => {
    const kept = withKeptKeys('', '?lang=zh&backend=cpu&theme=dark');
    expect(kept).toBe('?lang=zh&backend=cpu&theme=dark');
    const linked = new Set(steps.map(({ step }) => step.link).filter((p) => p !== undefined));
    expect(linked.size).toBeGreaterThan(0);
    for (const page of Object.keys(LESSON_PAGES) as LessonPage[]) expect(PAGE_NOTICES[page](kept), page).toEqual([]);
  });

  it('the scale page reads the simulator’s view (the main page’s link to it) with no notice', () => {
    for (const { step } of steps) {
      const view = lessonView(step);
      expect(decodeView(withKeptKeys(encodeView(view), '?lang=zh'))).toEqual({ view, notices: [] });
    }
  });

  it('a lesson page’s link home (encodeLesson) opens the same model and sentence on the simulator', () => {
    for (const { step } of steps) {
      const { config, text } = lessonView(step);
      const d = decodeView(encodeLesson({ config, text }));
      expect(d.notices).toEqual([]);
      expect(d.view).toEqual({ ...defaultView(), config, text });
    }
  });
});

describe('canonical links, as written before the one schema', () => {
  it('simulator', () => {
    expect(encodeView(defaultView())).toBe(
      `?d=32&e=8&k=2&s=0&h=64&m=1&cf=none&r=softmax-topk&noise=1&g=1&tg=1&rs=1&gn=chosen&L=1&seed=1&text=${SENTENCE}&pos=0&gamma=0.01&bs=0&speed=2&layer=0`,
    );
    expect(encodeView({ ...defaultView(), hide: ['seed', 'router'] })).toMatch(/&layer=0&hide=seed%2Crouter$/);
  });

  it('training and balance pages', () => {
    const t = decodeTrainView('').view;
    expect(encodeTrainView(t)).toBe(
      `?d=32&e=8&k=2&s=0&h=64&m=1&cf=none&r=softmax-topk&noise=1&g=1&tg=1&rs=1&gn=chosen&L=1&seed=1&text=${SENTENCE}&pos=0&layer=0&lr=0.03&batch=8&alpha=0.01&gamma=0.01&seqa=0.0001&z=0&bal=none`,
    );
    expect(encodeBalanceView(decodeBalanceView('').view)).toBe(
      '?d=32&e=8&k=1&s=0&h=64&m=1&cf=none&r=sigmoid-bias&noise=1&g=1&tg=1&rs=1&gn=chosen&L=1&seed=3&lr=0.03&batch=8&alpha=0.01&gamma=0.01&seqa=0.0001&z=0&left=none&right=bias',
    );
  });

  it('capacity and lesson pages', () => {
    expect(encodeCapacityView(decodeCapacityView('').view)).toBe(`?e=8&k=2&cf=none&r=softmax-topk&seed=1&text=${SENTENCE}`);
    const lesson = decodeLesson('');
    expect(encodeLesson(lesson)).toBe(`?e=8&k=2&s=0&m=1&seed=1&text=${SENTENCE}`);
    expect(encodeLesson({ ...lesson, config: { ...lesson.config, modelWidth: 16, router: 'sigmoid-bias' } })).toBe(
      `?d=16&e=8&k=2&s=0&m=1&r=sigmoid-bias&seed=1&text=${SENTENCE}`,
    );
  });
});
