/**
 * The guided tour of the main page: eight lessons, each a few steps. A step sets the simulator's
 * view (from the defaults, so a step looks the same however it was reached), names the panel it
 * talks about, and may ask the reader to predict a routing before the model shows it. The words are
 * in the message catalogue (src/ui/i18n/lessons.ts), keyed by lesson and step id; the numbers they
 * quote come from `lessonFacts`, i.e. from the live trace or from published configs.
 *
 * In the URL a step is `lesson=L.S`, both counted from 1 (lesson=4.2: lesson 4, step 2).
 */
import type { MoeConfig } from '../core/config';
import { defaultView, type ViewState } from './view';

/** The parts of the main page a step can point at ('picture': the routing picture of one token, first on the page). */
export const PANELS = ['picture', 'tokens', 'meter', 'router', 'experts', 'load', 'matrix', 'controls'] as const;
export type PanelId = (typeof PANELS)[number];

/**
 * How far the routing picture has gone when a step shows it: held once the router has scored
 * ('scores': no link drawn, no expert lit), once the links are drawn ('links'), once the experts
 * are lit ('experts'), or the whole flow ('done', the default).
 */
export const PICTURE_STAGES = ['scores', 'links', 'experts', 'done'] as const;
export type PictureStage = (typeof PICTURE_STAGES)[number];

/** The lesson pages in demos/, in the tour's order, and where they are from the main page. */
export const LESSON_PAGES = {
  routers: 'demos/routers.html',
  sparsity: 'demos/sparsity.html',
  experts: 'demos/experts.html',
  capacity: 'demos/capacity.html',
  training: 'demos/training.html',
  balance: 'demos/balance.html',
  scale: 'demos/scale.html',
  memory: 'demos/memory.html',
  experiments: 'demos/experiments.html',
} as const;
export type LessonPage = keyof typeof LESSON_PAGES;

export interface LessonStep {
  id: string;
  panel: PanelId | null;
  /** Changes from the default view; the config part is merged into the default config. */
  setup: { config?: Partial<MoeConfig>; text?: string; position?: number; gamma?: number; biasSteps?: number };
  /**
   * Predict, then check: the page stops on the token before `position`, hides where `position`
   * and the tokens after it go, and asks which expert that token goes to first.
   */
  predict?: { position: number };
  link?: LessonPage;
  /** Where the routing picture stops, for a step whose words tell of a point before the end (default 'done'). */
  picture?: PictureStage;
}

export interface Lesson {
  id: 'topk' | 'sparsity' | 'experts' | 'capacity' | 'balance' | 'scale' | 'memory' | 'experiments';
  steps: readonly LessonStep[];
}

const CAT_TWICE = 'the old cat sleeps and the cat eats .';
const LONG = 'the quick brown fox jumps over the lazy dog and the big black horse runs to the river .';
const BIRDS = 'two red birds sing in the old tree and five white owls sleep near a tall house .';
/** Seed 60, top-1, sigmoid router: this sentence's load starts uneven (one expert idle) and 20 bias updates at γ = 0.02 even it out. */
const BALANCE_CONFIG: Partial<MoeConfig> = { router: 'sigmoid-bias', topK: 1, seed: 60 };

