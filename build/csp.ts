/**
 * The site's Content-Security-Policy, in one place. Every built page carries it in a
 * `<meta http-equiv="Content-Security-Policy">` (a plain static host sends no header), and
 * public/_headers repeats it, with `frame-ancestors`, for hosts that send headers (a meta policy
 * cannot hold frame-ancestors). Nothing from other origins, no inline script, no eval: WebAssembly
 * compilation needs 'wasm-unsafe-eval' (the tfjs wasm backend); styles come only from the site's own
 * files and lit's constructed stylesheets (components set style properties through the CSSOM, see
 * src/ui/shared/style-props.ts), so no 'unsafe-inline' for styles either.
 */
import type { Plugin } from 'vite';

export const CSP_DIRECTIVES: readonly string[] = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "connect-src 'self'",
  "font-src 'self'",
  "worker-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
];

/** The policy as a page's meta tag carries it. */
export const CONTENT_SECURITY_POLICY = CSP_DIRECTIVES.join('; ');

/** The policy as a header, where framing by other sites can be refused too. */
export const CONTENT_SECURITY_POLICY_HEADER = [...CSP_DIRECTIVES, "frame-ancestors 'self'"].join('; ');

/** The `_headers` file (Netlify, Cloudflare Pages and others read it) for dist/. */
export function headersFile(): string {
  return [
    '# Sent by static hosts that read _headers (Netlify, Cloudflare Pages). Each page also carries the',
    '# same policy in a <meta> tag; frame-ancestors works only as a header.',
    '/*',
    `  Content-Security-Policy: ${CONTENT_SECURITY_POLICY_HEADER}`,
    '  X-Content-Type-Options: nosniff',
    '  Referrer-Policy: no-referrer',
    '',
  ].join('\n');
}

/** Adds the meta tag as the first thing in every built page's <head>, and writes dist/_headers. */
export function contentSecurityPolicy(): Plugin {
  return {
    name: 'moe-lab:csp',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler: () => [
        { tag: 'meta', attrs: { 'http-equiv': 'Content-Security-Policy', content: CONTENT_SECURITY_POLICY }, injectTo: 'head-prepend' },
      ],
    },
    generateBundle() {
      this.emitFile({ type: 'asset', fileName: '_headers', source: headersFile() });
    },
  };
}
