/**
 * tfjs-core reads `?tfjsflags=...` from the page's query string as it loads and applies what it
 * finds (or throws on a value without a colon, or on flags it evaluates early), so a visitor's link
 * could blank the page or change how the model runs. This plugin rewrites tfjs-core's
 * `populateURLFlags` to read nothing, in every bundle that contains it: the site, the `<moe-lab>`
 * library, the dev server's pre-bundled deps and the component tests. A tfjs version whose code no
 * longer matches stops the build instead of silently reading the URL again.
 */
import type { Plugin } from 'vite';

const ENVIRONMENT = /[\\/]@tensorflow[\\/]tfjs-core[\\/]dist[\\/](environment\.js|tf-core(\.fesm|\.esm|\.es2017)?(\.min)?\.js)$/;
const METHOD = /populateURLFlags\(\)\s*\{/g;

/** tfjs-core's source with populateURLFlags made a no-op; throws where the method is not found. */
export function withoutUrlFlags(code: string, id: string): string {
  let n = 0;
  const out = code.replace(METHOD, (m) => {
    n++;
    return `${m} return; /* moe-lab: the visitor's query string is not tfjs's */`;
  });
  if (n !== 1) throw new Error(`tfjs-no-url-flags: expected one populateURLFlags() in ${id}, found ${n}`);
  return out;
}

function transform(code: string, id: string): string | null {
  const file = id.split('?')[0] ?? id;
  if (!ENVIRONMENT.test(file)) return null;
  if (!code.includes('populateURLFlags')) return null;
  return withoutUrlFlags(code, file);
}

/** The vite plugin (build and dev) and the same transform for the dev server's dependency pre-bundling. */
export function tfjsNoUrlFlags(): Plugin {
  return {
    name: 'moe-lab:tfjs-no-url-flags',
    enforce: 'pre',
    transform: (code, id) => transform(code, id),
    config: () => ({
      optimizeDeps: {
        rolldownOptions: {
          plugins: [{ name: 'moe-lab:tfjs-no-url-flags-deps', transform: (code: string, id: string) => transform(code, id) }],
        },
      },
    }),
  };
}
