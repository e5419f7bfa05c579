/**
 * moe-lab vs PyTorch on the same CPU (issue 18): training tokens/s of the open-vocabulary model at 8
 * and 64 experts, and one MoE layer forward at T = 1024, width 64, hidden 128, top-2 of 8, 64 and 256
 * experts, sparse and dense. moe-lab runs on the wasm backend in Node (bench/peers-moe.ts, inside
 * vitest) and in headless Chromium (bench/peers-chromium.test.ts, vitest's browser mode); the
 * reference is bench/peers/moe_ref.py on Debian's PyTorch (`apt-get install python3-torch
 * libopenblas0-pthread`, run with /usr/bin/python3, one thread). Each runs twice in one run, in the
 * order Node, Chromium, PyTorch, PyTorch, Chromium, Node, and each figure is the better of its two
 * runs; the shared machine's speed varies 2–5× between runs, so only the ratios mean much.
 * Without PyTorch the table keeps the last measured PyTorch figures with their date, unrated.
 *   node scripts/run-ts.mjs bench/peers.ts   (PEERS_BATCH=72 sentences a step, PEERS_SECONDS=4, PEERS_PYTHON)
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { root, writeResult } from './browser-util';

const PYTHON = process.env.PEERS_PYTHON ?? '/usr/bin/python3';
/** Sentences a training step: about 400 tokens of the open corpus (the shipped recipe uses 40, about 220). */
const BATCH = process.env.PEERS_BATCH ?? '72';
const SECONDS = process.env.PEERS_SECONDS ?? '4';

interface TrainFigure {
  experts: number;
  tokensPerStep: number;
  tokensPerSecond: number;
  batchSize?: number;
}
interface ForwardFigure {
  E: number;
  k: number;
  sparseMs: number;
  denseMs: number;
}
interface Figures {
  training: TrainFigure[];
  forward: ForwardFigure[];
}
interface MoeLab extends Figures {
  tfjs: string;
  simd: boolean;
  fusedKernels: boolean;
  vocab: number;
  classes: number;
  browser?: string;
}
interface Torch extends Figures {
  torch: string;
  threads: number;
  blas: string;
  date: string;
}

const date = new Date().toISOString().slice(0, 10);
const tmp = mkdtempSync(join(tmpdir(), 'moe-peers-'));
const started = performance.now();

