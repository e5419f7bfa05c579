/**
 * The three layers import in one direction: core knows nothing of state or ui (and nothing of the
 * DOM or lit), state knows nothing of ui. These tests read the sources and fail on a forbidden import.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const SRC = join(ROOT, 'src');
const CODE = /\.(ts|tsx|js|mjs|cjs|jsx)$/;

/** Every source file under dir, recursively; none if the folder does not exist yet. */
function sourceFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return CODE.test(name) && !name.endsWith('.d.ts') ? [path] : [];
  });
}

/** Comments removed, so prose like "no window here" is not a violation. */
function stripComments(text: string): string {
  return text.replace(/\/\*[\s\S]*?\*\//g, ' ').replace(/(^|[^:\\'"`])\/\/.*$/gm, '$1');
}

/** Module specifiers of static imports, re-exports, side-effect imports and dynamic imports. */
function importsOf(text: string): string[] {
  const code = stripComments(text);
  const found: string[] = [];
  const patterns = [
    /\b(?:import|export)\s[^'";]*?\bfrom\s*['"]([^'"]+)['"]/g,
    /\bimport\s*['"]([^'"]+)['"]/g,
    /\bimport\s*\(\s*['"`]([^'"`]+)['"`]\s*\)/g,
    /\brequire\s*\(\s*['"`]([^'"`]+)['"`]\s*\)/g,
  ];
  for (const re of patterns) for (const m of code.matchAll(re)) found.push(m[1] as string);
  return found;
}

const isLit = (spec: string): boolean =>
  /^(lit|lit-html|lit-element)(\/|$)/.test(spec) || spec.startsWith('@lit/') || spec.startsWith('@lit-labs/');

/** Whether a relative import from file lands inside the folder layer (src/<layer>). */
function reaches(file: string, spec: string, layer: string): boolean {
  if (!spec.startsWith('.')) return false;
  const target = resolve(dirname(file), spec);
  const folder = join(SRC, layer);
  return target === folder || target.startsWith(folder + sep);
}

/** Problems in one core file. */
function coreViolations(file: string, text: string): string[] {
  const out: string[] = [];
  for (const spec of importsOf(text)) {
    if (isLit(spec)) out.push(`imports lit ("${spec}")`);
    if (reaches(file, spec, 'ui')) out.push(`imports the ui ("${spec}")`);
    if (reaches(file, spec, 'state')) out.push(`imports the state ("${spec}")`);
  }
  const code = stripComments(text);
  if (/\bMath\s*\.\s*random\b/.test(code)) out.push('uses Math.random (use the seeded Rng)');
  if (/\bwindow\b/.test(code)) out.push('uses window');
  if (/\bdocument\b/.test(code)) out.push('uses document');
  return out;
}

function stateViolations(file: string, text: string): string[] {
  return importsOf(text)
    .filter((spec) => reaches(file, spec, 'ui'))
    .map((spec) => `imports the ui ("${spec}")`);
}

/** The two files of src/ui allowed colour literals: the theme's tokens and the experts' data palette. */
const COLOUR_FILES = [join(SRC, 'ui', 'shared', 'theme.ts'), join(SRC, 'ui', 'shared', 'palette.ts')];
const NAMED = 'white|black|red|green|blue|yellow|orange|purple|pink|grey|gray|silver|navy|maroon|teal|olive|lime|aqua|fuchsia|brown|gold';

/** Colour literals in one ui file: #hex, rgb()/hsl() with numbers, and named colours in a colour property or attribute. */
function colourViolations(_file: string, text: string): string[] {
  const code = stripComments(text);
  const out: string[] = [];
  for (const m of code.matchAll(/(?<![&\w])#(?:[0-9a-fA-F]{3,4}|[0-9a-fA-F]{6}|[0-9a-fA-F]{8})(?![\w-])/g))
    out.push(`colour literal ${m[0]}`);
  for (const m of code.matchAll(/\b(?:rgba?|hsla?)\(\s*[\d.]/g)) out.push(`colour literal ${m[0]}…)`);
  const named = new RegExp(
    `\\b(?:color|background(?:-color)?|border(?:-[a-z]+)?|outline(?:-color)?|fill|stroke|stop-color|box-shadow|text-decoration-color)\\s*[:=]\\s*['"]?[^;'"\\n]*?(?<![\\w-])(${NAMED})(?![\\w-])`,
    'gi',
  );
  for (const m of code.matchAll(named)) out.push(`colour literal ${m[1]}`);
  return out;
}

/** Font sizes and spacing (padding, margin, gap) written as numbers rather than `var(--moe-fs-…)` / `var(--moe-sp-…)`. */
function sizeViolations(_file: string, text: string): string[] {
  const code = stripComments(text);
  const out: string[] = [];
  const rule = /\b(font-size|padding(?:-[a-z]+)*|margin(?:-[a-z]+)*|gap|row-gap|column-gap)\s*:\s*([^;}`\n]+)/g;
  for (const m of code.matchAll(rule)) {
    const literal = /(?<![\w-])\d*\.?\d+(?:rem|px|em|%)(?![\w-])/.exec(m[2]!.replace(/var\([^)]*\)/g, ''));
    if (literal && Number.parseFloat(literal[0]) !== 0) out.push(`${m[1]} literal ${literal[0]}`);
  }
  return out;
}

/** The one module allowed to write the address bar. */
const URL_SYNC = join(SRC, 'state', 'url-sync.ts');

/** Uses of the History API (`history.replaceState(`, `window.history`, …), not of names like `s.history`. */
function historyViolations(_file: string, text: string): string[] {
  const code = stripComments(text);
  return [...code.matchAll(/(?<![\w.$])(?:window\.|globalThis\.)?history\s*\.\s*(pushState|replaceState|state|back|forward|go)\b/g)].map(
    (m) => `uses history.${m[1]}`,
  );
}

/** The most lines a source file may have: past it, split the file by what its parts hold. */
const MAX_LINES = 400;
/** Source files as the size rule counts them: code, style sheets and pages. */
const SIZED = /\.(ts|tsx|js|mjs|cjs|jsx|css|html)$/;

/** Every file under dir that the size rule counts, recursively. */
function sizedFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sizedFiles(path);
    return SIZED.test(name) && !name.endsWith('.d.ts') ? [path] : [];
  });
}

/** Lines of a text as `wc -l` counts them (a last line without its line break still counts). */
function lineCount(text: string): number {
  if (text === '') return 0;
  return text.split('\n').length - (text.endsWith('\n') ? 1 : 0);
}

/**
 * A sentence: three or more words of letters separated by single spaces ("must be between",
 * "The sentence was cut"). Codes ('config.outOfRange'), keys, CSS-less identifiers, tfjs backend
 * names and format strings have no such run.
 */
const SENTENCE = /\b[A-Za-z][a-z'’]*(?: [a-z'’]+){2,}\b/;

/**
 * String and template literals of a source, comments removed, each `${…}` of a template read as
 * code (its own literals are found too) and left out of the template's text. Regular expression
 * literals are skipped, so a quote inside one does not open a string.
 */
function stringLiterals(text: string): string[] {
  const code = stripComments(text);
  const found: string[] = [];
  let i = 0;
  const quoted = (q: string): void => {
    let body = '';
    for (i++; i < code.length && code[i] !== q && code[i] !== '\n'; i++) {
      if (code[i] === '\\') body += code[i++];
      body += code[i];
    }
    i++;
    found.push(body);
  };
  const template = (): void => {
    let body = '';
    for (i++; i < code.length && code[i] !== '`';) {
      if (code[i] === '\\') {
        body += code.slice(i, i + 2);
        i += 2;
      } else if (code.startsWith('${', i)) {
        i += 2;
        body += ' X ';
        read(true);
      } else body += code[i++];
    }
    i++;
    found.push(body);
  };
  const regex = (): void => {
    let inClass = false;
    for (i++; i < code.length && code[i] !== '\n'; i++) {
      if (code[i] === '\\') i++;
      else if (code[i] === '[') inClass = true;
      else if (code[i] === ']') inClass = false;
      else if (code[i] === '/' && !inClass) break;
    }
    i++;
  };
  /** Code up to the `}` that closes a template's `${` (or the end). */
  const read = (inTemplate: boolean): void => {
    let depth = 0;
    let last = '';
    while (i < code.length) {
      const c = code[i] as string;
      if (c === "'" || c === '"') quoted(c);
      else if (c === '`') template();
      else if (c === '/' && (last === '' || /[(,=:[!&|?{};+\-*%<>~^]/.test(last))) regex();
      else {
        if (c === '{') depth++;
        if (c === '}') {
          if (depth === 0 && inTemplate) {
            i++;
            return;
          }
          depth--;
        }
        i++;
      }
      if (!/\s/.test(c)) last = c === '"' || c === "'" || c === '`' ? 'x' : c;
      if (/[\w$)\]]/.test(c)) last = 'x';
    }
  };
  read(false);
  return found;
}

/** English sentences in one core or state file (messages belong in the ui's catalogue, src/ui/i18n). */
function sentenceViolations(_file: string, text: string): string[] {
  return stringLiterals(text)
    .filter((s) => SENTENCE.test(s))
    .map((s) => `English sentence literal ${JSON.stringify(s.length > 60 ? `${s.slice(0, 60)}…` : s)}`);
}

/**
 * Files of src/core and src/state whose sentences are data, not messages: the toy's corpus and the
 * open vocabulary's sentence templates (what the model reads), the lessons' example sentences, a
 * paper's title quoted as a source.
 */
const SENTENCE_DATA = ['core/corpus.ts', 'core/open-corpus.ts', 'state/lessons.ts', 'core/presets.ts'].map((f) => join(SRC, f));

function report(files: string[], check: (file: string, text: string) => string[]): string[] {
  return files.flatMap((file) => check(file, readFileSync(file, 'utf8')).map((p) => `${relative(ROOT, file)}: ${p}`));
}

describe('architecture', () => {
  const core = sourceFiles(join(SRC, 'core'));

  it('finds the core sources', () => {
    expect(core.length).toBeGreaterThanOrEqual(10);
    expect(core.map((f) => relative(SRC, f))).toContain(join('core', 'router.ts'));
  });

  it('src/core imports no lit, no ui, no state, and uses no Math.random, window or document', () => {
    expect(report(core, coreViolations)).toEqual([]);
  });

  it('src/state does not import the ui', () => {
    expect(report(sourceFiles(join(SRC, 'state')), stateViolations)).toEqual([]);
  });

  it('only src/state/url-sync.ts touches the History API (one way to write the address bar)', () => {
    const all = sourceFiles(SRC);
    expect(all).toContain(URL_SYNC);
    expect(
      report(
        all.filter((f) => f !== URL_SYNC),
        historyViolations,
      ),
    ).toEqual([]);
  });

  it('src/ui holds no colour literal outside the theme file and palette.ts (colours are var(--moe-…) tokens)', () => {
    const ui = sourceFiles(join(SRC, 'ui')).filter((f) => !COLOUR_FILES.includes(f));
    expect(ui.length).toBeGreaterThanOrEqual(40);
    expect(report(ui, colourViolations)).toEqual([]);
  });

  it(`no source file in src/, demos/ or build/ is over ${MAX_LINES} lines`, () => {
    const files = ['src', 'demos', 'build'].flatMap((dir) => sizedFiles(join(ROOT, dir)));
    expect(files.length).toBeGreaterThanOrEqual(100);
    const over = files
      .map((file) => ({ path: relative(ROOT, file).split(sep).join('/'), lines: lineCount(readFileSync(file, 'utf8')) }))
      .filter((f) => f.lines > MAX_LINES)
      .map((f) => `${f.path}: ${f.lines} lines`);
    expect(over, `files over ${MAX_LINES} lines (split them by what their parts hold)`).toEqual([]);
  });

  it('no English sentence literals in src/core or src/state: they return codes with arguments, the catalogue words them', () => {
    const files = [...core, ...sourceFiles(join(SRC, 'state'))].filter((f) => !SENTENCE_DATA.includes(f));
    expect(files.length).toBeGreaterThanOrEqual(40);
    expect(report(files, sentenceViolations)).toEqual([]);
  });

  it('src/ui and src/page.css write every font size and spacing as a theme token (var(--moe-fs-…), var(--moe-sp-…))', () => {
    const files = [...sourceFiles(join(SRC, 'ui')).filter((f) => !COLOUR_FILES.includes(f)), join(SRC, 'page.css')];
    expect(report(files, sizeViolations)).toEqual([]);
  });

  it('src/ui keeps its files in folders named for a page or a shared part', () => {
    const FOLDERS = ['shared', 'routing', 'simulator', 'training', 'scale', 'memory', 'lessons', 'experiments', 'i18n'];
    const misplaced = sourceFiles(join(SRC, 'ui'))
      .map((f) => relative(join(SRC, 'ui'), f).split(sep))
      .filter((parts) => parts.length !== 2 || !FOLDERS.includes(parts[0]!))
      .map((parts) => parts.join('/'));
    expect(misplaced).toEqual([]);
  });
});

describe('the checker itself', () => {
  const coreFile = join(SRC, 'core', 'x.ts');
  const stateFile = join(SRC, 'state', 'store.ts');

  it('catches each forbidden thing in core', () => {
    const cases: [string, string][] = [
      ["import { LitElement } from 'lit';", 'imports lit ("lit")'],
      ["import { customElement } from 'lit/decorators.js';", 'imports lit ("lit/decorators.js")'],
      ["import type { Panel } from '../ui/panel';", 'imports the ui ("../ui/panel")'],
      ["export { store } from '../state';", 'imports the state ("../state")'],
      ["const m = await import('../state/store');", 'imports the state ("../state/store")'],
      ["import '../ui/register';", 'imports the ui ("../ui/register")'],
      ['const r = Math.random();', 'uses Math.random (use the seeded Rng)'],
      ['const w = window.innerWidth;', 'uses window'],
      ["const el = document.createElement('div');", 'uses document'],
      ['const g = globalThis.window;', 'uses window'],
    ];
    for (const [code, problem] of cases) expect(coreViolations(coreFile, code)).toEqual([problem]);
  });

  it('allows what core may do', () => {
    const ok = [
      "import { tidy } from '@tensorflow/tfjs-core';",
      "import { Rng } from './rng';",
      "import type { Token } from './tokenizer';",
      "import { something } from '../core-helpers/ui-free';",
      '// no window, no document, never Math.random()',
      '/* the lit UI lives elsewhere: import x from "lit" */',
      'const windowSize = 4; const documents = [];',
      "const literal = 'lite';",
    ];
    for (const code of ok) expect(coreViolations(coreFile, code)).toEqual([]);
  });

  it('catches colour literals and allows tokens, ids and computed colours', () => {
    const bad: [string, string][] = [
      ['css`a { color: #0b57d0; }`', 'colour literal #0b57d0'],
      ["const INK = '#0B3D91';", 'colour literal #0B3D91'],
      ['svg`<line stroke="#ddd"></line>`', 'colour literal #ddd'],
      ['css`.x { box-shadow: 0 0 0 2px #fff inset; }`', 'colour literal #fff'],
      ["ctx.fillStyle = 'rgba(0,0,0,0.12)';", 'colour literal rgba(0…)'],
      ['css`.s { box-shadow: 0 0.3rem rgb(0 0 0 / 0.15); }`', 'colour literal rgb(0…)'],
      ['css`p { color: hsl(120 50% 40%); }`', 'colour literal hsl(1…)'],
      ['css`p { background: white; }`', 'colour literal white'],
      ['svg`<rect fill="black"></rect>`', 'colour literal black'],
    ];
    for (const [code, problem] of bad) expect(colourViolations('x.ts', code)).toEqual([problem]);
    const ok = [
      'css`a { color: var(--moe-link); }`',
      'svg`<rect fill="url(#hatch)"></rect><use href="#drop"></use>`',
      'const c = `rgb(${mix(r)},${mix(g)},${mix(b)})`;',
      'css`th { white-space: nowrap; border: 2px solid transparent; }`',
      '// the old #111 text',
      "const s = 'red birds sing .';",
      'const id = `#${name}`;',
    ];
    for (const code of ok) expect(colourViolations('x.ts', code)).toEqual([]);
  });

  it('counts lines as wc -l does', () => {
    expect(lineCount('')).toBe(0);
    expect(lineCount('a')).toBe(1);
    expect(lineCount('a\n')).toBe(1);
    expect(lineCount('a\nb\n')).toBe(2);
    expect(lineCount('a\n\nb')).toBe(3);
  });

  it('catches English sentences in strings and templates, and allows codes, keys and identifiers', () => {
    const bad: [string, string][] = [
      ["const m = 'the config must be an object';", 'English sentence literal "the config must be an object"'],
      ['throw new Error(`top-k (${k}) cannot exceed the experts`);', 'English sentence literal "top-k ( X ) cannot exceed the experts"'],
      ['const n = "Ignored unknown setting";', 'English sentence literal "Ignored unknown setting"'],
      ['const t = `The sentence was cut to ${max} characters.`;', 'English sentence literal "The sentence was cut to  X  characters."'],
    ];
    for (const [code, problem] of bad) expect(sentenceViolations('x.ts', code)).toEqual([problem]);
    const ok = [
      "problem('topK', 'config.topKExceedsExperts', { topK, experts });",
      "const backends = ['wasm', 'cpu', 'webgl'];",
      'const key = `${prefix}-${control}-problem`;',
      "import { tidy } from '@tensorflow/tfjs-core';",
      '// the config must be an object, not a list',
      '/* Ignored unknown setting */',
      "const pair = 'two words';",
      "throw new CodedError('latent.rank', { value: dc, max: this.fullRank });",
      'const q = `?${params.toString()}`;',
    ];
    for (const code of ok) expect(sentenceViolations('x.ts', code)).toEqual([]);
  });

  it('catches font-size and spacing literals and allows tokens, zeros and calc of tokens', () => {
    expect(sizeViolations('x.ts', 'p { font-size: 0.85rem; }')).toEqual(['font-size literal 0.85rem']);
    expect(sizeViolations('x.ts', '.a { padding: 0 1rem; margin-top: 2px; gap: .5em }')).toEqual([
      'padding literal 1rem',
      'margin-top literal 2px',
      'gap literal .5em',
    ]);
    expect(sizeViolations('x.ts', '.a { padding: 0 var(--moe-sp-8); margin: calc(-1 * var(--moe-sp-3)); gap: 0; }')).toEqual([]);
    expect(sizeViolations('x.ts', '.a { font-size: var(--moe-fs-m); width: 12rem; }')).toEqual([]);
  });

  it('catches History API calls and allows other things named history', () => {
    expect(historyViolations('', "history.replaceState(null, '', q);")).toEqual(['uses history.replaceState']);
    expect(historyViolations('', 'window.history.pushState({}, "", q); const s = history.state;')).toEqual([
      'uses history.pushState',
      'uses history.state',
    ]);
    expect(historyViolations('', 'const last = s.history.slice(-5); history.some((p) => p.loss > 0); // history.back()')).toEqual([]);
  });

  it('state may import core but not the ui', () => {
    expect(stateViolations(stateFile, "import { MoeModel } from '../core/model';")).toEqual([]);
    expect(stateViolations(stateFile, "import { Shell } from '../ui/shell';")).toEqual(['imports the ui ("../ui/shell")']);
    expect(stateViolations(join(SRC, 'state', 'deep', 'a.ts'), "import '../../ui';")).toEqual(['imports the ui ("../../ui")']);
  });
});
