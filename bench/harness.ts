import 'reflect-metadata';

import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

import type { MikroORM } from '@mikro-orm/postgresql';
import { Client } from 'pg';
import type { DestinationStream } from 'pino';

import { createApp } from '../src/app';
import { loadConfig } from '../src/config';
import { connectAndMigrate } from '../src/db/database';
import { bootstrapIfEmpty } from '../src/domain/bootstrap.service';
import { createLogger } from '../src/logger';

/** PostgreSQL server that benchmarks create their databases on. */
export const BENCH_DATABASE_URL =
  process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export interface BenchServer {
  url: string;
  token: string;
  orm: MikroORM;
  organizationId: string;
  databaseUrl: string;
  close(): Promise<void>;
}

/** Creates an empty database on the benchmark server and returns its URL and a drop function. */
export async function createDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `roster_bench_${randomBytes(4).toString('hex')}`;
  const admin = new Client({ connectionString: BENCH_DATABASE_URL });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();

  const url = new URL(BENCH_DATABASE_URL);
  url.pathname = `/${name}`;

  return {
    url: url.toString(),
    drop: async () => {
      const client = new Client({ connectionString: BENCH_DATABASE_URL });
      await client.connect();
      await client.query(`drop database if exists ${name} with (force)`);
      await client.end();
    },
  };
}

/**
 * Starts Roster in this process on a new database, with a SCIM token, logging only errors
 * unless `env` sets LOG_LEVEL. Log lines go to `logDestination` when given, else to stdout.
 */
export async function startBenchServer(
  env: Record<string, string> = {},
  logDestination?: DestinationStream,
): Promise<BenchServer> {
  const database = await createDatabase();
  const token = `bench_${randomBytes(24).toString('hex')}`;
  const config = loadConfig({
    DATABASE_URL: database.url,
    LOG_LEVEL: 'error',
    ROSTER_BOOTSTRAP_SCIM_TOKEN: token,
    ...env,
  });
  const logger = createLogger(config.logLevel, logDestination);
  const orm = await connectAndMigrate(database.url, config.databasePoolSize, 'bench database');
  const now = () => new Date();
  const setup = await bootstrapIfEmpty(orm.em.fork(), { config, logger, now });
  const app = await createApp({ config, logger, orm });

  const server: Server = createServer(app.koa.callback());
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    token,
    orm,
    organizationId: setup!.organizationId,
    databaseUrl: database.url,
    close: async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await app.stop();
      await orm.close(true);
      await database.drop();
    },
  };
}

/** Latency percentiles in milliseconds. */
export interface Percentiles {
  p50: number;
  p99: number;
  count: number;
}

export function percentiles(samples: number[]): Percentiles {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)];

  return { p50: round(at(0.5)), p99: round(at(0.99)), count: sorted.length };
}

export function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}

/** Times `run` `iterations` times, one at a time, after `warmup` untimed runs. */
export async function time(
  iterations: number,
  warmup: number,
  run: (index: number) => Promise<void>,
): Promise<Percentiles> {
  for (let index = 0; index < warmup; index++) {
    await run(-1 - index);
  }

  const samples: number[] = [];
  for (let index = 0; index < iterations; index++) {
    const started = process.hrtime.bigint();
    await run(index);
    samples.push(Number(process.hrtime.bigint() - started) / 1e6);
  }

  return percentiles(samples);
}

/** Sends a SCIM request and fails loudly on an unexpected status. */
export async function scim(
  server: { url: string; token: string },
  method: string,
  path: string,
  body?: unknown,
  expected = [200, 201, 204],
): Promise<Record<string, unknown> | undefined> {
  const response = await fetch(`${server.url}/scim/v2${path}`, {
    method,
    headers: {
      authorization: `Bearer ${server.token}`,
      'content-type': 'application/scim+json',
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();

  if (!expected.includes(response.status)) {
    throw new Error(`${method} ${path} -> ${response.status}: ${text.slice(0, 300)}`);
  }

  return text ? JSON.parse(text) : undefined;
}
