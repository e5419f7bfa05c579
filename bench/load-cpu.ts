/**
 * CPU cost of loading a page of the built site, as the end-to-end tests load it: N loads of one URL
 * in one browser context (warm HTTP and code caches after the first), each from navigation through
 * settled and one more second (what the page still does on its own: animations), measured as the CPU
 * time of all of Chromium's processes (from /proc: Linux only; a closed page's processes included),
 * and the wall time to settled. The CPU time holds on a busy machine where the wall time does not.
 *   node scripts/run-ts.mjs bench/load-cpu.ts [--n=10] [--path=?e=16] [--mode=new-page|goto|new-page-alone] [--reduce]
 * (needs a build in dist/ first; MOE_LAB_DIST names another build folder)
 *   new-page        a new page per load, closed after it, beside an idle page of the site (as openPage does)
 *   new-page-alone  the same with no other page of the site open (a new renderer process per page)
 *   goto            one page, navigated from load to load
 */
import { readdirSync, readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { launchBrowser } from '../tests/e2e/browser';
import { assertChromium } from '../tests/e2e/chromium-path';
import { staticServer } from '../tests/e2e/static-server';
import { ready } from './browser-util';

const arg = (name: string, fallback: string): string =>
  process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3) ?? fallback;
const n = Number(arg('n', '10'));
const path = arg('path', '');
const mode = arg('mode', 'new-page');
const reduce = process.argv.includes('--reduce');
const AFTER_MS = 1000;

/** CPU time (ms) of this process's descendants, including the ones they have reaped. */
function chromiumCpu(): number {
  const children = new Map<number, number[]>();
  const ticks = new Map<number, number>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    let stat: string;
    try {
      stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
    } catch {
      continue;
    }
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ppid = Number(f[1]);
    children.set(ppid, [...(children.get(ppid) ?? []), Number(entry)]);
    ticks.set(Number(entry), Number(f[11]) + Number(f[12]) + Number(f[13]) + Number(f[14]));
  }
  let total = 0;
  const stack = [...(children.get(process.pid) ?? [])];
  while (stack.length) {
    const pid = stack.pop()!;
    total += ticks.get(pid) ?? 0;
    stack.push(...(children.get(pid) ?? []));
  }
  return total * 10; // 100 ticks a second
}

async function load(page: Page, url: string): Promise<void> {
  await page.goto(url);
  if (!path || path.startsWith('?')) await ready(page);
  else await page.waitForLoadState('networkidle');
}

async function main(): Promise<void> {
  assertChromium();
  const server = await staticServer();
  const browser = await launchBrowser();
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, ...(reduce ? { reducedMotion: 'reduce' } : {}) });
  const cpu: number[] = [];
  const wall: number[] = [];
  try {
    const url = server.url + path;
    const first = await context.newPage();
    await load(first, url); // warms the caches
    if (mode === 'new-page') await first.goto(server.url + 'idle-page-of-the-site');
    else if (mode !== 'goto') await first.close();
    await new Promise((r) => setTimeout(r, AFTER_MS));
    for (let i = 0; i < n; i++) {
      const cpu0 = chromiumCpu();
      const t0 = performance.now();
      const page = mode === 'goto' ? first : await context.newPage();
      await load(page, url);
      wall.push(performance.now() - t0);
      await new Promise((r) => setTimeout(r, AFTER_MS));
      if (mode !== 'goto') await page.close();
      cpu.push(chromiumCpu() - cpu0);
    }
  } finally {
    await browser.close();
    await server.close();
  }
  const row = (name: string, xs: number[]) => {
    const s = [...xs].sort((a, b) => a - b);
    const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
    return `${name.padEnd(22)} mean ${mean.toFixed(0).padStart(5)} ms   p50 ${s[Math.floor(s.length / 2)]!.toFixed(0).padStart(5)}   min ${s[0]!.toFixed(0).padStart(5)}   max ${s[s.length - 1]!.toFixed(0).padStart(5)}`;
  };
  console.log(`${n} loads of /${path}, ${mode}${reduce ? ', reduced motion' : ''}`);
  console.log(row('CPU, all of Chromium', cpu));
  console.log(row('wall to settled', wall));
}

await main();
