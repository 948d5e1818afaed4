import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';

import { graphql, type GraphQLResponse } from '../helpers/graphql-client';
import { createToken } from '../helpers/scim-client';
import { startTestServer, type TestServer } from '../helpers/test-server';

const SHARED = path.resolve(__dirname, '../../../shared');
const SCENARIOS = [
  'entra-01-connection-test.json',
  'entra-02-user-lifecycle.json',
  'entra-04-group-lifecycle.json',
  'entra-06-error-cases.json',
].map((name) => path.join(SHARED, 'scenarios', name));

const EVENTS = `
  query Events($after: String) {
    provisioningEvents(first: 100, after: $after) {
      edges { node {
        id occurredAt method path query operation outcome status resourceType resourceId
        resourceName externalId tokenId tokenTitle
        changes { attribute oldValue newValue }
        error { scimType detail }
      } }
      pageInfo { hasNextPage endCursor }
    }
  }`;

interface Step {
  method?: string;
  headers?: Record<string, string | null>;
}

interface EventNode {
  id: string;
  method: string;
  path: string;
  operation: string;
  outcome: string;
  status: number;
  resourceType: string | null;
  resourceId: string | null;
  resourceName: string | null;
  tokenId: string | null;
  tokenTitle: string | null;
  changes: { attribute: string; oldValue: unknown; newValue: unknown }[];
  error: { scimType: string | null; detail: string } | null;
}

