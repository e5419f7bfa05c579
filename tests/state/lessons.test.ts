import { readShipped } from '../node-weights';
import { afterEach, describe, expect, it } from 'vitest';
import { combinations } from '../../src/core/lesson-math';
import { lessonFacts, publishedFacts } from '../../src/state/lesson-facts';
import {
  formatLessonRef,
  LESSONS,
  lessonView,
  moveStep,
  parseLessonRef,
  stepOf,
  tourProgress,
  type StepRef,
} from '../../src/state/lessons';
import { initialState, Simulator } from '../../src/state/simulator';
import { CATALOGUE } from '../../src/ui/i18n/all';
import { stageAt } from '../../src/ui/routing/flow-marks';
import { pictureFreeze } from '../../src/ui/simulator/tour-controller';

let sims: Simulator[] = [];
afterEach(() => {
  for (const s of sims) s.dispose();
  sims = [];
});

/** The step as the page opens it: with the shipped trained weights where a checkpoint fits (read from disk). */
async function open(ref: StepRef): Promise<Simulator> {
  const sim = new Simulator(initialState(lessonView(stepOf(ref))), { fetchCheckpoint: readShipped });
  sims.push(sim);
  await sim.refresh();
  await sim.idle();
  return sim;
}

function allRefs(): StepRef[] {
  return LESSONS.flatMap((l, lesson) => l.steps.map((_, step) => ({ lesson, step })));
}

describe('lesson references in the URL', () => {
  it('reads L.S and L, counted from 1', () => {
    expect(parseLessonRef('4.2')).toEqual({ lesson: 3, step: 1 });
    expect(parseLessonRef('1')).toEqual({ lesson: 0, step: 0 });
    expect(parseLessonRef(' 7.2 ')).toEqual({ lesson: 6, step: 1 });
    expect(formatLessonRef({ lesson: 3, step: 1 })).toBe('4.2');
  });

  it('refuses what names no step', () => {
    for (const bad of ['0', '9', '1.0', '1.99', '-1', '1.2.3', 'abc', '', '1e1', '2.', null]) expect(parseLessonRef(bad)).toBeNull();
  });
});