/** Runs one vitest config (a moe-lab half) and reads the figures it wrote to `out`. */
function runHalf(config: string, out: string, env: Record<string, string>, what: string): MoeLab {
  rmSync(out, { force: true });
  const run = spawnSync(process.execPath, [resolve(root, 'node_modules/vitest/vitest.mjs'), 'run', '-c', config], {
    cwd: root,
    env: { ...process.env, ...env, PEERS_BATCH: BATCH, PEERS_SECONDS: SECONDS },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  if (run.status !== 0 || !existsSync(out)) throw new Error(`the ${what} failed`);
  const figures = JSON.parse(readFileSync(out, 'utf8')) as MoeLab;
  rmSync(out);
  return figures;
}

/** In Node (bench/peers-moe.ts, which writes PEERS_OUT). */
function runMoeLab(): MoeLab {
  const out = join(tmp, 'moe.json');
  return runHalf('vitest.bench.config.ts', out, { BENCH: 'peers-moe', PEERS_OUT: out }, 'moe-lab half (bench/peers-moe.ts)');
}

/** In headless Chromium (bench/peers-chromium.test.ts, which writes reports/peers-chromium.json). */
function runChromium(): MoeLab {
  return runHalf(
    'vitest.peers-chromium.config.ts',
    resolve(root, 'reports/peers-chromium.json'),
    {},
    'Chromium half (bench/peers-chromium.test.ts)',
  );
}

function runTorch(moe: MoeLab): Torch {
  const tokens = Math.round(moe.training.reduce((n, t) => n + t.tokensPerStep, 0) / moe.training.length);
  const script = resolve(root, 'bench/peers/moe_ref.py');
  const py = spawnSync(
    PYTHON,
    [script, '--vocab', `${moe.vocab}`, '--classes', `${moe.classes}`, '--tokens', `${tokens}`, '--threads', '1', '--seconds', SECONDS],
    {
      encoding: 'utf8',
      // One thread for OpenBLAS and OpenMP too, not only torch's own pool.
      env: { ...process.env, OPENBLAS_NUM_THREADS: '1', OMP_NUM_THREADS: '1' },
      stdio: ['ignore', 'pipe', 'inherit'],
      maxBuffer: 1 << 24,
    },
  );
  if (py.status !== 0) throw new Error('bench/peers/moe_ref.py failed');
  return { ...(JSON.parse(py.stdout) as Omit<Torch, 'date'>), date };
}

/** Each figure's best run (highest tokens/s, lowest ms) of several runs of the same shapes. */
function best<F extends Figures>(runs: F[]): F {
  const [first, ...rest] = runs as [F, ...F[]];
  return {
    ...first,
    training: first.training.map((t, i) => ({
      ...t,
      tokensPerSecond: Math.max(t.tokensPerSecond, ...rest.map((r) => (r.training[i] as TrainFigure).tokensPerSecond)),
    })),
    forward: first.forward.map((f, i) => ({
      ...f,
      sparseMs: Math.min(f.sparseMs, ...rest.map((r) => (r.forward[i] as ForwardFigure).sparseMs)),
      denseMs: Math.min(f.denseMs, ...rest.map((r) => (r.forward[i] as ForwardFigure).denseMs)),
    })),
  };
}

// Mirrored: Node, Chromium, PyTorch, PyTorch, Chromium, Node, so that a drift in the machine's load hits all alike.
const haveTorch = spawnSync(PYTHON, ['-c', 'import torch'], { stdio: 'ignore' }).status === 0;
const moeRuns = [runMoeLab()];
const chromiumRuns = [runChromium()];
const torchRuns = haveTorch ? [runTorch(moeRuns[0] as MoeLab), runTorch(moeRuns[0] as MoeLab)] : [];
chromiumRuns.push(runChromium());
moeRuns.push(runMoeLab());
rmSync(tmp, { recursive: true, force: true });
const moe = best(moeRuns);
const chromium = best(chromiumRuns);
let torch: Torch | null = null;
if (haveTorch) {
  torch = best(torchRuns);
} else {
  const previous = resolve(root, 'bench/results/peers.json');
  torch = existsSync(previous) ? ((JSON.parse(readFileSync(previous, 'utf8')) as { pytorch: Torch | null }).pytorch ?? null) : null;
}

/** (sparse/dense) ÷ (k/E): 1 when sparse dispatch saves all the FLOPs it skips. */
const overFlop = (f: ForwardFigure): number => f.sparseMs / f.denseMs / (f.k / f.E);
const byE = <T extends { E: number } | { experts: number }>(xs: T[], E: number): T | undefined =>
  xs.find((x) => ('E' in x ? x.E : x.experts) === E);

interface Row {
  figure: string;
  better: 'higher' | 'lower';
  pytorch: number | null;
  /** In Node. */
  moeLab: number;
  chromium: number;
}
const rows: Row[] = [];
moe.training.forEach((t, i) => {
  const p = torch ? byE(torch.training, t.experts) : undefined;
  rows.push({
    figure: `training tokens/s, ${t.experts} experts (${t.batchSize} sentences ≈ ${t.tokensPerStep.toFixed(0)} tokens a step${p ? `; PyTorch ${p.tokensPerStep}` : ''})`,
    better: 'higher',
    pytorch: p?.tokensPerSecond ?? null,
    moeLab: t.tokensPerSecond,
    chromium: (chromium.training[i] as TrainFigure).tokensPerSecond,
  });
});
moe.forward.forEach((f, i) => {
  const p = torch ? byE(torch.forward, f.E) : undefined;
  const c = chromium.forward[i] as ForwardFigure;
  rows.push({
    figure: `forward ms, E=${f.E} (sparse)`,
    better: 'lower',
    pytorch: p?.sparseMs ?? null,
    moeLab: f.sparseMs,
    chromium: c.sparseMs,
  });
});
moe.forward.forEach((f, i) => {
  if (f.E < 64) return;
  const p = torch ? byE(torch.forward, f.E) : undefined;
  const c = chromium.forward[i] as ForwardFigure;
  rows.push({
    figure: `sparse/dense ÷ (k/E), E=${f.E}`,
    better: 'lower',
    pytorch: p ? overFlop(p) : null,
    moeLab: overFlop(f),
    chromium: overFlop(c),
  });
});

const num = (x: number): string => (x >= 100 ? Math.round(x).toLocaleString('en-US') : x >= 10 ? x.toFixed(1) : x.toFixed(2));
const cell = (r: Row): string =>
  r.pytorch === null ? 'not measured here' : haveTorch ? num(r.pytorch) : `not measured here (last: ${num(r.pytorch)} on ${torch?.date})`;
const ratio = (r: Row, x: number): string => (haveTorch && r.pytorch !== null ? (x / r.pytorch).toFixed(2) : '—');
const cpu = cpus();
const md = [
  '# moe-lab vs PyTorch (same CPU, one run, side by side)',
  '',
  `- Date: ${date}; ${cpu.length} cores (${cpu[0]?.model.trim() ?? 'unknown CPU'}); Node ${process.version}`,
  `- moe-lab: tfjs-core ${moe.tfjs}, wasm backend (single-threaded, SIMD ${moe.simd ? 'on' : 'off'}, fused expert kernels ${moe.fusedKernels ? 'on' : 'off'}), in Node and in ${chromium.browser?.match(/Chrome\/[\d.]+/)?.[0] ?? 'Chromium'} (headless). PyTorch: ${
    haveTorch && torch
      ? `${torch.torch}, torch threads ${torch.threads} (set explicitly; OPENBLAS_NUM_THREADS=1), BLAS ${torch.blas}`
      : torch
        ? `not on this machine; last measured ${torch.date} (${torch.torch})`
        : 'not on this machine, never measured'
  }.`,
  `- Training: the open-vocabulary model (${moe.vocab} rows + ${moe.classes} class rows, tied head), width 32, one MoE layer of SwiGLU experts of hidden 64, top-2 softmax router, Switch balance loss, Adam lr 0.01. moe-lab trains on its open corpus (route, differentiable forward, gradients of the weights used, Adam per group); PyTorch on random token ids of the same length, one forward and backward.`,
  `- Forward: one MoE layer, T = 1024 seeded random tokens, width 64, SwiGLU hidden 128, top-2; median wall time of route + experts (+ read-back of the output for moe-lab), sparse and dense each in its own run of repetitions (as PyTorch's are timed: interleaving them left each sparse forward right after a dense one). PyTorch's sparse path: index_select, expert, index_add_ per expert; dense: every expert on every token times its gate column.`,
  haveTorch
    ? `- Each ran twice, in the order Node, Chromium, PyTorch, PyTorch, Chromium, Node; each figure is the better of its two runs.`
    : `- moe-lab ran twice in Node and twice in Chromium; each figure is the better of its two runs. No ratio against PyTorch figures from another run.`,
  `- ratio = moe-lab ÷ PyTorch. Goal (issue 18): ≥ 1 for tokens/s, ≤ 1 for ms; for (sparse/dense) ÷ (k/E), 1 means sparse saves all the FLOPs it skips, lower is better.`,
  `- Command: \`node scripts/run-ts.mjs bench/peers.ts\` (${((performance.now() - started) / 1000).toFixed(0)} s). Figures vary 2–5× between runs on a shared machine: compare the ratios.`,
  '',
  '| figure | PyTorch | moe-lab, Node | ratio | moe-lab, Chromium | ratio |',
  '|---|---:|---:|---:|---:|---:|',
  ...rows.map(
    (r) => `| ${r.figure} | ${cell(r)} | ${num(r.moeLab)} | ${ratio(r, r.moeLab)} | ${num(r.chromium)} | ${ratio(r, r.chromium)} |`,
  ),
  '',
].join('\n');

writeResult('peers', md, {
  date,
  node: process.version,
  cores: cpu.length,
  pytorchMeasuredHere: haveTorch,
  pytorch: torch,
  moeLab: moe,
  chromium,
  rows: rows.map((r) => ({
    ...r,
    ratio: haveTorch && r.pytorch !== null ? r.moeLab / r.pytorch : null,
    chromiumRatio: haveTorch && r.pytorch !== null ? r.chromium / r.pytorch : null,
  })),
});
console.log(md);