interface EventPage {
  edges: { node: EventNode }[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}

/** Returns the steps that use the replay's token; the others send none or an unknown one. */
function recordedSteps(file: string): Step[] {
  const scenario = JSON.parse(readFileSync(file, 'utf8')) as { steps: Step[] };
  return scenario.steps.filter((step) => !step.headers || !('authorization' in step.headers));
}

describe('provisioning events of a replayed Entra ID session', () => {
  let server: TestServer;
  let scimToken: { id: string; secret: string };
  let events: EventNode[];
  const byScenario: EventNode[][] = [];

  beforeAll(async () => {
    server = await startTestServer({ env: { ROSTER_EVENT_FLUSH_INTERVAL_MS: '50' } });
    scimToken = await createToken(server);
    const apiToken = await createToken(server, { scope: 'API' });

    // Failed replay steps are the SCIM tests' concern: every request still has its event.
    await promisify(execFile)(process.execPath, [
      path.join(SHARED, 'tools/scim-replay.mjs'),
      '--base',
      `${server.url}/scim/v2`,
      '--token',
      scimToken.secret,
      ...SCENARIOS,
    ]).catch((error: unknown) => error);
    await new Promise((resolve) => setTimeout(resolve, 300));

    const newestFirst: EventNode[] = [];
    let after: string | null = null;
    do {
      const response: GraphQLResponse<{ provisioningEvents: EventPage }> = await graphql(
        server,
        EVENTS,
        { after },
        { token: apiToken.secret },
      );
      expect(response.errors).toBeUndefined();
      const page = response.data!.provisioningEvents;
      newestFirst.push(...page.edges.map((edge) => edge.node));
      after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
    } while (after);
    events = newestFirst.reverse();

    let offset = 0;
    for (const file of SCENARIOS) {
      const count = recordedSteps(file).length;
      byScenario.push(events.slice(offset, offset + count));
      offset += count;
    }
  }, 120_000);

  afterAll(async () => {
    await server.close();
  });

  it('has one event per request, in order', () => {
    const steps = SCENARIOS.flatMap(recordedSteps);

    expect(events).toHaveLength(steps.length);
    expect(events.map((event) => event.method)).toEqual(steps.map((step) => step.method ?? 'GET'));
  });

  it('names the token of every request', () => {
    expect(new Set(events.map((event) => event.tokenId))).toEqual(new Set([scimToken.id]));
    expect(events[0].tokenTitle).toMatch(/^test token /);
  });

  it('recognizes the connection test and discovery', () => {
    expect(byScenario[0].map((event) => [event.operation, event.outcome])).toEqual([
      ['TEST_CONNECTION', 'SUCCESS'],
      ['TEST_CONNECTION', 'SUCCESS'],
      ['TEST_CONNECTION', 'SUCCESS'],
      ['READ', 'SUCCESS'],
      ['READ', 'SUCCESS'],
      ['READ', 'SUCCESS'],
      ['READ', 'SUCCESS'],
    ]);
    expect(byScenario[0][2].resourceType).toBe('Group');
    expect(byScenario[0][3].resourceType).toBe('ServiceProviderConfig');
  });

  it('follows a user from lookup to delete', () => {
    const lifecycle = byScenario[1];

    expect(lifecycle.map((event) => event.operation)).toEqual([
      'LOOKUP',
      'CREATE',
      'READ',
      'LOOKUP',
      'LOOKUP',
      'LOOKUP',
      'UPDATE',
      'READ',
      'UPDATE',
      'READ',
      'UPDATE',
      'LOOKUP',
      'LOOKUP',
      'DISABLE',
      'READ',
      'LOOKUP',
      'ENABLE',
      'READ',
      'DELETE',
      'READ',
      'DELETE',
      'LOOKUP',
    ]);

    const userId = lifecycle[1].resourceId;
    expect(lifecycle[1].status).toBe(201);
    expect(lifecycle[1].resourceName).toMatch(/^ada\.lovelace\./);
    expect(lifecycle[1].changes).toContainEqual({
      attribute: 'userName',
      oldValue: null,
      newValue: lifecycle[1].resourceName,
    });
    expect(lifecycle[8].changes).toEqual([
      { attribute: 'nickName', oldValue: null, newValue: 'Enchantress of Numbers' },
    ]);
    expect(lifecycle[13].changes).toEqual([
      { attribute: 'active', oldValue: true, newValue: false },
    ]);
    expect(lifecycle[18].resourceId).toBe(userId);
    expect(lifecycle[18].status).toBe(204);
    expect(lifecycle[19].outcome).toBe('FAILURE');
    expect(lifecycle[19].status).toBe(404);
    expect(lifecycle[20].outcome).toBe('FAILURE');
    expect(lifecycle[20].resourceId).toBe(userId);
  });

  it('tells membership changes from updates', () => {
    const groups = byScenario[2];
    const patches = groups.filter((event) => event.method === 'PATCH');

    expect(patches.map((event) => event.operation)).toEqual([
      'MEMBERSHIP_ADD',
      'MEMBERSHIP_ADD',
      'MEMBERSHIP_REMOVE',
      'UPDATE',
    ]);
    expect(patches[0].changes.map((change) => change.attribute)).toEqual(['members', 'members']);
    expect(patches[1].changes).toHaveLength(1);
    expect(patches[2].changes).toEqual([
      { attribute: 'members', oldValue: expect.any(String), newValue: null },
    ]);
    expect(patches[3].changes).toEqual([
      {
        attribute: 'displayName',
        oldValue: expect.stringMatching(/^Analytical Society /),
        newValue: expect.stringMatching(/^Difference Engine Club /),
      },
    ]);

    const duplicate = groups.find((event) => event.method === 'POST' && event.status === 409);
    expect(duplicate?.operation).toBe('CREATE');
    expect(duplicate?.outcome).toBe('FAILURE');
    expect(duplicate?.error?.scimType).toBe('uniqueness');
  });

  it('records failures with their SCIM error', () => {
    const failures = byScenario[3].filter((event) => event.outcome === 'FAILURE');

    expect(failures.map((event) => [event.operation, event.status])).toEqual([
      ['READ', 404],
      ['READ', 404],
      ['DISABLE', 404],
      ['DELETE', 404],
      ['CREATE', 409],
      ['CREATE', 409],
      ['UPDATE', 409],
      ['CREATE', 400],
      ['CREATE', 400],
      ['LIST', 400],
      ['LIST', 400],
      ['LIST', 400],
      ['UPDATE', 400],
      ['UPDATE', 400],
    ]);
    expect(failures[4].error?.scimType).toBe('uniqueness');
    expect(failures[9].error?.scimType).toBe('invalidFilter');
    expect(failures.every((event) => event.error && event.error.detail.length > 0)).toBe(true);
  });
});