describe('the tour', () => {
  it('has the seven lessons of the issue, in order, then the experiments lesson (issue 16)', () => {
    expect(LESSONS.map((l) => l.id)).toEqual(['topk', 'sparsity', 'experts', 'capacity', 'balance', 'scale', 'memory', 'experiments']);
  });

  it('walks every step forwards and back, across lessons', () => {
    const refs = allRefs();
    let at: StepRef | null = refs[0]!;
    const seen: string[] = [];
    while (at) {
      seen.push(formatLessonRef(at));
      at = moveStep(at, 1);
    }
    expect(seen).toEqual(refs.map(formatLessonRef));
    at = refs.at(-1)!;
    const back: string[] = [];
    while (at) {
      back.push(formatLessonRef(at));
      at = moveStep(at, -1);
    }
    expect(back).toEqual(seen.reverse());
    expect(tourProgress(refs.at(-1)!)).toEqual({ done: refs.length - 1, total: refs.length });
  });

  it('words every step in English and Chinese', () => {
    for (const l of LESSONS) {
      for (const s of l.steps) {
        for (const lang of ['en', 'zh'] as const) {
          const steps = CATALOGUE[lang].lessons.lessons[l.id].steps as Record<string, { title: string }>;
          expect(steps[s.id]?.title, `${lang} ${l.id}/${s.id}`).toBeTruthy();
        }
      }
    }
  });

  it('every step builds a valid model and says only defined numbers, in both languages', async () => {
    for (const ref of allRefs()) {
      const sim = await open(ref);
      const s = sim.state;
      expect(s.error).toBeNull();
      const step = stepOf(ref);
      const f = lessonFacts(s.trace!, s.position, 0, s.biasSteps);
      for (const lang of ['en', 'zh'] as const) {
        const lesson = CATALOGUE[lang].lessons.lessons[LESSONS[ref.lesson]!.id];
        const words = (
          lesson.steps as Record<
            string,
            {
              body: (a: typeof f, b: ReturnType<typeof publishedFacts>) => string;
              after?: (a: typeof f, b: ReturnType<typeof publishedFacts>) => string;
            }
          >
        )[step.id]!;
        const text = words.body(f, publishedFacts()) + (words.after?.(f, publishedFacts()) ?? '');
        expect(text, `${lang} ${formatLessonRef(ref)}`).not.toMatch(/undefined|NaN|null|Infinity|\[object/);
      }
      sim.dispose();
      sims = sims.filter((x) => x !== sim);
    }
  }, 60000);
});

describe('the routing picture shows what a step says', () => {
  it('1.2 ("nothing else has run yet") holds it after the router’s scores, pointing at it; no other step holds it', async () => {
    const held = allRefs().filter((r) => stepOf(r).picture !== undefined && stepOf(r).picture !== 'done');
    expect(held.map(formatLessonRef)).toEqual(['1.2']);
    const ref = parseLessonRef('1.2')!;
    expect(stepOf(ref)).toMatchObject({ id: 'scores', panel: 'picture', picture: 'scores' });
    const s = (await open(ref)).state;
    const f = lessonFacts(s.trace!, s.position, 0, 0);
    expect(CATALOGUE.en.lessons.lessons.topk.steps.scores.body(f)).toContain('Nothing else has run yet');
  });

  it('each stage holds the motion where its name says', () => {
    const at = (stage: Parameters<typeof pictureFreeze>[0]) => {
      const f = pictureFreeze(stage)!;
      return { scores: stageAt('scores', f), links: stageAt('links', f), light: stageAt('light', f), merge: stageAt('merge', f) };
    };
    expect(at('scores')).toEqual({ scores: 1, links: 0, light: 0, merge: 0 });
    expect(at('links').links).toBeGreaterThan(0.9);
    expect(at('links').light).toBe(0);
    expect(at('experts')).toMatchObject({ scores: 1, links: 1, light: 1, merge: 0 });
    expect(pictureFreeze('done')).toBeNull();
    expect(pictureFreeze(undefined)).toBeNull();
  });
});

describe('what the lessons show is true of the live model', () => {
  it('1.4 and 3.4: the predicted word routes as it did earlier in the sentence (no attention in the toy)', async () => {
    for (const ref of [parseLessonRef('1.4')!, parseLessonRef('3.4')!]) {
      const sim = await open(ref);
      const t = sim.state.trace!;
      const p = stepOf(ref).predict!.position;
      expect(sim.state.position).toBe(p - 1);
      expect(t.tokens[p]!.text).toBe('cat');
      const firstCat = t.tokens.findIndex((x) => x.text === 'cat');
      expect(firstCat).toBeLessThan(p);
      expect(t.layers[0]!.tokens[p]!.experts).toEqual(t.layers[0]!.tokens[firstCat]!.experts);
    }
  });

  it('2: more experts shrink the active share at the same work per token', async () => {
    const few = lessonFacts((await open(parseLessonRef('2.1')!)).state.trace!, 1, 0, 0);
    const many = lessonFacts((await open(parseLessonRef('2.2')!)).state.trace!, 1, 0, 0);
    expect(many.experts).toBe(64);
    expect(many.total).toBeGreaterThan(few.total * 5);
    expect(many.tokenShare).toBeLessThan(few.tokenShare / 5);
    // Same experts per token; the router grows with E, so active grows a little (d·E router weights).
    expect(many.tokenActive - few.tokenActive).toBe(32 * (64 - 8));
  });

  it('3.1: granularity 4 keeps the parameters per token and multiplies the combinations', async () => {
    const f = lessonFacts((await open(parseLessonRef('3.1')!)).state.trace!, 1, 0, 0);
    expect([f.experts, f.active]).toEqual([32, 8]);
    expect(f.combinations).toBe(10_518_300n);
    expect(f.expertParams * 4).toBe(6144);
  });

  it('4: capacity factor 1 drops choices, ⌈1·T·k/E⌉ slots; no limit drops none', async () => {
    const f = lessonFacts((await open(parseLessonRef('4.2')!)).state.trace!, 0, 0, 0);
    expect(f.capacity).toBe(Math.ceil((f.tokens * f.active) / f.experts));
    expect(f.dropped).toBeGreaterThan(0);
    const g = lessonFacts((await open(parseLessonRef('4.3')!)).state.trace!, 0, 0, 0);
    expect([g.capacity, g.dropped]).toEqual([null, 0]);
  });

  it('5: bias updates even out the load of the lesson sentence', async () => {
    const before = lessonFacts((await open(parseLessonRef('5.1')!)).state.trace!, 0, 0, 0);
    const after = lessonFacts((await open(parseLessonRef('5.3')!)).state.trace!, 0, 0, 20);
    expect(before.maxOverMean).toBeGreaterThanOrEqual(3);
    expect(before.idle).toBeGreaterThan(0);
    expect(after.maxOverMean).toBeLessThan(1.5);
    expect(after.idle).toBe(0);
  });

  it('6.1: DeepSeek-V3 routing at toy width: 256 routed experts, 8 per token, 1 shared', async () => {
    const sim = await open(parseLessonRef('6.1')!);
    const f = lessonFacts(sim.state.trace!, 1, 0, 0);
    expect([f.experts, f.active, f.shared, f.chosen.length]).toEqual([256, 8, 1, 8]);
  });
});

describe('published figures quoted by the tour', () => {
  it('DeepSeek-V3: 671B total, about 37B active; cache per token 35,136 with MLA vs 1,998,848 with MHA', () => {
    const p = publishedFacts();
    expect(p.v3Total / 1e9).toBeCloseTo(671, 0);
    expect(p.v3Active / 1e9).toBeGreaterThan(36.5);
    expect(p.v3Active / 1e9).toBeLessThan(38);
    expect([p.v3Routed, p.v3TopK]).toEqual([256, 8]);
    expect(p.mlaPerToken).toBe((512 + 64) * 61);
    expect(p.mhaPerToken).toBe(2 * 128 * 128 * 61);
    expect(p.mla128k).toBe(35_136 * 131_072 * 2);
  });

  it('combinations are exact', () => {
    expect(combinations(8, 2)).toBe(28n);
    expect(combinations(16, 4)).toBe(1820n);
    expect(combinations(64, 16)).toBe(488_526_937_079_580n);
    expect(combinations(256, 8)).toBe(409_663_695_276_000n);
    expect(combinations(3, 5)).toBe(0n);
  });
});
