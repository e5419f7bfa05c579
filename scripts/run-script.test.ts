/** Runs the script named in SCRIPT (a path from the repository root) under vitest.script.config.ts. */
import { resolve } from 'node:path';
import { it } from 'vitest';

const script = process.env.SCRIPT;
it(script ?? 'no SCRIPT given', async () => {
  if (!script) throw new Error('set SCRIPT to the script to run, e.g. SCRIPT=scripts/train-model.ts');
  await import(/* @vite-ignore */ resolve(script));
});
