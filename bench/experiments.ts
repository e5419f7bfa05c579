/**
 * The experiments page (demos/experiments.html) in Debian's headless Chromium against the built site,
 * wasm backend: how long each experiment takes from its request to its result (the runner's own
 * clock: building the model, routing the 200 held-out sentences, measuring), with nothing cached:
 * each sample is a fresh page load. Experiments 5 and 7 train 120 steps (twice 120 for 7).
 *   node scripts/run-ts.mjs bench/experiments.ts      (needs `npm run build` first)
 */
import { cpus } from 'node:os';
import { launchBrowser } from '../tests/e2e/browser';
import { assertChromium } from '../tests/e2e/chromium-path';
import { serveDist, stats, writeResult, type Stats } from './browser-util';

const ROUTING = ['words', 'neighbours', 'together', 'knockout', 'same-word'] as const;
const TRAINING = ['settles', 'compute'] as const;

async function main(): Promise<void> {
  assertChromium();
  const { base, server } = await serveDist();
  const browser = await launchBrowser();
  const figures: Record<string, Stats> = {};
  const rows: string[] = [];
  try {
    for (const x of [...ROUTING, ...TRAINING]) {
      const samples: number[] = [];
      const n = (TRAINING as readonly string[]).includes(x) ? 3 : 10;
      for (let i = 0; i < n + 1; i++) {
        const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
        await page.goto(`${base}demos/experiments.html?x=${x}`);
        await page.waitForFunction(() => customElements.get('experiments-page') !== undefined, undefined, { timeout: 30000 });
        const ms = await page.evaluate(async () => {
          const el = document.querySelector('experiments-page') as unknown as { settled(): Promise<void>; lastMs: number };
          await el.settled();
          return el.lastMs;
        });
        if (i > 0) samples.push(ms); // the first load warms the browser's caches
        await page.close();
      }
      const s = stats(samples);
      figures[x] = s;
      const goal = (TRAINING as readonly string[]).includes(x) ? 'progress bar (trains)' : 'p95 ≤ 2000 ms';
      rows.push(`| ${x} | ${s.p50.toFixed(0)} ms | ${s.p95.toFixed(0)} ms | ${s.n} | ${goal} |`);
      console.log(rows.at(-1));
    }
  } finally {
    await browser.close();
    await server.close();
  }
  const md = [
    '# Experiments page in headless Chromium (wasm backend)',
    '',
    `- Date: ${new Date().toISOString().slice(0, 10)}; ${cpus().length} cores; Chromium ${browser.version()} headless; default model (8 experts, top-2, 1 layer), trained weights`,
    '- From the request to the result on the page (each sample a fresh page load, nothing cached): 200 held-out sentences routed and measured; 5 and 7 train from the seed.',
    '',
    '| experiment | p50 | p95 | samples | goal |',
    '|---|---:|---:|---:|---|',
    ...rows,
    '',
  ].join('\n');
  writeResult('experiments', md, { date: new Date().toISOString().slice(0, 10), chromium: browser.version(), experiments: figures });
  console.log(md);
}

await main();
