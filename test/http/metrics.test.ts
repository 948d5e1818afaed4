import { ScimClient, USER_SCHEMA } from '../helpers/scim-client';
import { startTestServer, type TestServer } from '../helpers/test-server';

const METRICS_TOKEN = 'metrics-token-for-tests-0123456789';

describe('GET /metrics', () => {
  let server: TestServer;
  let scim: ScimClient;

  beforeAll(async () => {
    server = await startTestServer({ env: { METRICS_TOKEN } });
    scim = await ScimClient.create(server);
  });

  afterAll(async () => {
    await server.close();
  });

  const scrape = (authorization?: string) =>
    fetch(`${server.url}/metrics`, {
      headers: authorization ? { authorization } : {},
    });

  it('rejects a request without the token', async () => {
    const response = await scrape();

    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toBe('Bearer realm="Roster metrics"');
  });

  it('rejects a wrong token', async () => {
    const response = await scrape('Bearer metrics-token-for-tests-0123456780');

    expect(response.status).toBe(401);
  });

  it('exposes the request, SCIM, pool and queue series', async () => {
    const created = await scim.post('/Users', {
      schemas: [USER_SCHEMA],
      userName: 'm@example.com',
    });
    expect(created.status).toBe(201);
    expect((await scim.get(`/Users/${created.body.id}`)).status).toBe(200);
    expect((await scim.get('/Users/not-a-user')).status).toBe(404);

    const response = await scrape(`Bearer ${METRICS_TOKEN}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/plain');
    const text = await response.text();

    expect(text).toMatch(
      /^roster_http_request_duration_seconds_count\{route="\/scim\/v2\/Users\/:id",method="GET",status="200"\} 1$/m,
    );
    expect(text).toMatch(
      /^roster_http_request_duration_seconds_count\{route="\/scim\/v2\/Users\/:id",method="GET",status="404"\} 1$/m,
    );
    expect(text).toMatch(
      /^roster_scim_operations_total\{operation="CREATE",outcome="SUCCESS"\} 1$/m,
    );
    expect(text).toMatch(/^roster_scim_operations_total\{operation="READ",outcome="FAILURE"\} 1$/m);
    expect(text).toMatch(/^roster_db_pool_connections\{state="max"\} \d+$/m);
    expect(text).toMatch(/^roster_db_pool_connections\{state="used"\} \d+$/m);
    expect(text).toMatch(/^roster_provisioning_event_queue_depth \d+$/m);
    expect(text).toContain('# TYPE roster_provisioning_event_queue_dropped_total counter');
    expect(text).toMatch(/^roster_process_cpu_seconds_total /m);
  });
});
