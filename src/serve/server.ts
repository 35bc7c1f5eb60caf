/**
 * The workshop page's server: static files from one folder (the built page), and the limits the
 * page must keep to at /config.json. Nothing else: GET and HEAD only, no directory listings, no
 * file outside the folder (whatever the path's dots, slashes, encodings or symbolic links), and a
 * Content-Security-Policy that lets the page load only its own scripts and talk to nobody.
 */
import { createReadStream, realpathSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { extname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { CONFIG_PATH, type PageLimits } from './limits.ts';

export interface ServeOptions {
  /** The folder served (the built page). */
  root: string;
  limits: PageLimits;
}

/**
 * Scripts, styles, images and fetches from the page's own origin only: no inline script, no eval (the
 * charts interpret their expressions), no plugins, no frames, no forms, no <base>. The simulation
 * workers start from the page's own worker file (a blob: URL only where no server is: a copy opened
 * from file://); downloads use blob: links, which need no directive.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "worker-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
  "object-src 'none'",
].join('; ');

const SECURITY_HEADERS: Record<string, string> = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'X-Frame-Options': 'DENY',
  // A rebuilt page must replace the old one at the next reload, in front of a room.
  'Cache-Control': 'no-cache',
};

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
};

/** Host names a server bound to the loopback answers to: anything else is a DNS-rebinding attempt. */
const LOOPBACK_NAMES = new Set(['localhost', '127.0.0.1', '[::1]']);

function send(response: ServerResponse, status: number, body: string, type = 'text/plain; charset=utf-8'): void {
  response.writeHead(status, { ...SECURITY_HEADERS, 'Content-Type': type, 'Content-Length': Buffer.byteLength(body) });
  response.end(response.req.method === 'HEAD' ? undefined : body);
}

/**
 * The file a request path names inside `root`, or undefined when it names none there: a path that
 * cannot be decoded, holds a NUL or a backslash, has a dot-file segment, or leads outside the root.
 */
export function resolveInside(root: string, urlPath: string): string | undefined {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return undefined;
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return undefined;
  const segments = decoded.split('/').filter((s) => s !== '');
  // ".." and "." segments, and hidden files such as .env or .git: none belong to the page.
  if (segments.some((s) => s.startsWith('.'))) return undefined;
  const file = resolve(root, ...segments);
  const inside = relative(root, file);
  if (inside.startsWith('..') || isAbsolute(inside)) return undefined;
  return segments.length === 0 ? join(root, 'index.html') : file;
}

function serveFile(response: ServerResponse, root: string, file: string): void {
  let real: string;
  let size: number;
  try {
    // A symbolic link inside the folder must not lead out of it.
    real = realpathSync(file);
    const stat = statSync(real);
    if (!stat.isFile()) return send(response, 404, 'Not found\n');
    size = stat.size;
  } catch {
    return send(response, 404, 'Not found\n');
  }
  if (real !== root && !real.startsWith(root + sep)) return send(response, 404, 'Not found\n');
  const type = CONTENT_TYPES[extname(real).toLowerCase()] ?? 'application/octet-stream';
  response.writeHead(200, { ...SECURITY_HEADERS, 'Content-Type': type, 'Content-Length': size });
  if (response.req.method === 'HEAD') return void response.end();
  createReadStream(real)
    .on('error', () => response.destroy())
    .pipe(response);
}

/** The request handler, separate from listening so that tests can drive it on any port. */
export function handler(options: ServeOptions, loopbackOnly: boolean) {
  const root = realpathSync(resolve(options.root));
  const config = `${JSON.stringify(options.limits)}\n`;
  return (request: IncomingMessage, response: ServerResponse) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.setHeader('Allow', 'GET, HEAD');
      return send(response, 405, 'Only GET and HEAD\n');
    }
    if (loopbackOnly) {
      const host = (request.headers.host ?? '').replace(/:\d+$/, '').toLowerCase();
      if (!LOOPBACK_NAMES.has(host)) return send(response, 403, 'This server answers only to localhost\n');
    }
    const path = (request.url ?? '/').split('?')[0].split('#')[0];
    if (!path.startsWith('/')) return send(response, 400, 'Bad request\n');
    if (path === `/${CONFIG_PATH}`) return send(response, 200, config, CONTENT_TYPES['.json']);
    const file = resolveInside(root, path);
    if (!file) return send(response, 404, 'Not found\n');
    serveFile(response, root, file);
  };
}

export const DEFAULT_HOST = '127.0.0.1';
export const DEFAULT_PORT = 8080;

/** Starts serving; resolves with the server and its address once it listens. */
export function serve(options: ServeOptions & { host?: string; port?: number }): Promise<{ server: Server; url: string }> {
  const host = options.host ?? DEFAULT_HOST;
  const loopbackOnly = host === DEFAULT_HOST || host === 'localhost' || host === '::1';
  const server = createServer(handler(options, loopbackOnly));
  return new Promise((resolvePromise, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? DEFAULT_PORT, host, () => {
      server.off('error', reject);
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : options.port;
      const shown = host.includes(':') ? `[${host}]` : host;
      resolvePromise({ server, url: `http://${shown}:${port}/` });
    });
  });
}
