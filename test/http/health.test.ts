import { startTestServer, type TestServer } from '../helpers/test-server';

describe('health endpoints', () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer();
  });

  afterAll(async () => {
    await server.close();
  });

  it('reports the process alive at /healthz', async () => {
    const response = await fetch(`${server.url}/healthz`);

    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok' });
  });

  it('reports the database reachable at /readyz', async () => {
    const response = await fetch(`${server.url}/readyz`);

    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ready' });
  });

  it('echoes a well-formed X-Request-Id', async () => {
    const response = await fetch(`${server.url}/healthz`, {
      headers: { 'x-request-id': 'trace-42.a_b' },
    });

    expect(response.headers.get('x-request-id')).toBe('trace-42.a_b');
  });

  it('replaces a malformed X-Request-Id with a generated one', async () => {
    const response = await fetch(`${server.url}/healthz`, {
      headers: { 'x-request-id': 'has spaces and "quotes"' },
    });
    const id = response.headers.get('x-request-id');

    expect(id).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('logs one line per request with id, method, path, status and duration', async () => {
    await fetch(`${server.url}/healthz`, { headers: { 'x-request-id': 'log-line-check' } });
    const line = server.logLines
      .map((text) => JSON.parse(text))
      .find((entry) => entry.requestId === 'log-line-check');

    expect(line).toMatchObject({
      msg: 'request completed',
      method: 'GET',
      path: '/healthz',
      status: 200,
    });
    expect(typeof line.durationMs).toBe('number');
  });
});
