/**
 * tfjs-core's Environment, as shipped, reads `?tfjsflags=` from the page's location and throws on
 * a value without a colon; with build/tfjs-no-url-flags.ts applied it reads nothing.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { withoutUrlFlags } from '../../build/tfjs-no-url-flags';

const dist = dirname(createRequire(import.meta.url).resolve('@tensorflow/tfjs-core/package.json'));
const SOURCE = readFileSync(join(dist, 'dist/environment.js'), 'utf8');

interface Env {
  urlFlags: Record<string, unknown>;
  registerFlag(name: string, evaluate: () => unknown): void;
  get(name: string): unknown;
}
type EnvClass = new (global: unknown) => Env;

/** The module's Environment class, evaluated on its own (its one import stubbed). */
function environmentClass(code: string): EnvClass {
  const body = code
    .replace(/^import .*$/gm, '')
    .replace(/^\/\/# sourceMappingURL=.*$/gm, '')
    .replace(/^export (function|let|class) /gm, '$1 ');
  return new Function('isPromise', `${body}\nsetEnvironmentGlobal(new Environment({}));\nreturn Environment;`)(() => false) as EnvClass;
}

const at = (search: string) => ({ location: { search } });

describe('tfjs-core never reads the visitor query string', () => {
  it('as shipped, it does: a flag without a colon throws and a flag with one is applied', () => {
    const Environment = environmentClass(SOURCE);
    expect(() => new Environment(at('?tfjsflags=x'))).toThrow(/toLowerCase/);
    const env = new Environment(at('?tfjsflags=WASM_HAS_SIMD_SUPPORT:false'));
    expect(env.urlFlags).toEqual({ WASM_HAS_SIMD_SUPPORT: false });
  });

  it('rewritten, every form of the key is read as nothing', () => {
    const Environment = environmentClass(withoutUrlFlags(SOURCE, 'environment.js'));
    for (const search of [
      '?tfjsflags=x',
      '?tfjsflags',
      '?tfjsflags=,',
      '?%74fjsflags=x',
      '?tfjsflags=DEBUG:true',
      '?tfjsflags=WASM_HAS_SIMD_SUPPORT:false',
      '?x=100%25%',
      '?e=%',
    ]) {
      const env = new Environment(at(search));
      expect(env.urlFlags, search).toEqual({});
      env.registerFlag('WASM_HAS_SIMD_SUPPORT', () => true);
      expect(env.get('WASM_HAS_SIMD_SUPPORT'), search).toBe(true);
    }
  });

  it('refuses code it does not recognise, so a tfjs upgrade cannot bring the URL flags back silently', () => {
    expect(() => withoutUrlFlags('class Environment { constructor() {} }', 'x.js')).toThrow(/expected one populateURLFlags/);
    expect(() => withoutUrlFlags(`${SOURCE}\n${SOURCE}`, 'x.js')).toThrow(/found 2/);
  });

  it('also matches the minified bundles', () => {
    const min = readFileSync(join(dist, 'dist/tf-core.es2017.min.js'), 'utf8');
    expect(withoutUrlFlags(min, 'min.js')).toContain('populateURLFlags(){ return; /* moe-lab');
  });
});
