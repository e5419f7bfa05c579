/**
 * Browser figures for the simulator, in Debian's headless Chromium against the built site (dist/):
 * time to first routed view, token step latency (click "Next token" to every panel updated) and
 * slider latency (input event to every panel updated with the new model), p50 and p95.
 *   node scripts/run-ts.mjs bench/browser.ts      (needs `npm run build` first)
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium, type Page } from 'playwright-core';
import { preview } from 'vite';
import { CHROMIUM_ARGS } from '../tests/e2e/browser-args';
import { assertChromium, CHROMIUM } from '../tests/e2e/chromium-path';

const root = resolve(import.meta.dirname, '..');

interface AppHandle extends HTMLElement {
  settled(): Promise<void>;
  trace: unknown;
}

function quantile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] as number;
}

function stats(samples: number[]): { p50: number; p95: number; n: number } {
  const s = [...samples].sort((a, b) => a - b);
  return { p50: quantile(s, 0.5), p95: quantile(s, 0.95), n: s.length };
}

async function ready(page: Page): Promise<void> {
  await page.waitForFunction(() => (document.querySelector('moe-app') as AppHandle | null)?.trace != null, undefined, { timeout: 30000 });
  await page.evaluate(() => (document.querySelector('moe-app') as AppHandle).settled());
}

/** Click "Next token" (or "Previous token" at the end) n times; each sample is click → settled. */
function stepLatencies(page: Page, n: number): Promise<number[]> {
  return page.evaluate(async (count) => {
    const app = document.querySelector('moe-app') as AppHandle;
    const buttons = [...app.shadowRoot!.querySelector('control-panel')!.shadowRoot!.querySelectorAll('button')];
    const next = buttons.find((b) => b.textContent?.trim() === 'Next token')!;
    const prev = buttons.find((b) => b.textContent?.trim() === 'Previous token')!;
    const out: number[] = [];
    let forward = true;
    for (let i = 0; i < count; i++) {
      const strip = app.shadowRoot!.querySelector('token-strip') as unknown as { current: number; tokens: unknown[] };
      if (strip.current >= strip.tokens.length - 1) forward = false;
      if (strip.current <= 0) forward = true;
      const t0 = performance.now();
      (forward ? next : prev).click();
      await app.settled();
      out.push(performance.now() - t0);
    }
    return out;
  }, n);
}

/** Move a slider between two values n times; each sample is input event → settled. */
function sliderLatencies(page: Page, id: string, values: [number, number], n: number): Promise<number[]> {
  return page.evaluate(
    async ({ id, values, count }) => {
      const app = document.querySelector('moe-app') as AppHandle;
      const input = app.shadowRoot!.querySelector('control-panel')!.shadowRoot!.getElementById(id) as HTMLInputElement;
      const out: number[] = [];
      for (let i = 0; i < count; i++) {
        const t0 = performance.now();
        input.value = String(values[i % 2]);
        input.dispatchEvent(new Event('input', { bubbles: true }));
        await app.settled();
        out.push(performance.now() - t0);
      }
      return out;
    },
    { id, values, count: n },
  );
}

