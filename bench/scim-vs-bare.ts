/**
 * Latency of Roster's `POST /Users` and `GET /Users/{id}` against a bare Koa + pg handler that
 * sends the same statements Roster sends (token lookup; then BEGIN, insert, COMMIT, or the
 * select of a user with its manager and groups) on the same database, measured in one run.
 * The ratio is the cost of Roster's layers: GraphQL, MikroORM, validation and rendering.
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
import { round, scim, startBenchServer, time, type BenchServer } from './harness';

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

async function main(): Promise<void> {
  const iterations = Number(process.argv[2] ?? 2000);
  const roster: BenchServer = await startBenchServer();
  const bare = await startBareServer(roster.databaseUrl, roster.organizationId);
  const bareTarget = { url: bare.url, token: roster.token };

  try {
    const rosterIds: string[] = [];
    const bareIds: string[] = [];

    const rosterPost = await time(iterations, 50, async (i) => {
      const user = await scim(roster, 'POST', '/Users', userBody('roster', i));
      if (i >= 0) rosterIds.push(String(user!.id));
    });
    const barePost = await time(iterations, 50, async (i) => {
      const user = await scim(bareTarget, 'POST', '/Users', userBody('bare', i));
      if (i >= 0) bareIds.push(String(user!.id));
    });
    const rosterGet = await time(iterations, 50, async (i) => {
      await scim(roster, 'GET', `/Users/${rosterIds[Math.abs(i) % rosterIds.length]}`);
    });
    const bareGet = await time(iterations, 50, async (i) => {
      await scim(bareTarget, 'GET', `/Users/${bareIds[Math.abs(i) % bareIds.length]}`);
    });

    console.log(`requests per case: ${iterations}, one at a time, PostgreSQL, same database`);
    console.table({
      'POST /Users roster': rosterPost,
      'POST /Users bare': barePost,
      'GET /Users/{id} roster': rosterGet,
      'GET /Users/{id} bare': bareGet,
    });
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
