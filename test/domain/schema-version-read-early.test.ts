import { request as httpRequest } from 'node:http';

import { EARLIER_READ_MAX_AGE_MS } from '../../src/domain/request-registries';
import { dataOf, connectApi, type ApiClient } from '../helpers/api-client';
import { createToken, ScimClient, USER_SCHEMA } from '../helpers/scim-client';
import { declareInOtherProcess, extensionUrn } from '../helpers/scim-extensions';
import { startTestServer, type TestServer } from '../helpers/test-server';
import { createApplication, UPDATE_SETTINGS } from '../scim-settings/helpers';

const SCHEMA = extensionUrn('Facility');

/**
 * The SCIM token lookup reads the organization's schema version, which the request's first
 * registry lookup may use. These tests commit a declaration from "another process" (a
 * separate SchemaRegistryProvider, so this server's cache is kept) after the token lookup
 * but before the write's transaction starts, and expect the write to apply it.
 */
describe('schema version read with the token', () => {
  let server: TestServer;
  let api: ApiClient;

  beforeAll(async () => {
    server = await startTestServer();
    api = await connectApi(server);
  });

  afterAll(async () => {
    await server.close();
  });

  const sql = <T extends object[]>(text: string, values: unknown[] = []) =>
    server.orm.em.fork().execute<T>(text, values);

  const declareElsewhere = (name: string, required: boolean) =>
    declareInOtherProcess(server, SCHEMA, name, required);

  /** Builds a User body, with `values` under the test's extension schema. */
  function userBody(userName: string, values?: Record<string, string>) {
    return values
      ? { schemas: [USER_SCHEMA, SCHEMA], userName, [SCHEMA]: values }
      : { schemas: [USER_SCHEMA], userName };
  }

  /** Declares an optional attribute and loads this server's cached registry with it. */
  async function warmCache(name: string, values?: Record<string, string>) {
    await declareElsewhere(name, false);
    const warm = await ScimClient.create(server);
    const response = await warm.post('/Users', userBody(`warm-${name}@x.test`, values));
    expect(response.status).toBe(201);
  }

  async function waitUntil(check: () => Promise<boolean>, what: string) {
    const giveUpAt = Date.now() + 10_000;
    while (!(await check())) {
      if (Date.now() > giveUpAt) {
        throw new Error(`timed out waiting until ${what}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  it('applies declarations during slow uploads', async () => {
    await warmCache('floor');
    const token = await createToken(server);
    const body = JSON.stringify(userBody('slow-upload@x.test'));

    // Only the headers and the first bytes of the body go out. The server authenticates at
    // once, then waits for the rest of the body, which arrives after the version read with the
    // token has expired, before it opens the write's transaction.
    const response = new Promise<{ status: number; text: string }>((resolve, reject) => {
      const post = httpRequest(`${server.url}/scim/v2/Users`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${token.secret}`,
          'content-type': 'application/scim+json',
          'content-length': Buffer.byteLength(body),
        },
      });
      post.on('error', reject);
      post.on('response', (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk) => (text += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
      });
      post.write(body.slice(0, 10));

      // The token lookup is followed by the first-use write of last_used_at.
      void waitUntil(async () => {
        const rows = await sql<{ used: boolean }[]>(
          'select last_used_at is not null as used from api_tokens where id = ?',
          [token.id],
        );
        return rows[0].used;
      }, 'the token was looked up')
        .then(() => declareElsewhere('badge', true))
        .then(() => new Promise((resolve) => setTimeout(resolve, EARLIER_READ_MAX_AGE_MS + 50)))
        .then(() => post.end(body.slice(10)), reject);
    });

    const { status, text } = await response;

    expect(status).toBe(400);
    expect(text).toContain('badge');
  });

  // A second connection declares while the write's first attempt sleeps in a trigger, which
  // the embedded database cannot do because it serves one connection.
  const onServer = process.env.DATABASE_URL ? it : it.skip;

  onServer('applies declarations before a retry', async () => {
    // The first test left 'badge' required, so these users carry it.
    const badge = { badge: 'B-1' };
    await warmCache('wing', badge);
    const applicationId = await createApplication(api, [
      { key: 'user_name', name: 'User name', type: 'TEXT' },
    ]);
    dataOf(
      await api(UPDATE_SETTINGS, {
        input: { targetApplicationId: null, mappings: [] },
      }),
    );
    // Sets the target application inside the first attempt, so it fails with StaleSyncTarget
    // and runs again, and sleeps so that the declaration below commits in between.
    await sql(`
      create function set_target_and_sleep() returns trigger language plpgsql as $$
      begin
        update scim_settings set target_application_id = '${applicationId}'
         where organization_id = new.organization_id;
        if new.user_name = 'retried@x.test' then
          perform pg_sleep(1);
        end if;
        return new;
      end $$;
      create trigger set_target_and_sleep after insert on users
        for each row execute function set_target_and_sleep()`);

    try {
      const client = await ScimClient.create(server);
      const response = client.post('/Users', userBody('retried@x.test', badge));

      await waitUntil(async () => {
        const rows = await sql<object[]>(
          `select 1 from pg_stat_activity
            where datname = current_database() and wait_event = 'PgSleep'`,
        );
        return rows.length > 0;
      }, 'the first attempt sleeps in the trigger');
      await declareElsewhere('desk', true);

      const { status, text } = await response;
      const retries = server.logLines.filter((line) =>
        line.includes('SCIM target application was set during the operation'),
      );

      expect(retries.length).toBeGreaterThan(0);
      expect(status).toBe(400);
      expect(text).toContain('desk');
    } finally {
      await sql('drop trigger set_target_and_sleep on users; drop function set_target_and_sleep()');
    }
  });
});
