/**
 * Helpers shared by the browser benchmarks (bench/browser.ts, bench/soak.ts): serve dist/ with vite
 * preview, wait for the simulator to settle, time token steps and slider moves inside the page,
 * quantiles, and writing a result as markdown (for people) and JSON (for scripts/perf-summary.mjs).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { preview, type PreviewServer } from 'vite';

export const root = resolve(import.meta.dirname, '..');

/** What the benchmarks use of the page shell <moe-app> (and of <training-page>). */
export interface AppHandle extends HTMLElement {
  settled(): Promise<void>;
  diagnostics(): { tensors: number; bytes: number };
  trace: unknown;
}

export interface Stats {
  p50: number;
  p95: number;
  n: number;
}

export function quantile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] as number;
}

export function stats(samples: number[]): Stats {
  const s = [...samples].sort((a, b) => a - b);
  return { p50: quantile(s, 0.5), p95: quantile(s, 0.95), n: s.length };
}

/** Serves the built site (dist/) on a free loopback port. */
export async function serveDist(): Promise<{ base: string; server: PreviewServer }> {
  const server = await preview({ root, preview: { host: '127.0.0.1', port: 0 }, logLevel: 'error' });
  const base = server.resolvedUrls?.local[0];
  if (!base) {
    await server.close();
    throw new Error('vite preview gave no URL');
  }
  return { base, server };
}

/** Waits for the first routed view of <moe-app> and for every panel to render it. */
export async function ready(page: Page): Promise<void> {
  await page.waitForFunction(() => (document.querySelector('moe-app') as AppHandle | null)?.trace != null, undefined, { timeout: 30000 });
  await page.evaluate(() => (document.querySelector('moe-app') as AppHandle).settled());
}

/** Click "Next token" (or "Previous token" at the end) n times; each sample is click → settled. */
export function stepLatencies(page: Page, n: number): Promise<number[]> {
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

/**
 * Moves sliders n times; move i sets slider moves[i % moves.length] (control-panel input id and
 * value). Each sample is input event → settled.
 */
export function sliderLatencies(page: Page, moves: readonly (readonly [string, number])[], n: number): Promise<number[]> {
  return page.evaluate(
    async ({ moves, count }) => {
      const app = document.querySelector('moe-app') as AppHandle;
      const panel = app.shadowRoot!.querySelector('control-panel')!.shadowRoot!;
      const out: number[] = [];
      for (let i = 0; i < count; i++) {
        const [id, value] = moves[i % moves.length]!;
        const input = panel.getElementById(id) as HTMLInputElement;
        const t0 = performance.now();
        input.value = String(value);
        input.dispatchEvent(new Event('input', { bubbles: true }));
        await app.settled();
        out.push(performance.now() - t0);
      }
      return out;
    },
    { moves, count: n },
  );
}

/** Writes bench/results/<name>.md and <name>.json. */
export function writeResult(name: string, markdown: string, json: unknown): void {
  const dir = resolve(root, 'bench/results');
  mkdirSync(dir, { recursive: true });
  writeFileSync(resolve(dir, `${name}.md`), markdown);
  writeFileSync(resolve(dir, `${name}.json`), `${JSON.stringify(json, null, 2)}\n`);
}
