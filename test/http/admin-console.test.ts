import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, get, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';

import Koa from 'koa';

import { adminConsole } from '../../src/http/admin-console';
import type { RequestState } from '../../src/http/state';

const INDEX_HTML = '<!doctype html><title>Roster console</title><div id="root"></div>';
const SCRIPT = 'console.log("console bundle");';

/** Serves `adminConsole(root)` and a fallback route, so that pass-through is visible. */
async function serve(root: string): Promise<{ url: string; server: Server }> {
  const koa = new Koa<RequestState>();
  koa.use(adminConsole(root));
  koa.use((ctx) => {
    ctx.body = 'next middleware';
  });

  const server = createServer(koa.callback());
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return { url: `http://127.0.0.1:${port}`, server };
}

/**
 * Sends a GET exactly as given. fetch() would resolve `..` in the path and add
 * `Cache-Control: no-cache` to conditional requests.
 */
function rawGet(
  base: string,
  requestPath: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; headers: IncomingHttpHeaders; body: string }> {
  return new Promise((resolve, reject) => {
    const { hostname, port } = new URL(base);

    get({ hostname, port, path: requestPath, headers }, (response) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (body += chunk));
      response.on('end', () =>
        resolve({ status: response.statusCode ?? 0, headers: response.headers, body }),
      );
    }).on('error', reject);
  });
}

describe('adminConsole', () => {
  let root: string;
  let url: string;
  let server: Server;

  beforeAll(async () => {
    root = mkdtempSync(path.join(os.tmpdir(), 'roster-console-'));
    mkdirSync(path.join(root, 'assets'));
    writeFileSync(path.join(root, 'index.html'), INDEX_HTML);
    writeFileSync(path.join(root, 'assets', 'index-Bx7c9Q2a.js'), SCRIPT);
    writeFileSync(path.join(root, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
    writeFileSync(path.join(root, '.hidden'), 'secret');
    ({ url, server } = await serve(root));
  });

  afterAll(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
    rmSync(root, { recursive: true, force: true });
  });

  it('serves index.html at /admin/ without caching', async () => {
    const response = await fetch(`${url}/admin/`);

    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(response.headers.get('cache-control')).toBe('no-cache');
    expect(await response.text()).toBe(INDEX_HTML);
  });

  it('serves index.html at /admin itself', async () => {
    const response = await fetch(`${url}/admin`);

    expect(response.status).toBe(200);
    expect(await response.text()).toBe(INDEX_HTML);
  });

  it('falls back to index.html for client routes', async () => {
    const response = await fetch(`${url}/admin/users/0b6c2a36-93a1-4f0e-9c55-0d4b1c7e2f10`);

    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-cache');
    expect(await response.text()).toBe(INDEX_HTML);
  });

  it('sends a security policy with the page', async () => {
    const response = await fetch(`${url}/admin/tokens`);
    const policy = response.headers.get('content-security-policy') ?? '';

    expect(policy).toContain("default-src 'self'");
    expect(policy).toContain("frame-ancestors 'none'");
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('caches hashed assets for a year as immutable', async () => {
    const response = await fetch(`${url}/admin/assets/index-Bx7c9Q2a.js`);

    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(response.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(await response.text()).toBe(SCRIPT);
  });

  it('revalidates files without a hash', async () => {
    const response = await fetch(`${url}/admin/favicon.svg`);

    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-cache');
  });

  it('answers 304 when the copy is current', async () => {
    const first = await rawGet(url, '/admin/');
    const lastModified = first.headers['last-modified']!;

    const second = await rawGet(url, '/admin/', { 'if-modified-since': lastModified });

    expect(second.status).toBe(304);
    expect(second.body).toBe('');
  });

  it('answers 404 for a missing asset instead of index.html', async () => {
    const response = await fetch(`${url}/admin/assets/index-missing.js`);

    expect(response.status).toBe(404);
    expect(await response.text()).toBe('/admin/assets/index-missing.js not found\n');
  });

  it('never sends hidden files', async () => {
    const response = await fetch(`${url}/admin/.hidden`);

    expect(await response.text()).toBe(INDEX_HTML);
  });

  it('answers 404 for paths that leave the folder', async () => {
    const response = await rawGet(url, '/admin/%2e%2e/%2e%2e/etc/passwd.txt');

    expect(response.status).toBe(404);
    expect(response.body).toBe('/admin/%2e%2e/%2e%2e/etc/passwd.txt not found\n');
  });

  it('rejects POST with 405 and Allow', async () => {
    const response = await fetch(`${url}/admin/`, { method: 'POST' });

    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('GET, HEAD');
  });

  it('passes other paths to the next middleware', async () => {
    const response = await fetch(`${url}/administrators`);

    expect(await response.text()).toBe('next middleware');
  });

  it('answers 503 with the build command when nothing is built', async () => {
    const empty = mkdtempSync(path.join(os.tmpdir(), 'roster-console-empty-'));
    const unbuilt = await serve(empty);

    try {
      const response = await fetch(`${unbuilt.url}/admin/`);

      expect(response.status).toBe(503);
      expect(await response.text()).toContain('run "npm run build:console"');
    } finally {
      await new Promise<void>((resolve) => unbuilt.server.close(() => resolve()));
      rmSync(empty, { recursive: true, force: true });
    }
  });
});
