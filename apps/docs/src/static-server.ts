import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, sep } from 'node:path';

/** Content types of the files a VitePress build and the playground contain. */
const TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.wasm': 'application/wasm',
  '.txt': 'text/plain; charset=utf-8',
  '.webmanifest': 'application/manifest+json',
  '.bin': 'application/octet-stream',
  '.gz': 'application/gzip',
};

/** Options of {@link serveStatic}. */
export interface StaticServerOptions {
  /** Directory holding the built site. */
  readonly root: string;
  /** URL prefix the site is built for (VitePress `base`), e.g. `/` or `/init/`. */
  readonly base?: string;
  /** Port; 0 (default) picks a free one. */
  readonly port?: number;
  /** Host to bind; default `127.0.0.1`. */
  readonly host?: string;
}

/** A running static server. */
export interface StaticServer {
  readonly server: Server;
  /** The site's address, base included, e.g. `http://127.0.0.1:4173/`. */
  readonly url: string;
  close(): Promise<void>;
}

/**
 * Maps a request path to a file of the site the way GitHub Pages does: `/x/` → `/x/index.html`,
 * `/x` → `/x.html` when that exists. Returns undefined outside the base or the root.
 */
export function resolveFile(root: string, base: string, urlPath: string): string | undefined {
  let path: string;
  try {
    path = decodeURIComponent(urlPath.split('?')[0]?.split('#')[0] ?? '/');
  } catch {
    return undefined;
  }
  if (!path.startsWith(base)) return undefined;
  const relative = normalize(path.slice(base.length));
  if (relative.startsWith('..') || relative.includes(`${sep}..${sep}`)) return undefined;
  const rootDir = root.endsWith(sep) ? root.slice(0, -1) : root;
  const file = join(rootDir, relative);
  if (file !== rootDir && !file.startsWith(`${rootDir}${sep}`)) return undefined;
  const candidates =
    file.endsWith(sep) || relative === '.'
      ? [join(file, 'index.html')]
      : [file, `${file}.html`, join(file, 'index.html')];
  return candidates.find((c) => existsSync(c) && statSync(c).isFile());
}

/** Serves a built site over HTTP with a 404 page (the site's `404.html` when it has one). */
export function serveStatic(options: StaticServerOptions): Promise<StaticServer> {
  const base = options.base ?? '/';
  const root = options.root.endsWith(sep) ? options.root : `${options.root}${sep}`;
  const host = options.host ?? '127.0.0.1';
  const server = createServer((req, res) => {
    const file = resolveFile(root, base, req.url ?? '/');
    if (file === undefined) {
      const notFound = join(root, '404.html');
      res.writeHead(404, { 'content-type': 'text/html; charset=utf-8' });
      if (existsSync(notFound)) createReadStream(notFound).pipe(res);
      else res.end('not found');
      return;
    }
    res.writeHead(200, {
      'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
      'cache-control': 'no-cache',
    });
    createReadStream(file).pipe(res);
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      const { port } = server.address() as AddressInfo;
      resolve({
        server,
        url: `http://${host}:${port}${base}`,
        close: () => new Promise((done) => server.close(() => done())),
      });
    });
  });
}
