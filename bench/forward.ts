/**
 * Forward-pass benchmark of one MoE layer in Node: sparse dispatch against the dense reference,
 * on the cpu and wasm backends, for T ∈ {256, 1024} tokens, E ∈ {8, 64, 256} experts, k ∈ {1, 2, 8}.
 *
 *   npm run bench                        the whole grid; also writes bench/results/forward.md
 *   npm run bench -- --backends=wasm --tokens=1024 --experts=64 --topk=2     one cell (no file written)
 *   --budget=MS   time per cell for the timed repetitions (default 1500; slow cells still run 3 times)
 *   --width=D --hidden=H   layer shape (default 32 and 64, the app's default)
 *
 * The entry runs through scripts/run-ts.mjs (vite's module runner, no extra dependency).
 *
 * One timed forward is what the app runs per layer: `route(h)` (router logits, one read-back, routing
 * in JS), then `sparse(h, assignmentsOf(...))` or `dense(h, gateMatrix(...))`, then `await y.data()`.
 * Timings are medians after warm-up. The dense reference runs every expert on every token, so its
 * cost does not depend on k: it is measured once per (backend, T, E) and shown on each k row. The
 * runs of one (backend, T, E) group, dense and each k, are interleaved so that load from elsewhere
 * on the machine skews their ratios less.
 */
import { dispose, env, memory, version_core, type Tensor2D } from '@tensorflow/tfjs-core';
import { mkdirSync, writeFileSync } from 'node:fs';
import { arch, cpus, platform } from 'node:os';
import { fileURLToPath } from 'node:url';
import { initBackend, type BackendName } from '../src/core/backend';
import type { MoeLayer } from '../src/core/moe-layer';
import { BUDGET_MS as DEFAULT_BUDGET, fmt, forward, inputFor, layerFor, measureTogether, type Measured, type Timing } from './forward-util';

/** Flags come from BENCH_ARGS (the benchmark runs inside vitest), e.g. BENCH_ARGS="--backends=wasm --tokens=1024". */
const args = (process.env.BENCH_ARGS ?? '').split(/\s+/).filter(Boolean);

function listArg(name: string, fallback: number[]): number[];
function listArg(name: string, fallback: string[]): string[];
function listArg(name: string, fallback: (number | string)[]): (number | string)[] {
  const arg = args.find((a) => a.startsWith(`--${name}=`));
  if (!arg) return fallback;
  const items = arg
    .slice(name.length + 3)
    .split(',')
    .filter(Boolean);
  return typeof fallback[0] === 'number' ? items.map(Number) : items;
}

const WIDTH = Number(listArg('width', [32])[0]);
const HIDDEN = Number(listArg('hidden', [64])[0]);
const BACKENDS = listArg('backends', ['cpu', 'wasm']) as BackendName[];
const TOKENS = listArg('tokens', [256, 1024]);
const EXPERTS = listArg('experts', [8, 64, 256]);
const TOPK = listArg('topk', [1, 2, 8]);
const FULL_GRID = !args.some((a) => /^--(backends|tokens|experts|topk|width|hidden)=/.test(a));
/** Time to spend on the timed repetitions of one cell (slow cells still run 3 times). */
const BUDGET_MS = Number(listArg('budget', [DEFAULT_BUDGET])[0]);

interface Row {
  backend: BackendName;
  T: number;
  E: number;
  k: number;
  sparse: Measured;
  dense: Measured;
}

function maxAbsDiff(a: Float32Array, b: Float32Array): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs((a[i] as number) - (b[i] as number)));
  return m;
}

