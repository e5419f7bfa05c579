/**
 * Soak benchmark: one headless Chromium session against the built site (dist/) that runs
 *   1. 10,000 token steps on the simulator (click "Next token" / "Previous token", await settled()),
 *   2. 1,000 slider moves ("Routed experts" and "Active experts per token" in turn, through several
 *      values, ending on the defaults),
 *   3. 500 training steps on demos/training.html (Train … Pause), then "Reset training".
 * It reads the live tfjs tensor count through the page shells' diagnostics() hook and the JS heap
 * after a forced GC (CDP HeapProfiler.collectGarbage, Runtime.getHeapUsage) at the start and end of
 * each phase, and compares token step latency over the first and the last 1,000 steps.
 * Exits non-zero if a tensor count does not come back (a leak) or the heap grows past its bounds
 * (HEAP_BOUND_MB per phase, STEADY_BOUND_MB over token steps 1,000 → 10,000).
 *
 *   node scripts/run-ts.mjs bench/soak.ts      (needs `npm run build` first; `npm run bench:soak`)
 *   --steps=N --sliders=N --train=N            a shorter run (printed, not written to bench/results)
 */
import { cpus, loadavg } from 'node:os';
import type { CDPSession, Page } from 'playwright-core';
import { launchBrowser } from '../tests/e2e/browser';
import { assertChromium } from '../tests/e2e/chromium-path';
import { ready, serveDist, sliderLatencies, stats, stepLatencies, writeResult, type AppHandle, type Stats } from './browser-util';

function intArg(name: string, fallback: number): number {
  const arg = process.argv.find((a) => a.startsWith(`--${name}=`));
  return arg ? Number(arg.slice(name.length + 3)) : fallback;
}

const TOKEN_STEPS = intArg('steps', 10_000);
const SLIDER_MOVES = intArg('sliders', 1_000);
const TRAIN_STEPS = intArg('train', 500);
const FULL = TOKEN_STEPS === 10_000 && SLIDER_MOVES === 1_000 && TRAIN_STEPS === 500;
/** Steps of the training phase after which Adam has its moments: the tensor count must stay put from here on. */
const TRAIN_WARMUP = Math.min(50, TRAIN_STEPS);
/** Token steps compared at the start and at the end of phase 1. */
const WINDOW = Math.min(1_000, Math.floor(TOKEN_STEPS / 2));
/**
 * Largest JS heap growth allowed over a phase (after a forced GC, end − start). Measured on this
 * machine: +0.4 MB over the token steps, +0.6 MB over the slider moves (both mostly the first
 * hundreds of moves: compiled code and caches), +2.1 MB from the training page's first render to
 * step 500 (Adam's state, 500 steps of chart history); about 2× headroom over the largest.
 */
const HEAP_BOUND_MB = 5;
/**
 * Largest heap growth allowed from the end of the first 1,000 token steps to the end of the last:
 * the steady state, where a leak of 56 bytes per step would already show. Measured: +0.03 MB.
 */
const STEADY_BOUND_MB = 0.5;
/**
 * Slider moves: control-panel input id and value, in turn. A whole number of rounds (1,000 is 125 of
 * them) ends on the defaults (8 experts, top-2), so the model has its first-render shape again.
 */
const SLIDER_CYCLE = [
  ['experts', 12],
  ['topk', 3],
  ['experts', 16],
  ['topk', 4],
  ['experts', 32],
  ['topk', 1],
  ['experts', 8],
  ['topk', 2],
] as const;

interface Diagnostics {
  tensors: number;
  bytes: number;
}

interface Snapshot extends Diagnostics {
  /** JS heap in use after a forced GC, MB. */
  heapMB: number;
}

const MB = 1024 * 1024;

async function heapMB(cdp: CDPSession): Promise<number> {
  // Two passes: the first can leave objects that only become unreachable once finalizers ran.
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize } = await cdp.send('Runtime.getHeapUsage');
  return usedSize / MB;
}

function diagnostics(page: Page, shell: 'moe-app' | 'training-page'): Promise<Diagnostics> {
  return page.evaluate((sel) => (document.querySelector(sel) as unknown as AppHandle).diagnostics(), shell);
}

async function snapshot(page: Page, cdp: CDPSession, shell: 'moe-app' | 'training-page'): Promise<Snapshot> {
  const heap = await heapMB(cdp);
  return { ...(await diagnostics(page, shell)), heapMB: heap };
}

interface TrainProgress {
  step: number;
  running: boolean;
  tokens: number;
}

function trainProgress(page: Page): Promise<TrainProgress> {
  return page.evaluate(() => {
    const t = (
      document.querySelector('training-page') as unknown as { training: { step: number; running: boolean; tokensSeen: number } | null }
    ).training;
    return { step: t?.step ?? -1, running: t?.running ?? false, tokens: t?.tokensSeen ?? 0 };
  });
}

