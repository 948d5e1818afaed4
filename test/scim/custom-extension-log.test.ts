import { defaultAdminSession, type AdminSession } from '../helpers/admin-session';
import { graphql } from '../helpers/graphql-client';
import { ScimClient, USER_SCHEMA } from '../helpers/scim-client';
import { extensionUrn } from '../helpers/scim-extensions';
import { startTestServer, type TestServer } from '../helpers/test-server';

/* eslint-disable @typescript-eslint/no-explicit-any -- GraphQL payloads are checked per field. */

const EVENTS = `
  query Events($filter: ProvisioningEventFilter) {
    provisioningEvents(filter: $filter, first: 10) {
      edges { node { operation outcome warnings { code attribute message } } }
    }
  }`;

describe('discovered attributes in the provisioning log', () => {
  let server: TestServer;
  let admin: AdminSession;
  let scim: ScimClient;

  beforeAll(async () => {
    server = await startTestServer({ env: { ROSTER_EVENT_FLUSH_INTERVAL_MS: '50' } });
    admin = await defaultAdminSession(server);
    scim = await ScimClient.create(server);
  });

  afterAll(async () => {
    await server.close();
  });

  /** Reads a user's events, oldest first, once `count` of them are written. */
  async function eventsOf(resourceId: string, count: number): Promise<any[]> {
    for (let attempt = 0; attempt < 60; attempt++) {
      const response = await graphql(
        server,
        EVENTS,
        { filter: { resourceId } },
        { cookie: admin.cookie },
      );
      const nodes = response.data!.provisioningEvents.edges.map((edge: any) => edge.node);
      if (nodes.length >= count) {
        return nodes.reverse();
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }

    throw new Error(`fewer than ${count} events of ${resourceId} were written within 6 s`);
  }

  it('notes each discovery on POST and PATCH', async () => {
    const urn = extensionUrn('Logged');
    const user = await scim.createUser({
      schemas: [USER_SCHEMA],
      userName: 'logged@example.com',
      [urn]: { floor: 3 },
    });
    await scim.request('PATCH', `/Users/${user.id}`, {
      body: {
        schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],
        Operations: [
          { op: 'add', path: `${urn}:desk`, value: 'D4' },
          { op: 'replace', path: `${urn}:floor`, value: '4' },
        ],
      },
    });

    const [created, patched] = await eventsOf(user.id, 2);

    expect(created.operation).toBe('CREATE');
    expect(created.outcome).toBe('WARNING');
    expect(created.warnings).toEqual([
      {
        code: 'ATTRIBUTE_DISCOVERED',
        attribute: `${urn}:floor`,
        message:
          `'${urn}:floor' was not declared, so Roster declared it as a string attribute and ` +
          'stored the value; set its type in the SCIM settings if it is not text',
      },
    ]);
    expect(patched.operation).toBe('UPDATE');
    expect(patched.warnings.map((warning: any) => warning.attribute)).toEqual([`${urn}:desk`]);
  });
});
