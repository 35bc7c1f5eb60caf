import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { connect, type AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PAGE_LIMITS } from '../../src/serve/limits.ts';
import { CONTENT_SECURITY_POLICY, serve } from '../../src/serve/server.ts';
import { goodhart, oneErrorLine, REPO } from '../cli/goodhart.ts';

// A served folder with a page in it, next to a file that must never be served.
const base = mkdtempSync(join(tmpdir(), 'goodhart-serve-'));
const root = join(base, 'site');
const SECRET = 'secret-outside-the-served-folder';
mkdirSync(join(root, 'assets'), { recursive: true });
writeFileSync(join(root, 'index.html'), '<!doctype html><title>page</title>');
writeFileSync(join(root, 'assets', 'app.js'), 'console.log(1);');
writeFileSync(join(root, '.env'), SECRET);
writeFileSync(join(base, 'secret.txt'), SECRET);
symlinkSync(join(base, 'secret.txt'), join(root, 'link-out.txt'));

let server: Server;
let port: number;

beforeAll(async () => {
  ({ server } = await serve({ root, limits: { maxAgents: 2000, maxWeeks: 104, maxSeeds: 3 }, port: 0 }));
  port = (server.address() as AddressInfo).port;
});
afterAll(() => {
  server?.close();
  rmSync(base, { recursive: true, force: true });
});

interface RawResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** Sends a request exactly as written (no client-side normalisation of the path) and reads the answer. */
function raw(path: string, { method = 'GET', host = `127.0.0.1:${port}` } = {}): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => socket.write(`${method} ${path} HTTP/1.1\r\nHost: ${host}\r\nConnection: close\r\n\r\n`));
    let text = '';
    socket.setEncoding('latin1').on('data', (chunk: string) => (text += chunk));
    socket.on('error', reject);
    socket.on('end', () => {
      const [head, ...rest] = text.split('\r\n\r\n');
      const [statusLine, ...headerLines] = head.split('\r\n');
      const headers = Object.fromEntries(headerLines.map((l) => [l.slice(0, l.indexOf(':')).toLowerCase(), l.slice(l.indexOf(':') + 1).trim()]));
      resolve({ status: Number(statusLine.split(' ')[1]), headers, body: rest.join('\r\n\r\n') });
    });
  });
}

describe('goodhart serve: the server', () => {
  it('listens on 127.0.0.1 unless told otherwise', () => {
    expect((server.address() as AddressInfo).address).toBe('127.0.0.1');
  });

  it('serves the page and its files with their types', async () => {
    const page = await raw('/');
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(page.body).toContain('<title>page</title>');
    const script = await raw('/assets/app.js?v=1');
    expect(script.status).toBe(200);
    expect(script.headers['content-type']).toBe('text/javascript; charset=utf-8');
  });

  it.each([
    '/../secret.txt',
    '/%2e%2e/secret.txt',
    '/%2E%2E%2Fsecret.txt',
    '/..%2fsecret.txt',
    '/assets/../../secret.txt',
    '/assets/%2e%2e/%2e%2e/secret.txt',
    '/..\\secret.txt',
    '/%5c..%5csecret.txt',
    '/%252e%252e/secret.txt',
    '/index.html%00/../../secret.txt',
    '//secret.txt',
    '/.env',
    '/link-out.txt',
    `/${encodeURIComponent(join(base, 'secret.txt'))}`,
  ])('refuses %s: nothing outside the folder, no hidden files', async (path) => {
    const response = await raw(path);
    expect([400, 403, 404]).toContain(response.status);
    expect(response.body).not.toContain(SECRET);
  });

  it('answers only GET and HEAD', async () => {
    const post = await raw('/', { method: 'POST' });
    expect(post.status).toBe(405);
    expect(post.headers.allow).toBe('GET, HEAD');
    const head = await raw('/', { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(head.body).toBe('');
  });

  it('refuses requests for another host name (DNS rebinding)', async () => {
    expect((await raw('/', { host: 'attacker.example' })).status).toBe(403);
    expect((await raw('/', { host: `localhost:${port}` })).status).toBe(200);
  });

  it('tells the page its caps on engineers, weeks and seeds at /config.json', async () => {
    const response = await raw('/config.json');
    expect(response.status).toBe(200);
    expect(JSON.parse(response.body)).toEqual({ maxAgents: 2000, maxWeeks: 104, maxSeeds: 3 });
  });

  it('sends a restrictive Content-Security-Policy with every answer', async () => {
    for (const path of ['/', '/assets/app.js', '/config.json', '/missing', '/../secret.txt']) {
      expect((await raw(path)).headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
    }
    const directives = new Map(CONTENT_SECURITY_POLICY.split('; ').map((d) => [d.split(' ')[0], d.split(' ').slice(1)]));
    expect(directives.get('default-src')).toEqual(["'none'"]);
    expect(directives.get('script-src')).toEqual(["'self'"]);
    expect(directives.get('connect-src')).toEqual(["'self'"]);
    expect(directives.get('object-src')).toEqual(["'none'"]);
    expect(directives.get('frame-ancestors')).toEqual(["'none'"]);
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-eval|unsafe-inline|\*/);
    expect((await raw('/')).headers['x-content-type-options']).toBe('nosniff');
  });
});

describe('goodhart serve: the command', () => {
  it('prints the address on 127.0.0.1 and serves the folder', async () => {
    const child = spawn(process.execPath, ['bin/goodhart.js', 'serve', '--port', '0', '--dir', root], { cwd: REPO, stdio: ['ignore', 'pipe', 'pipe'] });
    try {
      const url = await new Promise<string>((resolve, reject) => {
        let out = '';
        child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
          out += chunk;
          const match = /^Workshop page: (http:\/\/\S+)$/m.exec(out);
          if (match) resolve(match[1]);
        });
        child.on('close', (code) => reject(new Error(`serve exited with ${code} before printing its address`)));
      });
      expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
      const response = await fetch(url);
      expect(response.status).toBe(200);
      expect(await response.text()).toContain('<title>page</title>');
      const config = await (await fetch(new URL('config.json', url))).json();
      expect(config).toEqual(PAGE_LIMITS);
    } finally {
      child.kill();
    }
  });

  it('refuses caps above what a page may ever run, in one line', async () => {
    const over = await goodhart(['serve', '--port', '0', '--dir', root, '--max-agents', String(PAGE_LIMITS.maxAgents + 1)]);
    expect(over.status).toBe(2);
    expect(oneErrorLine(over.stderr)).toBe(`goodhart: error: --max-agents must be a whole number from 1 to ${PAGE_LIMITS.maxAgents}, got ${PAGE_LIMITS.maxAgents + 1}`);
    const weeks = await goodhart(['serve', '--port', '0', '--dir', root, '--max-weeks', '0']);
    expect(weeks.status).toBe(2);
    expect(oneErrorLine(weeks.stderr)).toBe(`goodhart: error: --max-weeks must be a whole number from 1 to ${PAGE_LIMITS.maxWeeks}, got 0`);
  });

  it('says so when the folder holds no page', async () => {
    const outcome = await goodhart(['serve', '--port', '0', '--dir', base + '/nowhere']);
    expect(outcome.status).toBe(2);
    expect(oneErrorLine(outcome.stderr)).toMatch(/--dir .*nowhere holds no index\.html/);
  });
});
