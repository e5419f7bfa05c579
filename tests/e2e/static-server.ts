/**
 * The plainest static file server for the end-to-end tests: files from the built site, a content type
 * by extension, and no other header (no CSP header either: the pages must carry their own policy, as
 * they do on a plain static host). `MOE_LAB_DIST` names another build folder (default dist/).
 */
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { extname, join, normalize, resolve } from 'node:path';

export const DIST = resolve(import.meta.dirname, '../..', process.env.MOE_LAB_DIST ?? 'dist');

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.wasm': 'application/wasm',
  '.json': 'application/json',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.bin': 'application/octet-stream',
};

export interface StaticServer {
  server: Server;
  url: string;
  close(): Promise<void>;
}

/** Serves `root` on a free loopback port. */
export function staticServer(root = DIST): Promise<StaticServer> {
  const server = createServer((req, res) => {
    let path: string;
    try {
      path = normalize(decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname)).replace(/^(\.\.[/\\])+/, '');
    } catch {
      res.writeHead(400).end('bad request');
      return;
    }
    let file = join(root, path);
    if (existsSync(file) && statSync(file).isDirectory()) file = join(file, 'index.html');
    if (!file.startsWith(root) || !existsSync(file)) {
      res.writeHead(404).end('not found');
      return;
    }
    res.writeHead(200, { 'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream' });
    createReadStream(file).pipe(res);
  });
  return new Promise((done) =>
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/`;
      done({ server, url, close: () => new Promise<void>((closed) => server.close(() => closed())) });
    }),
  );
}
