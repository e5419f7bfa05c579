// The "Performance budget" table: one row per figure the project has a goal for (or reports),
// built from the machine-readable results the benchmarks write (bench/results/*.json):
//   browser.json  bench/browser.ts   first page size, first render, token step and slider latency, training in Chromium
//   soak.json     bench/soak.ts      tensor counts, heap growth, first vs last 1,000 token steps
//   training.json bench/training.ts  training speed in Node
//   forward.json  bench/forward.ts   sparse/dense against the FLOP ratio
//   peers.json    bench/peers.ts     moe-lab ÷ PyTorch on the same CPU (issue 18), in Node and in Chromium
//   node scripts/perf-summary.mjs    prints the table (scripts/update-readme-perf.mjs also puts it in the README)
import { existsSync, readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

const results = new URL('../bench/results/', import.meta.url);

function readJson(name) {
  const url = new URL(name, results);
  return existsSync(url) ? JSON.parse(readFileSync(url, 'utf8')) : null;
}

/** forward.json's rows (bench/forward.ts writes it next to forward.md). */
function forwardRows() {
  const json = readJson('forward.json');
  return json ? { date: json.date, rows: json.rows } : null;
}

const ms = (x) => `${x < 10 ? x.toFixed(1) : x.toFixed(0)} ms`;
const num = (x, digits = 0) => x.toLocaleString('en', { maximumFractionDigits: digits, minimumFractionDigits: digits });
const met = (ok) => (ok ? 'yes' : '**no**');
const signed = (x) => `${x >= 0 ? '+' : '−'}${Math.abs(x).toFixed(2)}`;

/** Rows of the budget table: [metric, figure, goal, met]. */
export function budgetRows() {
  const browser = readJson('browser.json');
  const soak = readJson('soak.json');
  const training = readJson('training.json');
  const forward = forwardRows();
  const peers = readJson('peers.json');
  const rows = [];
  const missing = (metric, goal, bench) => rows.push([metric, `not measured (run ${bench})`, goal, '—']);

  if (browser?.firstPage) {
    const p = browser.firstPage;
    rows.push([
      'first page download, gzip (JS + wasm + HTML)',
      `${num(p.totalKB)} KB (JS ${num(p.jsKB)} + wasm ${num(p.wasmKB)} + HTML ${num(p.otherKB)})`,
      '≤ 400 KB',
      met(p.totalKB <= 400),
    ]);
  } else missing('first page download, gzip (JS + wasm + HTML)', '≤ 400 KB', 'bench/browser.ts');
  if (browser?.firstRender) {
    const f = browser.firstRender;
    rows.push([
      'time to first routed view, headless Chromium, localhost',
      `p50 ${ms(f.p50)}, p95 ${ms(f.p95)}`,
      'interactive ≤ 1 s (p95)',
      met(f.p95 <= 1000),
    ]);
  } else missing('time to first routed view', 'interactive ≤ 1 s (p95)', 'bench/browser.ts');
  if (browser?.trainedRender) {
    const f = browser.trainedRender;
    rows.push([
      'time to trained routing (checkpoint fetched after the first view, routed again)',
      `p50 ${ms(f.p50)}, p95 ${ms(f.p95)}`,
      '≤ 1.5 s (p95)',
      met(f.p95 <= 1500),
    ]);
  } else missing('time to trained routing', '≤ 1.5 s (p95)', 'bench/browser.ts');
  for (const [key, label, goal] of [
    ['default', 'token step p95, default (8 experts, top-2)', 16],
    ['e256k8', 'token step p95, 256 experts, top-8', 33],
  ]) {
    const s = browser?.steps?.[key];
    if (s) rows.push([label, ms(s.p95), `≤ ${goal} ms`, met(s.p95 <= goal)]);
    else missing(label, `≤ ${goal} ms`, 'bench/browser.ts');
  }
  if (browser?.animation) {
    const a = browser.animation;
    rows.push([
      "routing picture's motion, default: frames/s over one token's flow",
      `median ${num(a.p50)} fps, lowest ${num(a.min)} fps (${a.n} flows)`,
      '≥ 50 fps',
      met(a.min >= 50),
    ]);
  } else missing("routing picture's motion (frames/s)", '≥ 50 fps', 'bench/browser.ts');
  for (const [key, label] of [
    ['topk', 'slider p95, "Active experts per token" 2 ↔ 3'],
    ['experts', 'slider p95, "Routed experts" 8 ↔ 9'],
    ['experts256', 'slider p95, "Routed experts" 255 ↔ 256, top-8'],
  ]) {
    const s = browser?.sliders?.[key];
    if (s) rows.push([label, ms(s.p95), '≤ 50 ms', met(s.p95 <= 50)]);
    else missing(label, '≤ 50 ms', 'bench/browser.ts');
  }
  if (browser?.training) {
    const t = browser.training;
    rows.push([
      'training in Chromium (wasm), default config',
      `${num(t.stepsPerSecond, 1)} steps/s, ${num(t.tokensPerSecond)} tokens/s`,
      '—',
      '—',
    ]);
    const sec = t.toSpecialisationSeconds;
    rows.push([
      'training in Chromium: "Train" to specialisation ≥ 0.25',
      sec == null ? 'not within 60 s' : `${sec.toFixed(1)} s (step ${t.toSpecialisationStep})`,
      '≤ 10 s',
      met(sec != null && sec <= 10),
    ]);
  } else missing('training in Chromium', '—', 'bench/browser.ts');
  for (const r of training?.rows ?? []) {
    rows.push([
      `training in Node (${r.backend}), default config`,
      `${num(r.stepsPerSecond, 1)} steps/s, ${num(r.tokensPerSecond)} tokens/s`,
      '—',
      '—',
    ]);
  }
  if (!training) missing('training in Node', '—', 'bench/training.ts');

  for (const [T, E, k] of [
    [1024, 64, 2],
    [1024, 64, 8],
  ]) {
    const label = `sparse/dense ÷ FLOP ratio k/E, wasm, T=${T}, E=${E}, k=${k}`;
    const r = forward?.rows.find((x) => x.backend === 'wasm' && x.T === T && x.E === E && x.k === k);
    if (r) {
      rows.push([
        label,
        `${r.ratioOverFlop.toFixed(2)} (sparse ${r.sparseMs.toFixed(2)} ms / dense ${r.denseMs.toFixed(1)} ms vs k/E ${r.flopRatio.toFixed(3)}; experts only ${r.expertsOnlyOverFlop.toFixed(2)})`,
        '≤ 2',
        met(r.ratioOverFlop <= 2),
      ]);
    } else missing(label, '≤ 2', 'bench/forward.ts');
  }

  if (soak) {
    const s = soak.snapshots;
    const back =
      s.afterSteps.tensors === s.baseline.tensors &&
      s.afterSliders.tensors === s.baseline.tensors &&
      s.afterReset.tensors === s.trainBaseline.tensors &&
      s.afterTraining.tensors === s.warm.tensors;
    rows.push([
      `soak: tfjs tensors back to baseline (${num(soak.counts.tokenSteps)} token steps, ${num(soak.counts.sliderMoves)} slider moves, ${num(soak.counts.trainSteps)} training steps)`,
      `simulator ${s.baseline.tensors} → ${s.afterSteps.tensors} → ${s.afterSliders.tensors}; training ${s.warm.tensors} at step ${soak.warmStep} → ${s.afterTraining.tensors}, reset ${s.afterReset.tensors} (first render ${s.trainBaseline.tensors})`,
      'equal',
      met(back),
    ]);
    const growth = [
      s.afterSteps.heapMB - s.baseline.heapMB,
      s.afterSliders.heapMB - s.afterSteps.heapMB,
      s.afterTraining.heapMB - s.trainBaseline.heapMB,
    ];
    rows.push([
      'soak: JS heap growth after GC (token steps, sliders, training)',
      `${growth.map((g) => `${signed(g)} MB`).join(', ')}; token steps 1,000 → ${num(soak.counts.tokenSteps)}: ${signed(soak.steadyGrowthMB)} MB`,
      `≤ ${soak.heapBoundMB} MB each; ≤ ${soak.steadyBoundMB} MB`,
      met(growth.every((g) => g <= soak.heapBoundMB) && soak.steadyGrowthMB <= soak.steadyBoundMB),
    ]);
    const { first, last } = soak.steps;
    rows.push([
      `soak: token step p95, first vs last ${num(soak.steps.window)} steps`,
      `${ms(first.p95)} → ${ms(last.p95)} (× ${(last.p95 / first.p95).toFixed(2)}); p50 ${ms(first.p50)} → ${ms(last.p50)}`,
      'last ≤ 16 ms and ≤ 1.5 × first',
      met(last.p95 <= 16 && last.p95 <= 1.5 * first.p95),
    ]);
  } else missing('soak', 'tensors equal, heap bounded', 'bench/soak.ts');

  // Side by side with PyTorch (issue 18's goals), as ratios measured in one run.
  const peerGoal = (figure) =>
    figure.startsWith('training')
      ? ['≥ 1', (x) => x >= 1]
      : figure.startsWith('forward')
        ? ['≤ 1.2', (x) => x <= 1.2]
        : figure.includes('E=256')
          ? ['≤ 3 (moe-lab)', (x) => x <= 3]
          : ['≤ 2 (moe-lab)', (x) => x <= 2];
  for (const r of peers?.rows ?? []) {
    const flop = r.figure.startsWith('sparse/dense');
    const [goal, ok] = peerGoal(r.figure);
    const node = flop ? r.moeLab : r.ratio;
    const chromium = flop ? r.chromium : r.chromiumRatio;
    if (node == null || chromium == null) {
      rows.push([`vs PyTorch: ${r.figure}`, 'not measured (needs python3-torch; run bench/peers.ts)', goal, '—']);
      continue;
    }
    rows.push([
      flop ? `vs PyTorch: ${r.figure}` : `vs PyTorch: ${r.figure}, moe-lab ÷ PyTorch`,
      `Node ${node.toFixed(2)}, Chromium ${chromium.toFixed(2)}${flop ? ` (PyTorch ${r.pytorch.toFixed(2)})` : ''}`,
      goal,
      met(ok(node) && ok(chromium)),
    ]);
  }
  if (!peers) missing('vs PyTorch', '—', 'bench/peers.ts');

  const dates = [
    ['peers', peers?.date],
    ['browser', browser?.date],
    ['soak', soak?.date],
    ['Node training', training?.date],
    ['forward', forward?.date],
  ].filter(([, d]) => d);
  return { rows, dates };
}

export function budgetMarkdown() {
  const { rows, dates } = budgetRows();
  return [
    '### Performance budget',
    '',
    `Each figure is from the last run of its benchmark (${dates.map(([b, d]) => `${b} ${d}`).join(', ')}); the detailed tables follow.`,
    '',
    '| metric | figure | goal | met? |',
    '|---|---|---|---|',
    ...rows.map((r) => `| ${r.join(' | ')} |`),
    '',
  ].join('\n');
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) console.log(budgetMarkdown());