/** Train until the step counter reaches `until`, then Pause and wait for the loop to stop. */
async function trainUntil(page: Page, until: number): Promise<void> {
  await page.getByRole('button', { name: 'Train', exact: true }).click();
  await page.waitForFunction(
    (n) => ((document.querySelector('training-page') as unknown as { training: { step: number } | null }).training?.step ?? 0) >= n,
    until,
    { timeout: 600_000, polling: 20 },
  );
  await page.getByRole('button', { name: 'Pause', exact: true }).click();
  await page.waitForFunction(
    () => (document.querySelector('training-page') as unknown as { training: { running: boolean } | null }).training?.running === false,
    undefined,
    { timeout: 30_000 },
  );
  await page.getByRole('button', { name: 'Train', exact: true }).waitFor();
}

async function trainingReady(page: Page): Promise<void> {
  await page.locator('specialisation-map .value').waitFor({ timeout: 30_000 });
  const train = page.getByRole('button', { name: 'Train', exact: true });
  await train.waitFor({ timeout: 30_000 });
  for (const t0 = Date.now(); !(await train.isEnabled()); await page.waitForTimeout(20)) {
    if (Date.now() - t0 > 30_000) throw new Error('the Train button stayed disabled');
  }
}

const f1 = (x: number): string => x.toFixed(1);
const f2 = (x: number): string => x.toFixed(2);
const signed = (x: number): string => `${x >= 0 ? '+' : '−'}${Math.abs(x).toFixed(2)}`;

