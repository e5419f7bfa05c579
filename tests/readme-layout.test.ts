/**
 * The README's layout section and the folder tree agree: every folder of src/ (and each folder of
 * src/ui) is described there, every file of src/core and src/state is named, and every file the
 * section names exists.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '..');
const README = readFileSync(join(ROOT, 'README.md'), 'utf8');

/** The fenced block under "## Layout". */
function layoutBlock(): string {
  const section = README.split(/^## /m).find((s) => s.startsWith('Layout'));
  const block = section && /```\n([\s\S]*?)```/.exec(section);
  return block ? block[1]! : '';
}

/** Every file below dir, as paths relative to ROOT. */
function filesBelow(dir: string): string[] {
  return readdirSync(join(ROOT, dir)).flatMap((name) => {
    const path = `${dir}/${name}`;
    return statSync(join(ROOT, path)).isDirectory() ? filesBelow(path) : [path];
  });
}

describe("README's layout", () => {
  const layout = layoutBlock();
  const folders = ['src/core', 'src/state', ...readdirSync(join(ROOT, 'src/ui')).map((f) => `src/ui/${f}`)].filter((d) =>
    statSync(join(ROOT, d)).isDirectory(),
  );

  it('describes every folder of src/', () => {
    expect(layout.length).toBeGreaterThan(500);
    const missing = folders.filter((d) => !layout.includes(`${d.replace(/^src\/ui\//, '')}/`) && !layout.includes(`${d}/`));
    expect(missing).toEqual([]);
  });

  it('names only files that exist', () => {
    const known = new Set(
      ['src', 'tests', 'demos', 'bench', 'build', 'scripts', 'kernels'].flatMap((d) => filesBelow(d)).map((p) => p.split('/').pop()!),
    );
    const named = [...new Set([...layout.matchAll(/(?<![\w.*-])[\w-][\w.-]*\.(?:ts|mjs|css|html)\b/g)].map((m) => m[0]))];
    expect(named.length).toBeGreaterThan(30);
    expect(named.filter((name) => !known.has(name) && !existsSync(join(ROOT, name)))).toEqual([]);
  });

  it('names every file of src/core and src/state (what each holds, in a few words)', () => {
    const files = [...filesBelow('src/core'), ...filesBelow('src/state')]
      .filter((p) => !p.includes('/presets/') && !p.endsWith('.d.ts'))
      .map((p) => p.split('/').pop()!);
    expect(files.filter((name) => !layout.includes(name))).toEqual([]);
  });
});
