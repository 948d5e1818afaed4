import {
  defaultAdminSession,
  memberSession,
  otherOrganizationSession,
  type AdminSession,
} from '../helpers/admin-session';
import { errorCode, graphql } from '../helpers/graphql-client';
import { createToken, ScimClient, USER_SCHEMA } from '../helpers/scim-client';
import { startTestServer, type TestServer } from '../helpers/test-server';

const HOUR_MS = 3600_000;

const EVENTS = `
  query Events($filter: ProvisioningEventFilter, $first: Int, $after: String) {
    provisioningEvents(filter: $filter, first: $first, after: $after) {
      edges { node { id operation outcome resourceId resourceName occurredAt } }
      pageInfo { hasNextPage endCursor }
    }
  }`;

const EVENT = `
  query Event($id: ID!) {
    provisioningEvent(id: $id) {
      id operation changes { attribute oldValue newValue } warnings { code } error { detail }
    }
  }`;

const SUMMARY = `
  query Summary($from: DateTimeISO!, $to: DateTimeISO!, $period: SummaryPeriod) {
    provisioningSummary(from: $from, to: $to, period: $period) {
      start total created updated disabled deleted failed
    }
  }`;

const EXPORT = `
  query Export($filter: ProvisioningEventFilter, $format: ProvisioningExportFormat) {
    provisioningEventExport(filter: $filter, format: $format) { url format }
  }`;

