/**
 * axe-core in the page, looking inside every open shadow root. It is injected by evaluating
 * axe-core's own script: the site's Content-Security-Policy (vite.config.ts) refuses inline <script>
 * tags, so `page.addScriptTag` would be blocked, and the tests keep that policy on.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

interface AxeNode {
  target: unknown[];
  failureSummary?: string;
}
interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: AxeNode[];
}

function flatTarget(n: AxeNode): string[] {
  return n.target.flatMap((t) => (Array.isArray(t) ? t.map(String) : [String(t)]));
}

/** Opens every <details> (the tables behind the charts), so axe checks them too. */
export async function openAllDetails(page: Page): Promise<void> {
  await page.evaluate(() => {
    const walk = (root: Document | ShadowRoot): Element[] =>
      [...root.querySelectorAll('*')].flatMap((el) => [el, ...(el.shadowRoot ? walk(el.shadowRoot) : [])]);
    for (const el of walk(document)) if (el instanceof HTMLDetailsElement) el.open = true;
  });
  // The toggle events fire after this task; components render what they show when open.
  await page.waitForTimeout(200);
}

/** Runs axe on the whole page (open shadow roots included) and returns one line per failing node. */
export async function axeViolations(page: Page, where: string): Promise<string[]> {
  await openAllDetails(page);
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(AXE_SOURCE);
  const violations = (await page.evaluate(async () => {
    const w = window as unknown as { axe: { run(ctx: Document, opts: object): Promise<{ violations: unknown[] }> } };
    return (await w.axe.run(document, { resultTypes: ['violations'] })).violations;
  })) as AxeViolation[];
  const lines: string[] = [];
  for (const v of violations) {
    for (const n of v.nodes) {
      lines.push(
        `${where}: ${v.id} (${v.impact}): ${v.help} | ${flatTarget(n).join(' >>> ')} | ${(n.failureSummary ?? '').replace(/\s+/g, ' ').trim()}`,
      );
    }
  }
  return lines;
}
