import { ScimClient, USER_SCHEMA } from '../helpers/scim-client';
import { startTestServer, type TestServer } from '../helpers/test-server';

interface EventRow {
  id: string;
  operation: string;
  outcome: string;
  status: number;
  resource_id: string | null;
  resource_name: string | null;
  token_id: string | null;
  changes: { attribute: string; oldValue: unknown; newValue: unknown }[];
  warnings: { code: string; attribute: string; message: string }[];
  error: { scimType: string | null; detail: string } | null;
}

describe('provisioning events of SCIM requests', () => {
  let server: TestServer;
  let scim: ScimClient;

  beforeAll(async () => {
    server = await startTestServer({ env: { ROSTER_EVENT_FLUSH_INTERVAL_MS: '50' } });
    scim = await ScimClient.create(server);
  });

  afterAll(async () => {
    await server.close();
  });

  async function eventsOf(requestIds: string[]): Promise<EventRow[]> {
    await new Promise((resolve) => setTimeout(resolve, 200));
    return server.orm.em
      .fork()
      .execute<EventRow[]>(
        'select * from provisioning_events where request_id in (?) order by occurred_at, id',
        [requestIds],
      );
  }

  it('records a create with its attribute changes in the transaction', async () => {
    const response = await scim.request('POST', '/Users', {
      body: {
        schemas: [USER_SCHEMA],
        userName: 'ada@example.com',
        password: 'correct horse battery staple',
        name: { givenName: 'Ada', familyName: "O'Brien? \\ ?? $1 :x" },
      },
      headers: { 'x-request-id': 'create-ada' },
    });
    expect(response.status).toBe(201);

    const [event] = await eventsOf(['create-ada']);
    expect(event.operation).toBe('CREATE');
    expect(event.outcome).toBe('SUCCESS');
    expect(event.status).toBe(201);
    expect(event.resource_id).toBe(response.body.id);
    expect(event.resource_name).toBe('ada@example.com');
    expect(event.changes).toEqual(
      expect.arrayContaining([
        { attribute: 'userName', oldValue: null, newValue: 'ada@example.com' },
        { attribute: 'name.givenName', oldValue: null, newValue: 'Ada' },
        { attribute: 'name.familyName', oldValue: null, newValue: "O'Brien? \\ ?? $1 :x" },
        { attribute: 'password', oldValue: null, newValue: '[redacted]' },
      ]),
    );
    expect(JSON.stringify(event)).not.toContain('correct horse');
  });

  it('records a disable, a read and a failed lookup through the queue', async () => {
    const user = await scim.createUser({ userName: 'grace@example.com' });
    const disable = await scim.request('PATCH', `/Users/${user.id}`, {
      body: {
        schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],
        Operations: [{ op: 'Replace', path: 'active', value: 'False' }],
      },
      headers: { 'x-request-id': 'disable-grace' },
    });
    expect(disable.status).toBe(200);
    const read = await scim.get(`/Users/${user.id}`, { 'x-request-id': 'read-grace' });
    expect(read.status).toBe(200);
    const bad = await scim.get('/Users?filter=userName%20eq', { 'x-request-id': 'bad-filter' });
    expect(bad.status).toBe(400);

    const events = await eventsOf(['disable-grace', 'read-grace', 'bad-filter']);
    expect(events.map((event) => [event.operation, event.outcome, event.status])).toEqual([
      ['DISABLE', 'SUCCESS', 200],
      ['READ', 'SUCCESS', 200],
      ['LIST', 'FAILURE', 400],
    ]);
    expect(events[0].changes).toEqual([{ attribute: 'active', oldValue: true, newValue: false }]);
    expect(events[1].resource_name).toBe('grace@example.com');
    expect(events[2].error?.scimType).toBe('invalidFilter');
  });

  it('records discovery warnings with the write', async () => {
    const urn = 'urn:ietf:params:scim:schemas:extension:EventWarned:2.0:User';
    const response = await scim.request('POST', '/Users', {
      body: {
        schemas: [USER_SCHEMA, urn],
        userName: 'warned@example.com',
        [urn]: { floor: '3' },
      },
      headers: { 'x-request-id': 'create-warned' },
    });
    expect(response.status).toBe(201);

    const [event] = await eventsOf(['create-warned']);
    expect(event.operation).toBe('CREATE');
    expect(event.outcome).toBe('WARNING');
    expect(event.warnings).toEqual([
      expect.objectContaining({ code: 'ATTRIBUTE_DISCOVERED', attribute: `${urn}:floor` }),
    ]);
    expect(event.changes).toContainEqual({
      attribute: `${urn}:floor`,
      oldValue: null,
      newValue: '3',
    });
  });

  it('records a path with an invalid escape', async () => {
    const response = await scim.get('/Users/%E0%A4%A', { 'x-request-id': 'bad-escape' });
    expect(response.status).toBe(404);

    const [event] = await eventsOf(['bad-escape']);
    expect(event.operation).toBe('READ');
    expect(event.outcome).toBe('FAILURE');
    expect(event.resource_id).toBe('%E0%A4%A');
  });
});
