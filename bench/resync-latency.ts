/**
 * SCIM write latency while a resync recomputes every user's record, against the same writes
 * with no resync running. Seeds users with SQL, maps five attributes into an application,
 * times `PATCH /Users/{id}` (each also rewrites that user's record) before the resync and
 * while it runs, and prints p50/p99, their ratios and the resync's rate in users per second.
 *
 * Usage: [RESYNC_BATCH_SIZE=N] npm run bench:resync [-- USERS [ITERATIONS]]
 *        (needs PostgreSQL at DATABASE_URL or 127.0.0.1)
 */
import { systemActor } from '../src/domain/actor';
import { ApplicationService } from '../src/domain/applications/application.service';
import type { DomainDeps } from '../src/domain/deps';
import { SchemaRegistryProvider } from '../src/domain/schema-registry.service';
import { ScimSettingsService } from '../src/domain/scim-settings/scim-settings.service';
import { loadConfig } from '../src/config';
import { createLogger } from '../src/logger';
import { percentiles, round, scim, startBenchServer, type BenchServer } from './harness';
import { seedUsers } from './seed';

const WARMUP = 20;

/** The largest p99 ratio, resync against idle, that the benchmark reports as met. */
const MAX_P99_RATIO = 3;

async function configureSync(server: BenchServer, deps: DomainDeps): Promise<ScimSettingsService> {
  const actor = systemActor(server.organizationId, 'SYSTEM');
  const applications = new ApplicationService(server.orm.em.fork(), deps);
  const { application } = await applications.create(actor, {
    name: 'Directory',
    fields: [
      { key: 'user_name', name: 'User name', type: 'TEXT' },
      { key: 'display_name', name: 'Display name', type: 'TEXT' },
      { key: 'department', name: 'Department', type: 'TEXT' },
      { key: 'work_email', name: 'Work email', type: 'EMAIL' },
      { key: 'enabled', name: 'Enabled', type: 'BOOLEAN' },
    ],
  });

  const settings = new ScimSettingsService(
    server.orm.em.fork(),
    deps,
    new SchemaRegistryProvider(server.orm),
    new ApplicationService(server.orm.em.fork(), deps),
  );
  await settings.update(actor, {
    targetApplicationId: application.id,
    deprovisionAction: 'ARCHIVE',
    mappings: [
      { source: 'userName', field: 'user_name' },
      { source: 'displayName', field: 'display_name' },
      {
        source: 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department',
        field: 'department',
      },
      { source: 'emails[type eq "work"].value', field: 'work_email' },
      { source: 'active', field: 'enabled' },
    ],
  });

  return settings;
}

async function seededIds(server: BenchServer, count: number): Promise<string[]> {
  const rows = await server.orm.em.fork().execute<{ id: string }[]>(
    `select id from users where organization_id = ? and user_name like 'bench-%'
      order by random() limit ?`,
    [server.organizationId, count],
  );

  return rows.map((row) => row.id);
}

async function patchDisplayName(server: BenchServer, id: string, index: number): Promise<number> {
  const started = process.hrtime.bigint();
  await scim(server, 'PATCH', `/Users/${id}`, {
    schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],
    Operations: [{ op: 'replace', path: 'displayName', value: `Renamed ${index}` }],
  });

  return Number(process.hrtime.bigint() - started) / 1e6;
}

async function jobStatus(server: BenchServer, jobId: string) {
  const rows = await server.orm.em
    .fork()
    .execute<{ status: string; processed: number }[]>(
      'select status, processed from scim_resync_jobs where organization_id = ? and id = ?',
      [server.organizationId, jobId],
    );

  return rows[0];
}

async function main(): Promise<void> {
  const users = Number(process.argv[2] ?? 50_000);
  const iterations = Number(process.argv[3] ?? 300);
  const server = await startBenchServer({
    RESYNC_POLL_SECONDS: '1',
    RESYNC_BATCH_SIZE: process.env.RESYNC_BATCH_SIZE ?? '',
  });
  const deps: DomainDeps = {
    config: loadConfig({}),
    logger: createLogger('error'),
    now: () => new Date(),
  };

  try {
    await seedUsers(server.orm, server.organizationId, users, 'bench');
    const settings = await configureSync(server, deps);
    const ids = await seededIds(server, WARMUP + 2 * iterations);

    for (let index = 0; index < WARMUP; index++) {
      await patchDisplayName(server, ids[index], index);
    }

    const idle: number[] = [];
    for (let index = 0; index < iterations; index++) {
      idle.push(await patchDisplayName(server, ids[WARMUP + index], index));
    }

    const job = await settings.startResync(systemActor(server.organizationId, 'SYSTEM'));
    const started = Date.now();
    const during: number[] = [];
    for (let index = 0; index < iterations; index++) {
      const status = await jobStatus(server, job.id);
      if (status.status !== 'RUNNING') {
        break;
      }
      during.push(await patchDisplayName(server, ids[WARMUP + iterations + index], index));
    }

    let status = await jobStatus(server, job.id);
    while (status.status === 'RUNNING') {
      await new Promise((resolve) => setTimeout(resolve, 200));
      status = await jobStatus(server, job.id);
    }
    const seconds = (Date.now() - started) / 1000;

    const idleStats = percentiles(idle);
    const duringStats = percentiles(during);
    const p99Ratio = round(duringStats.p99 / idleStats.p99);
    console.log(`users: ${users + 1}, resync ${status.status} in ${round(seconds)} s`);
    console.log(`resync rate: ${Math.round(status.processed / seconds)} users/s`);
    console.log(`PATCH /Users idle (ms):   ${JSON.stringify(idleStats)}`);
    console.log(`PATCH /Users resync (ms): ${JSON.stringify(duringStats)}`);
    console.log(
      `ratio resync/idle: p50 ${round(duringStats.p50 / idleStats.p50)}, p99 ${p99Ratio}`,
    );
    console.log(
      `p99 ratio at most ${MAX_P99_RATIO}: ${p99Ratio <= MAX_P99_RATIO ? 'met' : 'NOT met'}`,
    );
  } finally {
    await server.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