async function main(): Promise<void> {
  assertChromium();
  const server = await preview({ root, preview: { host: '127.0.0.1', port: 0 }, logLevel: 'error' });
  const base = server.resolvedUrls?.local[0];
  if (!base) throw new Error('vite preview gave no URL');
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  const rows: string[] = [];
  const trainingRows: string[] = [];
  try {
    const firstRender: number[] = [];
    const loaded = new Set<string>();
    for (let i = 0; i < 5; i++) {
      const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
      if (i === 0) page.on('request', (r) => loaded.add(new URL(r.url()).pathname));
      await page.goto(base);
      await ready(page);
      firstRender.push(await page.evaluate(() => performance.now()));
      await page.close();
    }
    // What the first page loads, gzipped as a static host would serve it.
    const sizes = { js: 0, wasm: 0, other: 0 };
    for (const path of loaded) {
      const file = resolve(root, 'dist', `.${path === '/' ? '/index.html' : path}`);
      if (!existsSync(file)) continue;
      const gz = gzipSync(readFileSync(file), { level: 9 }).length;
      if (path.endsWith('.js')) sizes.js += gz;
      else if (path.endsWith('.wasm')) sizes.wasm += gz;
      else sizes.other += gz;
    }
    const kb = (n: number) => (n / 1024).toFixed(0);
    rows.push(`| first page download, gzip: JS ${kb(sizes.js)} KB + wasm ${kb(sizes.wasm)} KB + HTML ${kb(sizes.other)} KB | ${kb(sizes.js + sizes.wasm + sizes.other)} KB | | ${loaded.size} files | ≤ 400 KB |`);
    const fr = stats(firstRender);
    rows.push(`| time to first routed view (navigation → all panels rendered, default) | ${fr.p50.toFixed(0)} ms | ${fr.p95.toFixed(0)} ms | ${fr.n} | ≤ 1000 ms |`);

    for (const [label, query, goal] of [
      ['default (8 experts, top-2)', '', 16],
      ['256 experts, top-8', '?e=256&k=8', 33],
    ] as const) {
      const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
      await page.goto(base + query);
      await ready(page);
      await stepLatencies(page, 20);
      const s = stats(await stepLatencies(page, 200));
      rows.push(`| token step, ${label} | ${s.p50.toFixed(1)} ms | ${s.p95.toFixed(1)} ms | ${s.n} | p95 ≤ ${goal} ms |`);
      await page.close();
    }

    for (const [label, query, id, values] of [
      ['slider "Active experts per token" 2 ↔ 3, default', '', 'topk', [2, 3]],
      ['slider "Routed experts" 8 ↔ 9, default', '', 'experts', [8, 9]],
      ['slider "Routed experts" 255 ↔ 256, top-8', '?e=256&k=8', 'experts', [255, 256]],
    ] as const) {
      const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
      await page.goto(base + query);
      await ready(page);
      await sliderLatencies(page, id, [...values], 6);
      const s = stats(await sliderLatencies(page, id, [...values], 60));
      rows.push(`| ${label} | ${s.p50.toFixed(1)} ms | ${s.p95.toFixed(1)} ms | ${s.n} | p95 ≤ 50 ms |`);
      await page.close();
    }

    // Training in the page: steps/s, and wall time from "Train" until the specialisation score
    // (measured every 5 steps, as in the Node benchmark and the tests) reaches 0.25.
    {
      const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
      await page.goto(`${base}demos/training.html`);
      await page.waitForFunction(() => document.querySelector('training-page')?.shadowRoot?.querySelector('specialisation-map') != null, undefined, { timeout: 30000 });
      const score = () => page.locator('specialisation-map .value').textContent().then((t) => Number((t ?? '').replace('−', '-').trim()));
      const stepOf = () => page.evaluate(() => (document.querySelector('training-page') as unknown as { training?: { step: number } } | null)?.training?.step ?? -1);
      const t0 = Date.now();
      await page.getByRole('button', { name: 'Train', exact: true }).click();
      let reached = -1;
      while (Date.now() - t0 < 60000) {
        if ((await score()) >= 0.25) {
          reached = (Date.now() - t0) / 1000;
          break;
        }
        await page.waitForTimeout(50);
      }
      const steps = await stepOf();
      const s1 = Date.now();
      await page.waitForTimeout(3000);
      const rate = ((await stepOf()) - steps) / ((Date.now() - s1) / 1000);
      await page.getByRole('button', { name: 'Pause', exact: true }).click();
      trainingRows.push(`| demos/training.html, default config | ${rate.toFixed(1)} | ${reached > 0 ? `${reached.toFixed(1)} s (step ${steps})` : 'not within 60 s'} | ≤ 10 s |`);
      await page.close();
    }
  } finally {
    await browser.close();
    await server.close();
  }

  const head = [
    '# Simulator latency in headless Chromium (wasm backend)',
    '',
    `- Date: ${new Date().toISOString().slice(0, 10)}; ${cpus().length} cores; Chromium ${browser.version()} headless; built site from vite preview`,
    '- Step: click on "Next token" until the shell and every panel have rendered the new position.',
    '- Slider: an input event until the model is rebuilt from the seed, re-run, and every panel rendered.',
    '- Timed with performance.now() inside the page (0.1 ms resolution); the next paint is not included.',
    '',
    '| what | p50 | p95 | samples | goal |',
    '|---|---:|---:|---:|---|',
  ];
  const training = [
    '',
    'Training in the page (wasm; the specialisation score is measured every 5 steps):',
    '',
    '| page | steps/s | from "Train" to specialisation ≥ 0.25 | goal |',
    '|---|---:|---|---|',
    ...trainingRows,
  ];
  const md = [...head, ...rows, ...training, ''].join('\n');
  mkdirSync(resolve(root, 'bench/results'), { recursive: true });
  writeFileSync(resolve(root, 'bench/results/browser.md'), md);
  console.log(md);
}

await main();
