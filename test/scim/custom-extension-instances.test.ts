import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

import { createApp, type RosterApp } from '../../src/app';
import { createLogger } from '../../src/logger';
import { defaultAdminSession, type AdminSession } from '../helpers/admin-session';
import { graphql } from '../helpers/graphql-client';
import { ScimClient, USER_SCHEMA } from '../helpers/scim-client';
import {
  declareAttribute,
  extensionUrn,
  listAttributes,
  SCIM_DISCOVERY_SETTINGS,
  UPDATE_ATTRIBUTE,
} from '../helpers/scim-extensions';
import { startTestServer, type TestServer } from '../helpers/test-server';

/* eslint-disable @typescript-eslint/no-explicit-any -- SCIM bodies are checked field by field. */

/**
 * Two Roster processes on one database, as behind a load balancer: the second is a separate
 * app with its own registry cache.
 */
describe('custom extension schemas across Roster instances', () => {
  let server: TestServer;
  let second: { app: RosterApp; http: Server; url: string };
  let admin: AdminSession;
  let first: ScimClient;
  let other: ScimClient;

  beforeAll(async () => {
    server = await startTestServer({ env: { SCIM_MAX_DISCOVERED_ATTRIBUTES: '1' } });
    admin = await defaultAdminSession(server);

    const app = await createApp({
      config: server.config,
      logger: createLogger('silent'),
      orm: server.orm,
    });
    const http = createServer(app.koa.callback());
    await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
    const { port } = http.address() as AddressInfo;
    second = { app, http, url: `http://127.0.0.1:${port}` };

    first = await ScimClient.create(server);
    other = new ScimClient({ ...server, url: second.url }, first.secret);
  });

  afterAll(async () => {
    second.http.closeAllConnections();
    await new Promise<void>((resolve) => second.http.close(() => resolve()));
    await second.app.stop();
    await server.close();
  });

  it('sees a declaration made through the other instance', async () => {
    const urn = extensionUrn('Shared');
    await declareAttribute(
      server,
      { cookie: admin.cookie },
      {
        schema: urn,
        name: 'level',
        type: 'STRING',
      },
    );
    const cached = await other.get(`/Schemas/${urn}`);

    const declared = (await listAttributes(server, { cookie: admin.cookie }))[0];
    await graphql(
      server,
      UPDATE_ATTRIBUTE,
      { id: declared.id, input: { type: 'INTEGER' } },
      { cookie: admin.cookie },
    );
    const refreshed = await other.get(`/Schemas/${urn}`);
    const created = await other.post('/Users', {
      schemas: [USER_SCHEMA],
      userName: 'shared@example.com',
      [urn]: { level: '4' },
    });

    expect(cached.body.attributes[0].type).toBe('string');
    expect(refreshed.body.attributes[0].type).toBe('integer');
    expect(created.status).toBe(201);
    expect(created.body[urn]).toStrictEqual({ level: 4 });
  });

  it('sees a discovery made through the other instance', async () => {
    const urn = extensionUrn('Seen');
    const before = await first.get('/Schemas');

    const created = await other.post('/Users', {
      schemas: [USER_SCHEMA],
      userName: 'seen@example.com',
      [urn]: { room: 'A1' },
    });
    const after = await first.get(`/Schemas/${urn}`);

    expect(before.body.Resources.map((schema: any) => schema.id)).not.toContain(urn);
    expect(created.status).toBe(201);
    expect(after.status).toBe(200);
    expect(after.body.attributes.map((item: any) => item.name)).toEqual(['room']);
  });

  // The discovery of the test above used the only place that the limit of 1 allows.
  it('applies SCIM_MAX_DISCOVERED_ATTRIBUTES', async () => {
    const urn = extensionUrn('Over');
    const settings = await graphql(server, SCIM_DISCOVERY_SETTINGS, {}, { cookie: admin.cookie });

    const response = await first.post('/Users', {
      schemas: [USER_SCHEMA],
      userName: 'over@example.com',
      [urn]: { extra: 'x' },
    });

    expect(settings.data!.scimDiscoverySettings).toEqual({
      discoveryLimit: 1,
      discoveryLimitOverride: null,
      discoveredCount: 1,
    });
    expect(response.status).toBe(400);
    expect(response.body.scimType).toBe('invalidValue');
    expect(response.body.detail).toBe(
      `'${urn}:extra' is not declared, and declaring it automatically would pass the ` +
        "organization's limit of 1 discovered attributes (1 so far); declare it in the SCIM " +
        'settings, remove unused discovered attributes, or raise the limit',
    );
  });
});
