import { EventRetentionJob } from '../../src/domain/provisioning/event-retention';
import { newId } from '../../src/domain/ids';
import { createLogger } from '../../src/logger';
import { ScimClient } from '../helpers/scim-client';
import { startTestServer, type TestServer } from '../helpers/test-server';

const DAY_MS = 24 * 3600_000;

describe('provisioning event retention', () => {
  let server: TestServer;
  let scim: ScimClient;

  beforeAll(async () => {
    server = await startTestServer({
      env: {
        ROSTER_EVENT_RETENTION_DAYS: '30',
        ROSTER_EVENT_RETENTION_INTERVAL_SECONDS: '1',
        ROSTER_EVENT_FLUSH_INTERVAL_MS: '50',
      },
    });
    scim = await ScimClient.create(server);
  });

  afterAll(async () => {
    await server.close();
  });

  async function readAt(time: Date, requestId: string): Promise<void> {
    server.setNow(time);
    const response = await scim.get('/ServiceProviderConfig', { 'x-request-id': requestId });
    expect(response.status).toBe(200);
  }

  async function storedRequestIds(): Promise<string[]> {
    const rows = await server.orm.em
      .fork()
      .execute<{ request_id: string }[]>(
        'select request_id from provisioning_events where organization_id = ? order by id',
        [server.bootstrap.organizationId],
      );
    return rows.map((row) => row.request_id);
  }

  async function waitFor(check: () => Promise<boolean>, timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!(await check())) {
      if (Date.now() > deadline) {
        throw new Error(`condition not met within ${timeoutMs} ms`);
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  it('deletes only events older than the retention period', async () => {
    const now = Date.now();
    await readAt(new Date(now - 40 * DAY_MS), 'forty-days-old');
    await readAt(new Date(now - 29 * DAY_MS), 'twenty-nine-days-old');
    await readAt(new Date(now - 31 * DAY_MS), 'thirty-one-days-old');
    await waitFor(async () => (await storedRequestIds()).length === 3, 5000);

    server.setNow(undefined);
    await waitFor(async () => (await storedRequestIds()).length === 1, 5000);

    expect(await storedRequestIds()).toEqual(['twenty-nine-days-old']);
    const logged = server.logLines.filter((line) =>
      line.includes('deleted expired provisioning events'),
    );
    expect(logged.length).toBeGreaterThanOrEqual(1);
  });

  it('deletes in batches until none is left', async () => {
    const now = new Date();
    const em = server.orm.em.fork();
    for (let index = 0; index < 5; index += 1) {
      await em.execute(
        `insert into provisioning_events
           (organization_id, id, occurred_at, request_id, method, path, operation, status,
            outcome, duration_ms)
         values (?, ?, ?, ?, 'GET', '/scim/v2/Users', 'LIST', 200, 'SUCCESS', 1)`,
        [
          server.bootstrap.organizationId,
          newId(),
          new Date(now.getTime() - 90 * DAY_MS),
          `old-${index}`,
        ],
      );
    }

    // Events 20 days old outlive the server's own job (30 days) but not this one (10 days).
    const job = new EventRetentionJob(server.orm, createLogger('silent'), () => now, {
      retentionDays: 10,
      intervalMs: 3600_000,
      batchSize: 2,
    });
    const deleted = await job.runOnce();

    expect(deleted).toBe(6);
    expect(await storedRequestIds()).toEqual([]);
  });
});
