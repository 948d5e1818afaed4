/**
 * Latency of group membership changes as groups grow. Seeds groups of 10, 10,000 and 50,000
 * members with SQL, then times adding one member through `PATCH /Groups/{id}`, one group after
 * the other in rounds so that drift hits every size alike, and prints p50/p99 and the
 * 50,000/10 ratio. It also times one PATCH adding 1,000 members against a single multi-row
 * INSERT of the same 1,000 rows into group_members (each into a new group), alternating which
 * runs first. With fewer than 100 repetitions, the bulk p99 is the slowest repetition.
 *
 * Usage: npm run bench:members [-- ITERATIONS [REPETITIONS]]
 *        (needs PostgreSQL at DATABASE_URL or 127.0.0.1)
 */
import { Client } from 'pg';

import { percentiles, round, scim, startBenchServer, type BenchServer } from './harness';
import { seedUsers } from './seed';

const GROUP_SIZES = [10, 10_000, 50_000];
const BULK_SIZE = 1_000;
const WARMUP = 20;

/** Maximum ratios that the benchmark reports as met. */
const MAX_SIZE_RATIO = 1.5;
const MAX_BULK_RATIO = 3;

/** Loads the ids of the seeded users whose userName starts with `prefix-`, in seed order. */
async function seededIds(server: BenchServer, prefix: string): Promise<string[]> {
  const rows = await server.orm.em.fork().execute<{ id: string }[]>(
    `select id from users where organization_id = ? and user_name like ?
      order by length(user_name), user_name`,
    [server.organizationId, `${prefix}-%`],
  );

  return rows.map((row) => row.id);
}

/** Creates an empty group through SCIM and returns its id. */
async function createGroup(server: BenchServer, name: string): Promise<string> {
  const group = await scim(server, 'POST', '/Groups', {
    schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group'],
    displayName: name,
  });

  return String(group!.id);
}

/** Inserts the first `size` seeded members into a group with one `insert … select`. */
async function seedMembers(server: BenchServer, groupId: string, size: number): Promise<void> {
  await server.orm.em.fork().execute(
    `insert into group_members (organization_id, group_id, member_id, member_type, created_at)
     select u.organization_id, ?, u.id, 'User', now()
       from generate_series(0, ? - 1) as i
       join users u on u.organization_id = ?
                   and lower(u.user_name) = lower('member-' || i || '@example.test')`,
    [groupId, size, server.organizationId],
  );
}

async function countMembers(server: BenchServer, groupId: string): Promise<number> {
  const rows = await server.orm.em
    .fork()
    .execute<{ count: number }[]>(
      'select count(*)::int as count from group_members where organization_id = ? and group_id = ?',
      [server.organizationId, groupId],
    );

  return rows[0].count;
}

function addMembers(server: BenchServer, groupId: string, memberIds: string[]) {
  return scim(
    server,
    'PATCH',
    `/Groups/${groupId}`,
    {
      schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],
      Operations: [
        { op: 'Add', path: 'members', value: memberIds.map((value) => ({ $ref: null, value })) },
      ],
    },
    [204],
  );
}

/** Runs `work` and returns how long it took in milliseconds. */
async function elapsed(work: () => Promise<unknown>): Promise<number> {
  const started = process.hrtime.bigint();
  await work();
  return Number(process.hrtime.bigint() - started) / 1e6;
}

/** Times single-member adds to each group in rounds: one add per group per round. */
async function timeSingleAdds(
  server: BenchServer,
  groups: Map<number, string>,
  candidates: string[],
  iterations: number,
) {
  const samples = new Map<number, number[]>(GROUP_SIZES.map((size) => [size, []]));

  for (let turn = 0; turn < WARMUP + iterations; turn++) {
    for (const size of GROUP_SIZES) {
      const took = await elapsed(() => addMembers(server, groups.get(size)!, [candidates[turn]]));
      if (turn >= WARMUP) {
        samples.get(size)!.push(took);
      }
    }
  }

  for (const size of GROUP_SIZES) {
    const count = await countMembers(server, groups.get(size)!);
    if (count !== size + WARMUP + iterations) {
      throw new Error(`group of ${size} has ${count} members, not ${size + WARMUP + iterations}`);
    }
  }

  return new Map([...samples].map(([size, values]) => [size, percentiles(values)]));
}

