/**
 * Serves the built site (dist/) with vite preview on a free loopback port for the end-to-end tests,
 * after checking that the production build and Debian's Chromium are there. Never skips silently.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { preview, type PreviewServer } from 'vite';
import type { TestProject } from 'vitest/node';
import { assertChromium } from './chromium-path';

let server: PreviewServer | undefined;

export async function setup(project: TestProject): Promise<void> {
  assertChromium();
  const dist = resolve(import.meta.dirname, '../../dist');
  if (!existsSync(resolve(dist, 'index.html'))) {
    throw new Error('No production build in dist/: run `npm run build` first (`npm test` does).');
  }
  server = await preview({ root: resolve(import.meta.dirname, '../..'), preview: { host: '127.0.0.1', port: 0, strictPort: false }, logLevel: 'error' });
  const url = server.resolvedUrls?.local[0];
  if (!url) throw new Error('vite preview did not report a URL');
  project.provide('baseUrl', url);
}

export async function teardown(): Promise<void> {
  await server?.close();
}

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
  }
}