export const LESSONS: readonly Lesson[] = [
  {
    id: 'topk',
    steps: [
      { id: 'tokens', panel: 'tokens', setup: { text: CAT_TWICE, position: 0 } },
      // "Nothing else has run yet": the picture holds after the router's scores.
      { id: 'scores', panel: 'picture', setup: { text: CAT_TWICE, position: 2 }, picture: 'scores' },
      { id: 'topk', panel: 'picture', setup: { text: CAT_TWICE, position: 2 } },
      { id: 'predict', panel: 'tokens', setup: { text: CAT_TWICE, position: 5 }, predict: { position: 6 } },
      { id: 'try', panel: 'controls', setup: { text: CAT_TWICE, position: 2, config: { topK: 4 } }, link: 'routers' },
    ],
  },
  {
    id: 'sparsity',
    steps: [
      { id: 'meter', panel: 'meter', setup: { position: 1 } },
      { id: 'many', panel: 'meter', setup: { position: 1, config: { routedExperts: 64 } } },
      { id: 'real', panel: 'meter', setup: { position: 1, config: { routedExperts: 64 } }, link: 'sparsity' },
    ],
  },
  {
    id: 'experts',
    steps: [
      { id: 'fine', panel: 'experts', setup: { position: 1, config: { granularity: 4 } } },
      { id: 'combos', panel: 'router', setup: { position: 1, config: { granularity: 4 } } },
      { id: 'shared', panel: 'experts', setup: { position: 1, config: { sharedExperts: 1 } } },
      {
        id: 'predict',
        panel: 'tokens',
        setup: { text: CAT_TWICE, position: 5, config: { sharedExperts: 1, granularity: 2 } },
        predict: { position: 6 },
        link: 'experts',
      },
    ],
  },
  {
    id: 'capacity',
    steps: [
      { id: 'limit', panel: 'load', setup: { text: LONG, config: { capacityFactor: 1 } } },
      { id: 'dropped', panel: 'tokens', setup: { text: LONG, config: { capacityFactor: 1 } } },
      { id: 'nolimit', panel: 'load', setup: { text: LONG, config: { capacityFactor: null } }, link: 'capacity' },
    ],
  },
  {
    id: 'balance',
    steps: [
      { id: 'imbalance', panel: 'load', setup: { text: BIRDS, config: BALANCE_CONFIG, gamma: 0.02 } },
      { id: 'bias', panel: 'router', setup: { text: BIRDS, config: BALANCE_CONFIG, gamma: 0.02, biasSteps: 20 } },
      { id: 'after', panel: 'load', setup: { text: BIRDS, config: BALANCE_CONFIG, gamma: 0.02, biasSteps: 20 }, link: 'balance' },
    ],
  },
  {
    id: 'scale',
    steps: [
      {
        id: 'routing',
        panel: 'router',
        setup: {
          position: 1,
          config: { routedExperts: 256, topK: 8, sharedExperts: 1, router: 'sigmoid-bias', nGroup: 8, topkGroup: 4, routeScale: 2.5 },
        },
      },
      {
        id: 'count',
        panel: 'meter',
        setup: {
          position: 1,
          config: { routedExperts: 256, topK: 8, sharedExperts: 1, router: 'sigmoid-bias', nGroup: 8, topkGroup: 4, routeScale: 2.5 },
        },
        link: 'scale',
      },
    ],
  },
  {
    id: 'memory',
    steps: [
      { id: 'cache', panel: null, setup: {} },
      { id: 'latent', panel: null, setup: {}, link: 'memory' },
    ],
  },
  {
    id: 'experiments',
    steps: [
      // Words of a kind meet the same experts: the assignment matrix of a sentence with two of each.
      { id: 'kinds', panel: 'matrix', setup: { text: BIRDS, position: 1 } },
      { id: 'papers', panel: null, setup: { text: BIRDS, position: 1 }, link: 'experiments' },
    ],
  },
];

export interface StepRef {
  /** Lesson index, from 0. */
  lesson: number;
  /** Step index within the lesson, from 0. */
  step: number;
}

export function stepOf(ref: StepRef): LessonStep {
  return LESSONS[ref.lesson]!.steps[ref.step]!;
}

/** `lesson=L.S` (or just `L`, meaning its first step), counted from 1; null if it names no step. */
export function parseLessonRef(raw: string | null): StepRef | null {
  if (raw === null) return null;
  const m = /^\s*(\d{1,3})(?:\.(\d{1,3}))?\s*$/.exec(raw);
  if (!m) return null;
  const lesson = Number(m[1]) - 1;
  const step = m[2] === undefined ? 0 : Number(m[2]) - 1;
  const l = LESSONS[lesson];
  if (!l || step < 0 || step >= l.steps.length) return null;
  return { lesson, step };
}

export function formatLessonRef(ref: StepRef): string {
  return `${ref.lesson + 1}.${ref.step + 1}`;
}

/** The step after (+1) or before (-1) this one, across lessons; null past either end. */
export function moveStep(ref: StepRef, delta: 1 | -1): StepRef | null {
  const lesson = LESSONS[ref.lesson];
  if (!lesson) return null;
  const step = ref.step + delta;
  if (step >= 0 && step < lesson.steps.length) return { lesson: ref.lesson, step };
  const next = ref.lesson + delta;
  const other = LESSONS[next];
  if (!other) return null;
  return { lesson: next, step: delta > 0 ? 0 : other.steps.length - 1 };
}

/** Steps before this one in the whole tour, and the tour's length: for the progress bar. */
export function tourProgress(ref: StepRef): { done: number; total: number } {
  const total = LESSONS.reduce((a, l) => a + l.steps.length, 0);
  const done = LESSONS.slice(0, ref.lesson).reduce((a, l) => a + l.steps.length, 0) + ref.step;
  return { done, total };
}

/** The view a step opens: the defaults with the step's changes; a prediction stops before its token. */
export function lessonView(step: LessonStep): ViewState {
  const base = defaultView();
  const s = step.setup;
  return {
    ...base,
    config: { ...base.config, ...s.config },
    text: s.text ?? base.text,
    position: step.predict ? step.predict.position - 1 : (s.position ?? 0),
    gamma: s.gamma ?? base.gamma,
    biasSteps: s.biasSteps ?? 0,
  };
}