async function main(): Promise<void> {
  assertChromium();
  const started = Date.now();
  const loadStart = loadavg()[0] as number;
  const { base, server } = await serveDist();
  const browser = await launchBrowser();
  try {
    const version = browser.version();
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(`${e.name}: ${e.message}`));
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
    const cdp = await page.context().newCDPSession(page);

    // Phase 0: the simulator's first render.
    await page.goto(base);
    await ready(page);
    const baseline = await snapshot(page, cdp, 'moe-app');
    console.error(`baseline: ${baseline.tensors} tensors, heap ${f2(baseline.heapMB)} MB`);

    // Phase 1: token steps, 1,000 per page.evaluate.
    const t1 = Date.now();
    const steps: number[] = [];
    const chunkP95: number[] = [];
    /** JS heap after a forced GC at the end of each 1,000 steps. */
    const chunkHeap: number[] = [];
    for (let done = 0; done < TOKEN_STEPS;) {
      const n = Math.min(1_000, TOKEN_STEPS - done);
      const chunk = await stepLatencies(page, n);
      steps.push(...chunk);
      chunkP95.push(stats(chunk).p95);
      chunkHeap.push(await heapMB(cdp));
      done += n;
      console.error(
        `  token steps ${done}/${TOKEN_STEPS}: p95 ${f1(stats(chunk).p95)} ms, heap ${f2(chunkHeap[chunkHeap.length - 1] as number)} MB`,
      );
    }
    await page.evaluate(() => (document.querySelector('moe-app') as unknown as AppHandle).settled());
    const afterSteps = await snapshot(page, cdp, 'moe-app');
    const stepSeconds = (Date.now() - t1) / 1000;

    // Phase 2: slider moves, 100 per page.evaluate.
    const t2 = Date.now();
    const sliders: number[] = [];
    for (let done = 0; done < SLIDER_MOVES;) {
      const n = Math.min(100, SLIDER_MOVES - done);
      // Keep the cycle's phase across chunks: start each chunk where the last one stopped.
      const offset = done % SLIDER_CYCLE.length;
      const moves = [...SLIDER_CYCLE.slice(offset), ...SLIDER_CYCLE.slice(0, offset)];
      sliders.push(...(await sliderLatencies(page, moves, n)));
      done += n;
    }
    console.error(`  slider moves ${SLIDER_MOVES}: p95 ${f1(stats(sliders).p95)} ms`);
    await page.evaluate(() => (document.querySelector('moe-app') as unknown as AppHandle).settled());
    const afterSliders = await snapshot(page, cdp, 'moe-app');
    const sliderConfig = await page.evaluate(() => {
      const panel = document.querySelector('moe-app')!.shadowRoot!.querySelector('control-panel')!.shadowRoot!;
      return `${(panel.getElementById('experts') as HTMLInputElement).value} experts, top-${(panel.getElementById('topk') as HTMLInputElement).value}`;
    });
    const sliderSeconds = (Date.now() - t2) / 1000;

    // Phase 3: training on demos/training.html.
    await page.goto(`${base}demos/training.html`);
    await trainingReady(page);
    const trainBaseline = await snapshot(page, cdp, 'training-page');
    const t3 = Date.now();
    await trainUntil(page, TRAIN_WARMUP);
    const warm = await snapshot(page, cdp, 'training-page');
    const warmProgress = await trainProgress(page);
    const t3b = Date.now();
    await trainUntil(page, TRAIN_STEPS);
    const trainEndProgress = await trainProgress(page);
    const trainLoopSeconds = (Date.now() - t3b) / 1000;
    const afterTraining = await snapshot(page, cdp, 'training-page');
    await page.getByRole('button', { name: 'Reset training', exact: true }).click();
    await page.waitForFunction(
      () => (document.querySelector('training-page') as unknown as { training: { step: number } | null }).training?.step === 0,
      undefined,
      { timeout: 30_000 },
    );
    await trainingReady(page);
    const afterReset = await snapshot(page, cdp, 'training-page');
    const trainSeconds = (Date.now() - t3) / 1000;
    await page.close();

    const totalSeconds = (Date.now() - started) / 1000;
    const first = stats(steps.slice(0, WINDOW));
    const last = stats(steps.slice(-WINDOW));
    const sliderStats = stats(sliders);
    const trainRate = (trainEndProgress.step - warmProgress.step) / trainLoopSeconds;
    const tokenRate = (trainEndProgress.tokens - warmProgress.tokens) / trainLoopSeconds;

    const steadyGrowth = afterSteps.heapMB - (chunkHeap[0] ?? baseline.heapMB);
    const checks: { what: string; ok: boolean }[] = [
      {
        what: `tensors after ${TOKEN_STEPS.toLocaleString('en')} token steps = baseline (${afterSteps.tensors} vs ${baseline.tensors})`,
        ok: afterSteps.tensors === baseline.tensors,
      },
      {
        what: `tensors after ${SLIDER_MOVES.toLocaleString('en')} slider moves = baseline (${afterSliders.tensors} vs ${baseline.tensors})`,
        ok: afterSliders.tensors === baseline.tensors,
      },
      {
        what: `training: tensors at step ${trainEndProgress.step} = at step ${warmProgress.step} (${afterTraining.tensors} vs ${warm.tensors})`,
        ok: afterTraining.tensors === warm.tensors,
      },
      {
        what: `training: tensors after "Reset training" = first render (${afterReset.tensors} vs ${trainBaseline.tensors})`,
        ok: afterReset.tensors === trainBaseline.tensors,
      },
      {
        what: `heap growth, token steps ≤ ${HEAP_BOUND_MB} MB (${signed(afterSteps.heapMB - baseline.heapMB)} MB)`,
        ok: afterSteps.heapMB - baseline.heapMB <= HEAP_BOUND_MB,
      },
      {
        what: `heap growth from token step ${Math.min(1_000, TOKEN_STEPS).toLocaleString('en')} to ${TOKEN_STEPS.toLocaleString('en')} ≤ ${STEADY_BOUND_MB} MB (${signed(steadyGrowth)} MB)`,
        ok: steadyGrowth <= STEADY_BOUND_MB,
      },
      {
        what: `heap growth, slider moves ≤ ${HEAP_BOUND_MB} MB (${signed(afterSliders.heapMB - afterSteps.heapMB)} MB)`,
        ok: afterSliders.heapMB - afterSteps.heapMB <= HEAP_BOUND_MB,
      },
      {
        what: `heap growth, training ≤ ${HEAP_BOUND_MB} MB (${signed(afterTraining.heapMB - trainBaseline.heapMB)} MB)`,
        ok: afterTraining.heapMB - trainBaseline.heapMB <= HEAP_BOUND_MB,
      },
      { what: 'no console or page errors', ok: errors.length === 0 },
    ];

    const row = (phase: string, start: Snapshot, end: Snapshot, note: string) =>
      `| ${phase} | ${start.tensors} → ${end.tensors} | ${f2(start.bytes / MB)} → ${f2(end.bytes / MB)} | ${f2(start.heapMB)} → ${f2(end.heapMB)} (${signed(end.heapMB - start.heapMB)}) | ${note} |`;
    const md = [
      '# Soak: one Chromium session, leaks and long runs',
      '',
      `- Date: ${new Date().toISOString().slice(0, 10)}; ${cpus().length} cores; Chromium ${version} headless; built site from vite preview; wasm backend`,
      `- One page: ${TOKEN_STEPS.toLocaleString('en')} token steps ("Next token"/"Previous token", each awaited to settled()), then ${SLIDER_MOVES.toLocaleString('en')} slider moves ("Routed experts" 12, 16, 32, 8 and "Active experts per token" 3, 4, 1, 2 in turn, ending on the defaults: ${sliderConfig}), then demos/training.html: ${trainEndProgress.step} training steps (Train … Pause), then "Reset training".`,
      "- Tensors: live tfjs tensors from the page shell's `diagnostics()` (tfjs `memory()`). Heap: JS heap in use after a forced GC (CDP `HeapProfiler.collectGarbage` ×2, `Runtime.getHeapUsage`); the wasm memory is not in it, the tensor bytes are.",
      `- Pass: every tensor count back to its baseline exactly; heap growth over each phase ≤ ${HEAP_BOUND_MB} MB, and ≤ ${STEADY_BOUND_MB} MB from the end of the first 1,000 token steps to the end of the last (the steady state, past warm-up). Training's baseline is the count once Adam has its moments (step ${warmProgress.step}); "Reset training" must bring it back to the page's first render.`,
      `- Machine load (1-minute load average, ${cpus().length} cores) at the start and the end: ${f1(loadStart)} → ${f1(loadavg()[0] as number)}; other work on the machine shows in the latencies, not in the tensor counts or the heap.`,
      `- Total run: ${totalSeconds.toFixed(0)} s (token steps ${stepSeconds.toFixed(0)} s, sliders ${sliderSeconds.toFixed(0)} s, training ${trainSeconds.toFixed(0)} s).`,
      '',
      '| phase | tfjs tensors | tensor MB | JS heap MB after GC | note |',
      '|---|---:|---:|---:|---|',
      row(`${TOKEN_STEPS.toLocaleString('en')} token steps`, baseline, afterSteps, 'start = first render'),
      row(`${SLIDER_MOVES.toLocaleString('en')} slider moves`, afterSteps, afterSliders, `ends on ${sliderConfig}`),
      row(
        `training, steps ${warmProgress.step} → ${trainEndProgress.step}`,
        warm,
        afterTraining,
        `first render ${trainBaseline.tensors} tensors, heap ${f2(trainBaseline.heapMB)} MB; Adam's moments are the difference`,
      ),
      row('"Reset training"', afterTraining, afterReset, `back to first render: ${trainBaseline.tensors} tensors`),
      '',
      `| token step latency | p50 | p95 | samples |`,
      '|---|---:|---:|---:|',
      `| first ${WINDOW.toLocaleString('en')} | ${f1(first.p50)} ms | ${f1(first.p95)} ms | ${first.n} |`,
      `| last ${WINDOW.toLocaleString('en')} | ${f1(last.p50)} ms | ${f1(last.p95)} ms | ${last.n} |`,
      `| last ÷ first | ${f2(last.p50 / first.p50)} | ${f2(last.p95 / first.p95)} | |`,
      '',
      `- p95 of each 1,000 token steps in turn: ${chunkP95.map((x) => f1(x)).join(', ')} ms.`,
      `- JS heap after GC at the end of each 1,000 token steps: ${chunkHeap.map((x) => f2(x)).join(', ')} MB.`,
      `- Slider moves: p50 ${f1(sliderStats.p50)} ms, p95 ${f1(sliderStats.p95)} ms (${sliderStats.n}).`,
      `- Training in the soak: ${f1(trainRate)} steps/s, ${tokenRate.toFixed(0)} tokens/s (steps ${warmProgress.step} → ${trainEndProgress.step}).`,
      '',
      ...checks.map((c) => `- ${c.ok ? 'ok' : '**FAILED**'}: ${c.what}`),
      ...(errors.length ? ['', 'Errors:', ...errors.slice(0, 10).map((e) => `- ${e}`)] : []),
      '',
    ].join('\n');
    const json = {
      date: new Date().toISOString().slice(0, 10),
      chromium: version,
      counts: { tokenSteps: TOKEN_STEPS, sliderMoves: SLIDER_MOVES, trainSteps: trainEndProgress.step },
      loadAverage: { start: loadStart, end: loadavg()[0] },
      seconds: { total: totalSeconds, steps: stepSeconds, sliders: sliderSeconds, training: trainSeconds },
      heapBoundMB: HEAP_BOUND_MB,
      steadyBoundMB: STEADY_BOUND_MB,
      steadyGrowthMB: steadyGrowth,
      chunkHeapMB: chunkHeap,
      snapshots: { baseline, afterSteps, afterSliders, trainBaseline, warm, afterTraining, afterReset },
      warmStep: warmProgress.step,
      steps: { first, last, window: WINDOW, chunkP95 } satisfies { first: Stats; last: Stats; window: number; chunkP95: number[] },
      sliders: sliderStats,
      training: { stepsPerSecond: trainRate, tokensPerSecond: tokenRate },
      checks,
      errors,
    };
    console.log(md);
    if (FULL) writeResult('soak', md, json);
    else console.error('(a shorter run: bench/results/soak.* not written)');
    const failed = checks.filter((c) => !c.ok);
    if (failed.length) throw new Error(`soak failed:\n${failed.map((c) => `  ${c.what}`).join('\n')}`);
  } finally {
    await browser.close();
    await server.close();
  }
}

await main();