async function main(): Promise<void> {
  env().set('IS_TEST', true); // silences the cpu backend's "install tfjs-node" banner
  const started = new Date();
  const t0 = performance.now();
  const rows: Row[] = [];
  let worstDiff = 0;

  for (const backend of BACKENDS) {
    const status = await initBackend(backend);
    if (status.name !== backend) throw new Error(`backend ${backend} did not start: ${status.notice ?? status.name}`);
    const simd = backend === 'wasm' ? ` (SIMD ${env().getBool('WASM_HAS_SIMD_SUPPORT') ? 'on' : 'off'})` : '';
    console.error(`# ${backend}${simd}`);
    for (const T of TOKENS) {
      const h: Tensor2D = inputFor(T, WIDTH);
      for (const E of EXPERTS) {
        const ks = TOPK.filter((k) => k <= E);
        if (ks.length === 0) continue;
        // Dense does not depend on k: it is measured once, with the routing of k = 2 (or the first k).
        const denseK = ks.includes(2) ? 2 : (ks[0] as number);
        const layers = ks.map((k) => layerFor(E, k, WIDTH, HIDDEN));
        const denseLayer = layers[ks.indexOf(denseK)] as MoeLayer;
        if (backend === 'wasm') {
          // Cheap on wasm: check that sparse dispatch gives the dense result on every cell.
          for (const layer of layers) {
            worstDiff = Math.max(worstDiff, maxAbsDiff(await forward(layer, h, 'sparse'), await forward(layer, h, 'dense')));
          }
        }
        const [dense, ...sparse] = await measureTogether(
          [(t) => forward(denseLayer, h, 'dense', t), ...layers.map((layer) => (t: Timing) => forward(layer, h, 'sparse', t))],
          BUDGET_MS,
        );
        for (const layer of layers) dispose(layer.variables());
        console.error(`  T=${T} E=${E} dense ${fmt((dense as Measured).ms)} ms (${(dense as Measured).reps} reps)`);
        ks.forEach((k, i) => {
          const m = sparse[i] as Measured;
          rows.push({ backend, T, E, k, sparse: m, dense: dense as Measured });
          console.error(`  T=${T} E=${E} k=${k} sparse ${fmt(m.ms)} ms (${m.reps} reps)`);
        });
      }
      dispose(h);
    }
    console.error(`  tensors alive after ${backend}: ${memory().numTensors}`);
  }

  const elapsed = (performance.now() - t0) / 1000;
  const cpu = cpus();
  const lines = [
    `# MoE layer forward: sparse dispatch vs dense reference`,
    '',
    `- Date: ${started.toISOString().slice(0, 10)}`,
    `- Machine: ${cpu.length} cores (${cpu[0]?.model.trim() ?? 'unknown CPU'}), ${platform()} ${arch()}, Node ${process.version}`,
    `- tfjs-core ${version_core}; wasm backend single-threaded${BACKENDS.includes('wasm') ? `, SIMD ${env().getBool('WASM_HAS_SIMD_SUPPORT') ? 'on' : 'off'}` : ''}`,
    `- Layer: width ${WIDTH}, SwiGLU experts of hidden width ${HIDDEN}, router softmax-topk, no capacity limit, no shared experts; input: seeded N(0, 1) tokens`,
    `- One forward = route for the choices only (router logits; on wasm their top k ranked where they lie in the heap, as a training step's routing pass does, on cpu read back; routing in JS) + sparse or dense experts + read-back of the output. Median of repeated runs after warm-up; the runs of one (backend, T, E) group are interleaved.`,
    `- Dense runs every expert on every token, so it does not depend on k: it is measured once per (backend, T, E) and repeated on each k row.`,
    `- FLOP ratio k/E: the expert FLOPs of sparse over dense. (sparse/dense) ÷ (k/E): 1 means sparse is exactly as much faster as its FLOPs allow.`,
    `- route ms: the \`layer.route(h)\` part of the sparse forward (router matMul, the top k of its logits, routing in JS); both paths pay it.`,
    `  "experts only": the same ratio ÷ FLOP ratio with each path's routing time taken out (medians of whole − routing).`,
    ...(BACKENDS.includes('wasm')
      ? [`- Check: on wasm, sparse equals dense on every cell to max |Δ| = ${worstDiff.toExponential(1)}.`]
      : []),
    `- Command: \`${args.length ? `BENCH=forward BENCH_ARGS="${args.join(' ')}" npx vitest run -c vitest.bench.config.ts` : 'npm run bench'}\` (${elapsed.toFixed(0)} s for this grid)`,
    '',
    '| backend | T | E | k | sparse ms | dense ms | sparse/dense | FLOP ratio k/E | sparse/dense ÷ FLOP ratio | route ms | experts only ÷ FLOP ratio |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
    ...rows.map((r) => {
      const ratio = r.sparse.ms / r.dense.ms;
      const flop = r.k / r.E;
      const experts = r.sparse.experts / r.dense.experts / flop;
      return `| ${r.backend} | ${r.T} | ${r.E} | ${r.k} | ${fmt(r.sparse.ms)} | ${fmt(r.dense.ms)} | ${ratio.toFixed(3)} | ${flop.toFixed(3)} | ${(ratio / flop).toFixed(2)} | ${fmt(r.sparse.route)} | ${experts.toFixed(2)} |`;
    }),
    '',
  ];
  const text = lines.join('\n');
  console.log(text);
  if (worstDiff > 1e-5) throw new Error(`sparse and dense differ by ${worstDiff} (> 1e-5)`);
  if (FULL_GRID) {
    const out = fileURLToPath(new URL('./results/forward.md', import.meta.url));
    mkdirSync(fileURLToPath(new URL('./results/', import.meta.url)), { recursive: true });
    writeFileSync(out, text);
    // Machine-readable figures for scripts/perf-summary.mjs.
    const json = {
      date: started.toISOString().slice(0, 10),
      node: process.version,
      seconds: elapsed,
      maxAbsDiff: worstDiff,
      rows: rows.map((r) => ({
        backend: r.backend,
        T: r.T,
        E: r.E,
        k: r.k,
        sparseMs: r.sparse.ms,
        denseMs: r.dense.ms,
        routeMs: r.sparse.route,
        flopRatio: r.k / r.E,
        ratioOverFlop: r.sparse.ms / r.dense.ms / (r.k / r.E),
        expertsOnlyOverFlop: r.sparse.experts / r.dense.experts / (r.k / r.E),
      })),
    };
    writeFileSync(fileURLToPath(new URL('./results/forward.json', import.meta.url)), `${JSON.stringify(json, null, 2)}\n`);
    console.error(`wrote ${out} and forward.json`);
  }
}

await main();
