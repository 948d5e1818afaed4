/**
 * Latency of `PATCH /Users/{id}` with the provisioning log and info-level operational logs on,
 * against the same request with both off, measured in one run on two servers that share the
 * process and the PostgreSQL server. Requests alternate between the two in blocks, so that
 * drift in machine load affects both sides alike. Prints p50/p99 in ms and the on/off ratios.
 *
 * Usage: npm run bench:logging [-- ITERATIONS]   (needs PostgreSQL at DATABASE_URL or 127.0.0.1)
 */
import { Writable } from 'node:stream';

import { percentiles, round, scim, startBenchServer, type BenchServer } from './harness';

const USERS = 200;
const BLOCK = 50;
const WARMUP = 100;

/** Receives log lines and throws them away, so that terminal output does not skew timings. */
function discardedLines(): Writable & { lines: number } {
  const sink = new Writable({
    write(_chunk, _encoding, done) {
      sink.lines += 1;
      done();
    },
  }) as Writable & { lines: number };
  sink.lines = 0;
  return sink;
}

async function createUsers(server: BenchServer): Promise<string[]> {
  const ids: string[] = [];
  for (let index = 0; index < USERS; index++) {
    const user = await scim(server, 'POST', '/Users', {
      schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
      userName: `logging-${index}@example.test`,
      displayName: `Logging ${index}`,
      emails: [{ type: 'work', value: `logging-${index}@example.test`, primary: true }],
    });
    ids.push(String(user!.id));
  }
  return ids;
}

/** Changes the user's displayName and work email, as Entra ID's attribute updates do. */
function patchUser(server: BenchServer, id: string, index: number) {
  return scim(server, 'PATCH', `/Users/${id}`, {
    schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],
    Operations: [
      { op: 'Replace', path: 'displayName', value: `Renamed ${index}` },
      { op: 'Replace', path: 'emails[type eq "work"].value', value: `r${index}@example.test` },
    ],
  });
}

async function timePatch(server: BenchServer, ids: string[], index: number): Promise<number> {
  const started = process.hrtime.bigint();
  await patchUser(server, ids[index % ids.length], index);
  return Number(process.hrtime.bigint() - started) / 1e6;
}

async function main(): Promise<void> {
  const iterations = Number(process.argv[2] ?? 2000);
  const sink = discardedLines();
  const on = await startBenchServer({ LOG_LEVEL: 'info', ROSTER_EVENTS_ENABLED: 'true' }, sink);
  const off = await startBenchServer({ LOG_LEVEL: 'error', ROSTER_EVENTS_ENABLED: 'false' });

  try {
    const onIds = await createUsers(on);
    const offIds = await createUsers(off);
    for (let index = 0; index < WARMUP; index++) {
      await patchUser(on, onIds[index % USERS], -index);
      await patchUser(off, offIds[index % USERS], -index);
    }

    const onSamples: number[] = [];
    const offSamples: number[] = [];
    for (let done = 0; done < iterations; done += BLOCK) {
      for (let index = done; index < Math.min(done + BLOCK, iterations); index++) {
        onSamples.push(await timePatch(on, onIds, index));
      }
      for (let index = done; index < Math.min(done + BLOCK, iterations); index++) {
        offSamples.push(await timePatch(off, offIds, index));
      }
    }

    const events = await on.orm.em
      .fork()
      .execute<{ count: string }[]>('select count(*) from provisioning_events');
    const withLogging = percentiles(onSamples);
    const withoutLogging = percentiles(offSamples);

    console.log(`PATCH /Users/{id}: ${iterations} requests per side, one at a time, PostgreSQL`);
    console.table({ 'logging on': withLogging, 'logging off': withoutLogging });
    console.log(
      `events stored: ${events[0].count}; log lines written: ${sink.lines}\n` +
        `ratio on/off: p50 ${round(withLogging.p50 / withoutLogging.p50)}, ` +
        `p99 ${round(withLogging.p99 / withoutLogging.p99)} (target p50 <= 1.15)`,
    );
  } finally {
    await on.close();
    await off.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
