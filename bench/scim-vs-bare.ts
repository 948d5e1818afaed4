/**
 * Latency of Roster's `POST /Users` and `GET /Users/{id}` against a bare Koa + pg handler on
 * the same database, measured in one run. For a POST the bare handler sends a token lookup,
 * BEGIN, the INSERT and COMMIT; Roster sends the same plus the provisioning event's INSERT,
 * and its token lookup also checks the token's owner and reads two settings rows. For a GET
 * both send a token lookup and the select of a user with its manager and groups. The ratio
 * is the cost of Roster's layers (GraphQL, MikroORM, validation, rendering, provisioning log).
 * Prints p50/p99 in ms and the Roster/bare ratios.
 *
 * Usage: npm run bench:scim [-- ITERATIONS]   (needs PostgreSQL at DATABASE_URL or 127.0.0.1)
 */
import { createHash, randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

import Koa from 'koa';
import bodyParser from 'koa-bodyparser';
import { Pool } from 'pg';

import { USER_VIEW_COLUMNS } from '../src/domain/users/user-view-loader';
import { percentiles, round, scim, startBenchServer, type BenchServer } from './harness';

async function startBareServer(databaseUrl: string, organizationId: string) {
  const pool = new Pool({ connectionString: databaseUrl, max: 10 });
  const koa = new Koa();
  koa.use(bodyParser({ enableTypes: ['json'], extendTypes: { json: ['application/scim+json'] } }));

  koa.use(async (ctx) => {
    const secret = (ctx.get('authorization') ?? '').replace(/^Bearer /, '');
    const hash = createHash('sha256').update(secret).digest('hex');
    const token = await pool.query(
      'select organization_id from api_tokens where secret_hash = $1',
      [hash],
    );
    if (token.rowCount === 0) {
      ctx.status = 401;
      return;
    }

    if (ctx.method === 'POST') {
      const body = ctx.request.body as { userName: string; displayName?: string; emails?: unknown };
      const client = await pool.connect();
      try {
        await client.query('begin');
        const result = await client.query(
          `insert into users (organization_id, id, user_name, display_name, emails, created_at,
                              updated_at)
           values ($1, $2, $3, $4, $5, now(), now()) returning *`,
          [
            organizationId,
            randomUUID(),
            body.userName,
            body.displayName,
            JSON.stringify(body.emails),
          ],
        );
        await client.query('commit');
        ctx.status = 201;
        ctx.type = 'application/scim+json';
        ctx.body = result.rows[0];
      } finally {
        client.release();
      }
      return;
    }

    const id = ctx.path.split('/').pop();
    const result = await pool.query(
      `select u.*, ${USER_VIEW_COLUMNS} from users u where u.organization_id = $1 and u.id = $2`,
      [organizationId, id],
    );
    ctx.type = 'application/scim+json';
    ctx.body = result.rows[0];
  });

  const server = createServer(koa.callback());
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    close: async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await pool.end();
    },
  };
}

function userBody(prefix: string, index: number) {
  return {
    schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
    userName: `${prefix}-${index}@example.test`,
    displayName: `Bench User ${index}`,
    active: true,
    emails: [{ type: 'work', value: `${prefix}-${index}@example.test`, primary: true }],
  };
}

/** Untimed requests per case before measuring, so that both servers run JIT-compiled code. */
const WARMUP = 500;

/** Rounds per case; the cases take turns, so a drift in machine load reaches all of them. */
const ROUNDS = 10;

type Case = (index: number) => Promise<void>;

/** A server to send requests to: its base URL and the SCIM token it accepts. */
type Target = { url: string; token: string };

/** Runs each case `iterations` times in `ROUNDS` interleaved rounds; returns the percentiles. */
async function measure(cases: Record<string, Case>, iterations: number) {
  const samples: Record<string, number[]> = {};
  const perRound = Math.ceil(iterations / ROUNDS);

  for (const [name, run] of Object.entries(cases)) {
    samples[name] = [];
    for (let index = 0; index < WARMUP; index++) {
      await run(-1 - index);
    }
  }

  for (let round = 0; round < ROUNDS; round++) {
    for (const [name, run] of Object.entries(cases)) {
      for (let step = 0; step < perRound; step++) {
        const started = process.hrtime.bigint();
        await run(round * perRound + step);
        samples[name].push(Number(process.hrtime.bigint() - started) / 1e6);
      }
    }
  }

  return Object.fromEntries(
    Object.entries(samples).map(([name, values]) => [name, percentiles(values)]),
  );
}

async function main(): Promise<void> {
  const iterations = Number(process.argv[2] ?? 2000);
  // The rate limit stays on, high enough that one-at-a-time requests never reach it.
  const roster: BenchServer = await startBenchServer({ SCIM_RATE_LIMIT_PER_SECOND: '100000' });
  const bare = await startBareServer(roster.databaseUrl, roster.organizationId);
  const bareTarget = { url: bare.url, token: roster.token };

  try {
    const rosterIds: string[] = [];
    const bareIds: string[] = [];
    const post =
      (target: Target, prefix: string, ids: string[]): Case =>
      async (i) => {
        const user = await scim(
          target,
          'POST',
          '/Users',
          userBody(`${prefix}${i < 0 ? 'w' : ''}`, i),
        );
        ids.push(String(user!.id));
      };
    const get =
      (target: Target, ids: string[]): Case =>
      async (i) => {
        await scim(target, 'GET', `/Users/${ids[Math.abs(i) % ids.length]}`);
      };

    const writes = await measure(
      {
        'POST /Users roster': post(roster, 'roster', rosterIds),
        'POST /Users bare': post(bareTarget, 'bare', bareIds),
      },
      iterations,
    );
    const reads = await measure(
      {
        'GET /Users/{id} roster': get(roster, rosterIds),
        'GET /Users/{id} bare': get(bareTarget, bareIds),
      },
      iterations,
    );
    const rosterPost = writes['POST /Users roster'];
    const barePost = writes['POST /Users bare'];
    const rosterGet = reads['GET /Users/{id} roster'];
    const bareGet = reads['GET /Users/{id} bare'];

    console.log(
      `requests per case: ${iterations} after ${WARMUP} untimed, one at a time, ` +
        `in ${ROUNDS} rounds taking turns; PostgreSQL, same database`,
    );
    console.table({ ...writes, ...reads });
    console.log(
      `ratio roster/bare: POST p50 ${round(rosterPost.p50 / barePost.p50)}, ` +
        `p99 ${round(rosterPost.p99 / barePost.p99)}; ` +
        `GET p50 ${round(rosterGet.p50 / bareGet.p50)}, p99 ${round(rosterGet.p99 / bareGet.p99)}`,
    );
  } finally {
    await bare.close();
    await roster.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
