/**
 * How filter latency grows with the directory: seeds 1,000 users in one database and 100,000 in
 * another, runs the same filters against both through GET /Users, and prints p50 latencies and
 * the 100k/1k ratio of each. It also prints whether PostgreSQL's plan for each equality lookup
 * uses an index.
 *
 * Usage: npm run bench:query [-- ITERATIONS]   (needs PostgreSQL at DATABASE_URL or 127.0.0.1)
 */
import { round, scim, startBenchServer, time, type BenchServer } from './harness';
import { seedUsers } from './seed';

interface Case {
  name: string;
  filter: (size: number, index: number) => string;
  equality: boolean;
}

const CASES: Case[] = [
  {
    name: 'userName eq',
    filter: (size, i) => `userName eq "u${size}-${(i * 7919) % size}@example.test"`,
    equality: true,
  },
  {
    name: 'externalId eq',
    filter: (size, i) => `externalId eq "ext-u${size}-${(i * 7919) % size}"`,
    equality: true,
  },
  {
    name: 'emails[type eq work and value eq]',
    filter: (size, i) =>
      `emails[type eq "work" and value eq "u${size}-${(i * 7919) % size}@example.test"]`,
    equality: true,
  },
  {
    name: 'displayName sw',
    filter: (_size, i) => `displayName sw "Person 00${String(i % 100).padStart(2, '0')}1"`,
    equality: false,
  },
  {
    name: '3-term and/or',
    filter: (size, i) =>
      `(userName eq "u${size}-${i % size}@example.test" or externalId eq "ext-u${size}-${
        (i * 31) % size
      }") and active eq true`,
    equality: false,
  },
];

async function explainUsesIndex(server: BenchServer, sql: string, params: unknown[]) {
  const rows = await server.orm.em
    .fork()
    .execute<{ 'QUERY PLAN': string }[]>(`explain ${sql}`, params);
  const plan = rows.map((row) => row['QUERY PLAN']).join('\n');

  return /Index|Bitmap/.test(plan) && !/Seq Scan on users/.test(plan);
}

async function main(): Promise<void> {
  const iterations = Number(process.argv[2] ?? 300);
  const sizes = [1_000, 100_000];
  const results: Record<string, Record<number, number>> = {};
  const plans: Record<string, boolean> = {};

  for (const size of sizes) {
    const server = await startBenchServer();
    try {
      const seeded = Date.now();
      await seedUsers(server.orm, server.organizationId, size, `u${size}`);
      console.log(`seeded ${size} users in ${Date.now() - seeded} ms`);

      for (const testCase of CASES) {
        const latency = await time(iterations, 20, async (i) => {
          const filter = encodeURIComponent(testCase.filter(size, Math.abs(i)));
          const page = await scim(server, 'GET', `/Users?filter=${filter}&count=10`);
          if (testCase.equality && page!.totalResults !== 1) {
            throw new Error(`${testCase.name} found ${String(page!.totalResults)} users, not 1`);
          }
        });
        (results[testCase.name] ??= {})[size] = latency.p50;
      }

      if (size === 100_000) {
        const org = server.organizationId;
        plans['userName eq'] = await explainUsesIndex(
          server,
          'select * from users u where u.organization_id = ? and lower(u.user_name) = lower(?)',
          [org, 'u100000-5@example.test'],
        );
        plans['externalId eq'] = await explainUsesIndex(
          server,
          'select * from users u where u.organization_id = ? and u.external_id = ?',
          [org, 'ext-u100000-5'],
        );
        plans['emails[type eq work and value eq]'] = await explainUsesIndex(
          server,
          `select * from users u where u.organization_id = ?
             and scim_lower_values(u.emails) @> array[lower(?)]`,
          [org, 'u100000-5@example.test'],
        );
      }
    } finally {
      await server.close();
    }
  }

  console.log(`p50 latency in ms of GET /Users?filter=…, ${iterations} requests per case`);
  console.table(
    Object.fromEntries(
      CASES.map((testCase) => {
        const row = results[testCase.name];
        return [
          testCase.name,
          {
            '1k p50': row[1_000],
            '100k p50': row[100_000],
            'ratio 100k/1k': round(row[100_000] / row[1_000]),
            'index scan at 100k': testCase.equality ? plans[testCase.name] : '-',
          },
        ];
      }),
    ),
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
