import { ScimClient } from '../helpers/scim-client';
import { startTestServer, type TestServer } from '../helpers/test-server';

describe('provisioning event queue overflow', () => {
  let server: TestServer;
  let scim: ScimClient;

  beforeAll(async () => {
    server = await startTestServer({
      env: { ROSTER_EVENT_QUEUE_SIZE: '2', ROSTER_EVENT_FLUSH_INTERVAL_MS: '600000' },
    });
    scim = await ScimClient.create(server);
  });

  afterAll(async () => {
    await server.close();
  });

  it('counts and logs dropped events', async () => {
    for (let index = 0; index < 5; index += 1) {
      expect((await scim.get('/ServiceProviderConfig')).status).toBe(200);
    }

    const metrics = await (await fetch(`${server.url}/metrics`)).text();
    expect(metrics).toMatch(
      /^roster_provisioning_event_queue_dropped_total\{reason="queue_full"\} 3$/m,
    );
    expect(metrics).toMatch(/^roster_provisioning_event_queue_depth 2$/m);

    const warnings = server.logLines
      .map((line) => JSON.parse(line))
      .filter((line) => line.msg?.startsWith('provisioning event queue full'));
    expect(warnings).toHaveLength(1);
    expect(warnings[0].level).toBe('warn');
    expect(warnings[0].dropped).toBe(1);
    expect(warnings[0].capacity).toBe(2);
  });
});
