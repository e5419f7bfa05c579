/**
 * Serves the built site (dist/, or the folder named by MOE_LAB_DIST) from a plain static server that
 * sends no special headers, on a free loopback port, after checking that the production build and
 * Debian's Chromium are there. Never skips silently.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { TestProject } from 'vitest/node';
import { assertChromium } from './chromium-path';
import { DIST, staticServer, type StaticServer } from './static-server';

let server: StaticServer | undefined;

export async function setup(project: TestProject): Promise<void> {
  assertChromium();
  if (!existsSync(resolve(DIST, 'index.html'))) {
    throw new Error(`No production build in ${DIST}: run \`npm run build\` first (\`npm test\` does).`);
  }
  server = await staticServer();
  project.provide('baseUrl', server.url);
}

export async function teardown(): Promise<void> {
  await server?.close();
}

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
  }
}