/** Times one PATCH of BULK_SIZE members against one multi-row INSERT of the same rows. */
async function timeBulkAdds(server: BenchServer, memberIds: string[], repetitions: number) {
  const client = new Client({ connectionString: server.databaseUrl });
  await client.connect();
  const placeholders = memberIds.map((_id, index) => `($1, $2, $${index + 3}, 'User', now())`);
  const insert =
    'insert into group_members (organization_id, group_id, member_id, member_type, created_at) ' +
    `values ${placeholders.join(', ')}`;
  const patchSamples: number[] = [];
  const insertSamples: number[] = [];

  try {
    for (let repetition = 0; repetition < repetitions + 2; repetition++) {
      const patchGroupId = await createGroup(server, `bulk patch ${repetition}`);
      const insertGroupId = await createGroup(server, `bulk insert ${repetition}`);
      const runPatch = () => elapsed(() => addMembers(server, patchGroupId, memberIds));
      const runInsert = () =>
        elapsed(() => client.query(insert, [server.organizationId, insertGroupId, ...memberIds]));

      const patchFirst = repetition % 2 === 0;
      const first = await (patchFirst ? runPatch() : runInsert());
      const second = await (patchFirst ? runInsert() : runPatch());
      const [patchMs, insertMs] = patchFirst ? [first, second] : [second, first];

      for (const groupId of [patchGroupId, insertGroupId]) {
        const count = await countMembers(server, groupId);
        if (count !== memberIds.length) {
          throw new Error(`bulk group ${groupId} has ${count} members, not ${memberIds.length}`);
        }
      }

      // The first two repetitions warm up both paths and are not counted.
      if (repetition >= 2) {
        patchSamples.push(patchMs);
        insertSamples.push(insertMs);
      }
    }
  } finally {
    await client.end();
  }

  return { patch: percentiles(patchSamples), insert: percentiles(insertSamples) };
}

function verdict(ratio: number, target: number): string {
  return ratio <= target ? `meets the target of ${target}` : `misses the target of ${target}`;
}

async function main(): Promise<void> {
  const iterations = Number(process.argv[2] ?? 300);
  const repetitions = Number(process.argv[3] ?? 20);
  const largest = Math.max(...GROUP_SIZES);
  const server = await startBenchServer();

  try {
    const seeded = Date.now();
    await seedUsers(server.orm, server.organizationId, largest, 'member');
    await seedUsers(
      server.orm,
      server.organizationId,
      WARMUP + iterations + BULK_SIZE,
      'candidate',
    );

    const groups = new Map<number, string>();
    for (const size of GROUP_SIZES) {
      const groupId = await createGroup(server, `members ${size}`);
      await seedMembers(server, groupId, size);
      groups.set(size, groupId);
    }
    await server.orm.em.fork().execute('analyze group_members');
    console.log(
      `seeded ${largest} users and ${GROUP_SIZES.join(', ')} members in ${Date.now() - seeded} ms`,
    );

    const candidates = await seededIds(server, 'candidate');
    const single = await timeSingleAdds(server, groups, candidates, iterations);
    const bulkIds = candidates.slice(WARMUP + iterations, WARMUP + iterations + BULK_SIZE);
    const bulk = await timeBulkAdds(server, bulkIds, repetitions);

    console.log(
      `PATCH /Groups/{id} adding one member, ${iterations} requests per group size, one at a ` +
        'time, PostgreSQL',
    );
    console.table(
      Object.fromEntries(GROUP_SIZES.map((size) => [`group of ${size}`, single.get(size)!])),
    );
    const smallest = single.get(GROUP_SIZES[0])!;
    const biggest = single.get(largest)!;
    const sizeRatio = round(biggest.p50 / smallest.p50);
    console.log(
      `ratio ${largest}/${GROUP_SIZES[0]}: ` +
        `p50 ${sizeRatio} (${verdict(sizeRatio, MAX_SIZE_RATIO)}), ` +
        `p99 ${round(biggest.p99 / smallest.p99)}`,
    );

    console.log(`adding ${BULK_SIZE} members to a new group, ${repetitions} repetitions each`);
    console.table({
      [`one PATCH of ${BULK_SIZE} members`]: bulk.patch,
      [`one INSERT of ${BULK_SIZE} rows`]: bulk.insert,
    });
    const bulkRatio = round(bulk.patch.p50 / bulk.insert.p50);
    console.log(
      `ratio PATCH/INSERT: p50 ${bulkRatio} (${verdict(bulkRatio, MAX_BULK_RATIO)}), ` +
        `p99 ${round(bulk.patch.p99 / bulk.insert.p99)}`,
    );
  } finally {
    await server.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
