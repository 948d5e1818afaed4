import { ScimClient } from '../helpers/scim-client';
import { startTestServer, type TestServer } from '../helpers/test-server';

describe('provisioning log turned off', () => {
  let server: TestServer;
  let scim: ScimClient;

  beforeAll(async () => {
    server = await startTestServer({
      env: { ROSTER_EVENTS_ENABLED: 'false', ROSTER_EVENT_FLUSH_INTERVAL_MS: '50' },
    });
    scim = await ScimClient.create(server);
  });

  afterAll(async () => {
    await server.close();
  });

  it('records no event', async () => {
    const user = await scim.createUser({ userName: 'quiet@example.com' });
    expect((await scim.get(`/Users/${user.id}`)).status).toBe(200);
    expect((await scim.get('/Users/unknown')).status).toBe(404);
    await new Promise((resolve) => setTimeout(resolve, 200));

    const rows = await server.orm.em
      .fork()
      .execute<{ count: string }[]>('select count(*) from provisioning_events');
    expect(Number(rows[0].count)).toBe(0);
  });
});