describe('provisioning event queries', () => {
  let server: TestServer;
  let admin: AdminSession;
  let scim: ScimClient;
  let scimTokenId: string;
  let userId: string;
  /** Start of the hour, three hours ago: events are made in it and the next hour. */
  let firstHour: Date;

  const query = (text: string, variables: Record<string, unknown> = {}) =>
    graphql(server, text, variables, { cookie: admin.cookie });

  beforeAll(async () => {
    server = await startTestServer({ env: { ROSTER_EVENT_FLUSH_INTERVAL_MS: '50' } });
    admin = await defaultAdminSession(server);
    const token = await createToken(server);
    scimTokenId = token.id;
    scim = new ScimClient(server, token.secret);

    firstHour = new Date(Math.floor(Date.now() / HOUR_MS) * HOUR_MS - 3 * HOUR_MS);
    server.setNow(new Date(firstHour.getTime() + 10 * 60_000));
    const user = await scim.createUser({ userName: 'linus@example.com', externalId: 'ext-linus' });
    userId = user.id;
    await scim.get(`/Users/${userId}`);

    server.setNow(new Date(firstHour.getTime() + HOUR_MS + 5 * 60_000));
    await scim.request('PATCH', `/Users/${userId}`, {
      body: {
        schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],
        Operations: [{ op: 'replace', path: 'displayName', value: 'Linus' }],
      },
    });
    await scim.post('/Users', { schemas: [USER_SCHEMA], userName: 'linus@example.com' });
    await scim.delete(`/Users/${userId}`);
    server.setNow(undefined);

    await new Promise((resolve) => setTimeout(resolve, 300));
  });

  afterAll(async () => {
    await server.close();
  });

  it('lists events newest first', async () => {
    const response = await query(EVENTS);

    expect(response.errors).toBeUndefined();
    const nodes = response.data!.provisioningEvents.edges.map((edge: any) => edge.node);
    expect(nodes.map((node: any) => node.operation)).toEqual([
      'DELETE',
      'CREATE',
      'UPDATE',
      'READ',
      'CREATE',
    ]);
  });

  it('pages with a cursor', async () => {
    const first = await query(EVENTS, { first: 2 });
    const page = first.data!.provisioningEvents;
    expect(page.pageInfo.hasNextPage).toBe(true);

    const second = await query(EVENTS, { first: 10, after: page.pageInfo.endCursor });
    const operations = second.data!.provisioningEvents.edges.map(
      (edge: any) => edge.node.operation,
    );
    expect(operations).toEqual(['UPDATE', 'READ', 'CREATE']);
    expect(second.data!.provisioningEvents.pageInfo.hasNextPage).toBe(false);
  });

  it.each([
    [{ outcomes: ['FAILURE'] }, ['CREATE']],
    [{ operations: ['READ', 'DELETE'] }, ['DELETE', 'READ']],
    [{ nameContains: 'LINUS@' }, ['DELETE', 'CREATE', 'UPDATE', 'READ', 'CREATE']],
    [{ nameContains: 'ext-lin' }, ['DELETE', 'UPDATE', 'READ', 'CREATE']],
    [{ resourceTypes: ['Group'] }, []],
  ])('filters by %j', async (filter, expected) => {
    const response = await query(EVENTS, { filter });

    expect(response.errors).toBeUndefined();
    const operations = response.data!.provisioningEvents.edges.map(
      (edge: any) => edge.node.operation,
    );
    expect(operations).toEqual(expected);
  });

  it('filters by resource id, token and time', async () => {
    const byResource = await query(EVENTS, { filter: { resourceId: userId } });
    expect(byResource.data!.provisioningEvents.edges).toHaveLength(4);

    const byToken = await query(EVENTS, { filter: { tokenId: scimTokenId } });
    expect(byToken.data!.provisioningEvents.edges).toHaveLength(5);

    const secondHour = new Date(firstHour.getTime() + HOUR_MS);
    const byTime = await query(EVENTS, { filter: { to: secondHour.toISOString() } });
    const operations = byTime.data!.provisioningEvents.edges.map(
      (edge: any) => edge.node.operation,
    );
    expect(operations).toEqual(['READ', 'CREATE']);
  });

  it('rejects a time range that ends before it starts', async () => {
    const response = await query(EVENTS, {
      filter: { from: '2026-02-01T00:00:00Z', to: '2026-01-01T00:00:00Z' },
    });

    expect(errorCode(response)).toBe('BAD_USER_INPUT');
    expect(response.errors![0].message).toContain('must be before to');
  });

  it('returns one event with its changes', async () => {
    const list = await query(EVENTS, { filter: { operations: ['UPDATE'] } });
    const id = list.data!.provisioningEvents.edges[0].node.id;

    const response = await query(EVENT, { id });
    expect(response.errors).toBeUndefined();
    expect(response.data!.provisioningEvent.changes).toEqual([
      { attribute: 'displayName', oldValue: null, newValue: 'Linus' },
    ]);
    expect(response.data!.provisioningEvent.warnings).toEqual([]);
  });

  it('returns the error of a failed event', async () => {
    const list = await query(EVENTS, { filter: { outcomes: ['FAILURE'] } });
    const id = list.data!.provisioningEvents.edges[0].node.id;

    const response = await query(EVENT, { id });
    expect(response.data!.provisioningEvent.error.detail).toContain('linus@example.com');
  });

  it('answers NOT_FOUND for an unknown event', async () => {
    const response = await query(EVENT, { id: '00000000-0000-7000-8000-000000000000' });

    expect(errorCode(response)).toBe('NOT_FOUND');
  });

  it('summarizes per hour with empty hours', async () => {
    const response = await query(SUMMARY, {
      from: firstHour.toISOString(),
      to: new Date(firstHour.getTime() + 3 * HOUR_MS).toISOString(),
      period: 'HOUR',
    });

    expect(response.errors).toBeUndefined();
    expect(response.data!.provisioningSummary).toEqual([
      {
        start: firstHour.toISOString(),
        total: 2,
        created: 1,
        updated: 0,
        disabled: 0,
        deleted: 0,
        failed: 0,
      },
      {
        start: new Date(firstHour.getTime() + HOUR_MS).toISOString(),
        total: 3,
        created: 0,
        updated: 1,
        disabled: 0,
        deleted: 1,
        failed: 1,
      },
      {
        start: new Date(firstHour.getTime() + 2 * HOUR_MS).toISOString(),
        total: 0,
        created: 0,
        updated: 0,
        disabled: 0,
        deleted: 0,
        failed: 0,
      },
    ]);
  });

  it('rejects a summary of too many periods', async () => {
    const response = await query(SUMMARY, {
      from: '2020-01-01T00:00:00Z',
      to: '2026-01-01T00:00:00Z',
      period: 'HOUR',
    });

    expect(errorCode(response)).toBe('BAD_USER_INPUT');
    expect(response.errors![0].message).toContain('ask for at most 1000');
  });

  it('hides events from other organizations', async () => {
    const other = await otherOrganizationSession(server);
    const list = await query(EVENTS);
    const id = list.data!.provisioningEvents.edges[0].node.id;

    const otherList = await graphql(server, EVENTS, {}, { cookie: other.cookie });
    expect(otherList.data!.provisioningEvents.edges).toEqual([]);

    const otherEvent = await graphql(server, EVENT, { id }, { cookie: other.cookie });
    expect(errorCode(otherEvent)).toBe('NOT_FOUND');
  });

  it('is for admins only', async () => {
    const cookie = await memberSession(server, server.bootstrap.organizationId);

    for (const text of [EVENTS, SUMMARY, EXPORT]) {
      const variables = text === SUMMARY ? { from: firstHour, to: new Date() } : {};
      const asMember = await graphql(server, text, variables, { cookie });
      expect(errorCode(asMember)).toBe('FORBIDDEN');

      const anonymous = await graphql(server, text, variables);
      expect(errorCode(anonymous)).toBe('UNAUTHENTICATED');
    }
  });

  describe('export', () => {
    async function exportUrl(filter: Record<string, unknown>, format: string): Promise<string> {
      const response = await query(EXPORT, { filter, format });
      expect(response.errors).toBeUndefined();
      const url = new URL(response.data!.provisioningEventExport.url);
      expect(url.origin).toBe('https://roster.test');
      return `${server.url}${url.pathname}${url.search}`;
    }

    it('downloads CSV with the session cookie', async () => {
      const url = await exportUrl({ outcomes: ['SUCCESS'], resourceId: userId }, 'CSV');

      const response = await fetch(url, { headers: { cookie: admin.cookie } });
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
      expect(response.headers.get('content-disposition')).toContain('provisioning-events.csv');

      const lines = (await response.text()).trimEnd().split('\r\n');
      expect(lines[0]).toMatch(/^occurredAt,id,requestId,operation,outcome,status,/);
      expect(lines.slice(1).map((line) => line.split(',')[3])).toEqual([
        'DELETE',
        'UPDATE',
        'READ',
        'CREATE',
      ]);
      expect(lines[2]).toContain('""attribute"":""displayName""');
    });

    it('downloads NDJSON with an API token', async () => {
      const apiToken = await createToken(server, { scope: 'API' });
      const url = await exportUrl({ operations: ['CREATE'] }, 'NDJSON');

      const response = await fetch(url, {
        headers: { authorization: `Bearer ${apiToken.secret}` },
      });
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('application/x-ndjson; charset=utf-8');

      const rows = (await response.text())
        .trimEnd()
        .split('\n')
        .map((line) => JSON.parse(line));
      expect(rows.map((row) => [row.operation, row.status])).toEqual([
        ['CREATE', 409],
        ['CREATE', 201],
      ]);
      expect(rows[1].changes).toContainEqual({
        attribute: 'externalId',
        oldValue: null,
        newValue: 'ext-linus',
      });
    });

    it('rejects a request without credentials', async () => {
      const url = await exportUrl({}, 'CSV');

      const response = await fetch(url);
      expect(response.status).toBe(401);
      expect((await response.json()).error).toContain('sign in');
    });

    it('rejects a SCIM token', async () => {
      const url = await exportUrl({}, 'CSV');

      const response = await fetch(url, { headers: { authorization: `Bearer ${scim.secret}` } });
      expect(response.status).toBe(401);
    });

    it('rejects a member', async () => {
      const cookie = await memberSession(server, server.bootstrap.organizationId);

      const response = await fetch(await exportUrl({}, 'CSV'), { headers: { cookie } });
      expect(response.status).toBe(403);
      expect((await response.json()).error).toContain('only organization admins');
    });

    it('rejects an unknown format', async () => {
      const response = await fetch(`${server.url}/exports/provisioning-events?format=xml`, {
        headers: { cookie: admin.cookie },
      });

      expect(response.status).toBe(400);
      expect((await response.json()).error).toBe("format 'xml' is not one of CSV, NDJSON");
    });
  });
});
