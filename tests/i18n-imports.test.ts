/**
 * The message catalogue is split into parts that register themselves when their module loads, so a
 * page only downloads the text it shows. That works only if every component imports each part it
 * reads: this test reads the sources and checks it, so a missing import fails here and not as an
 * `undefined` on some page.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PART_FILES } from '../src/ui/i18n/catalogue';

const UI = resolve(import.meta.dirname, '../src/ui');

describe('message catalogue parts', () => {
  const files = readdirSync(UI, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts') && !f.startsWith('i18n'));

  it('every component imports the parts it reads', () => {
    expect(files.length).toBeGreaterThan(50);
    const missing: string[] = [];
    for (const file of files) {
      const src = readFileSync(resolve(UI, file), 'utf8');
      const used = new Set([...src.matchAll(/messages\(\)\.(\w+)/g)].map((m) => m[1]!));
      if (/const m = messages\(\);/.test(src)) for (const m of src.matchAll(/\bm\.(\w+)\b/g)) used.add(m[1]!);
      if (/CATALOGUE\.(en|zh)\.(\w+)/.test(src)) for (const m of src.matchAll(/CATALOGUE\.(?:en|zh)\.(\w+)/g)) used.add(m[1]!);
      for (const part of used) {
        const module = (PART_FILES as Record<string, string>)[part];
        if (module && !src.includes(`import '../i18n/${module}';`))
          missing.push(`${file} reads ${part} but does not import '../i18n/${module}'`);
      }
    }
    expect(missing).toEqual([]);
  });

  it('every part registers itself under the name the catalogue types give it', () => {
    for (const [part, module] of Object.entries(PART_FILES)) {
      const src = readFileSync(resolve(UI, 'i18n', `${module}.ts`), 'utf8');
      expect(src, module).toContain(`register('${part}', part);`);
    }
  });
});
