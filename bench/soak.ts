/**
 * Soak test: drives Entra-like mixed SCIM traffic (user and group lookups by filter, creates,
 * attribute PATCHes, membership PATCHes, deletes) against a Roster started in this process on a
 * new PostgreSQL database, for a bounded time. Prints throughput, p50/p99 latency, errors (5xx
 * and network failures counted apart) and the growth of RSS and V8 heap between the end of
 * warm-up and the end of the run, each measured after a full garbage collection. The traffic
 * generator shares the process, so its memory counts too; it keeps a few thousand ids and a
 * fixed-size latency histogram.
 *
 * Usage: npm run bench:soak -- [--minutes N] [--concurrency N] [--warmup-seconds N]
 *   (needs PostgreSQL at DATABASE_URL or 127.0.0.1:5432; run with node --expose-gc)
 */
import { randomBytes } from 'node:crypto';

import { round, startBenchServer, type BenchServer } from './harness';
import { LatencyHistogram } from './latency-histogram';
import { SoakTraffic, type Outcome } from './soak-traffic';

interface SoakOptions {
  minutes: number;
  concurrency: number;
  warmupSeconds: number;
}

interface MemorySample {
  atSeconds: number;
  rssMb: number;
  heapUsedMb: number;
}

function readOptions(argv: string[]): SoakOptions {
  const valueOf = (flag: string, fallback: number) => {
    const index = argv.indexOf(flag);
    if (index < 0) {
      return fallback;
    }

    const value = Number(argv[index + 1]);
    if (!Number.isFinite(value) || value <= 0) {
      throw new Error(`${flag} must be a positive number, got ${argv[index + 1]}`);
    }
    return value;
  };

  const minutes = valueOf('--minutes', 10);
  return {
    minutes,
    concurrency: Math.round(valueOf('--concurrency', 4)),
    warmupSeconds: valueOf('--warmup-seconds', Math.min(60, minutes * 6)),
  };
}

const MB = 1024 * 1024;

/** Measures this process after a full garbage collection, so that growth means retained data. */
function measureMemory(startedAt: number): MemorySample {
  const collect = (globalThis as { gc?: () => void }).gc;
  if (!collect) {
    throw new Error('run with node --expose-gc, as npm run bench:soak does');
  }
  collect();

  const usage = process.memoryUsage();
  return {
    atSeconds: Math.round((Date.now() - startedAt) / 1000),
    rssMb: round(usage.rss / MB),
    heapUsedMb: round(usage.heapUsed / MB),
  };
}

function growthPercent(from: number, to: number): number {
  return Math.round(((to - from) / from) * 1000) / 10;
}

async function runWorkers(
  traffic: SoakTraffic,
  concurrency: number,
  endsAt: number,
  record: (outcome: Outcome) => void,
): Promise<void> {
  const worker = async () => {
    while (Date.now() < endsAt) {
      record(await traffic.next());
    }
  };

  await Promise.all(Array.from({ length: concurrency }, worker));
}

async function main(): Promise<void> {
  const options = readOptions(process.argv.slice(2));
  const server: BenchServer = await startBenchServer();
  const traffic = new SoakTraffic(server, randomBytes(3).toString('hex'));
  await traffic.seed();

  const startedAt = Date.now();
  const warmupEndsAt = startedAt + options.warmupSeconds * 1000;
  const endsAt = startedAt + options.minutes * 60_000;

  const latency = new LatencyHistogram();
  const counts = { requests: 0, status5xx: 0, rateLimited: 0, unexpected4xx: 0, network: 0 };
  const byKind = new Map<string, number>();
  const examples: string[] = [];
  const memory: MemorySample[] = [];

  const record = (outcome: Outcome) => {
    if (Date.now() < warmupEndsAt) {
      return;
    }

    counts.requests += 1;
    byKind.set(outcome.kind, (byKind.get(outcome.kind) ?? 0) + 1);
    latency.add(outcome.durationMs);

    if (outcome.status === undefined) {
      counts.network += 1;
    } else if (outcome.status >= 500) {
      counts.status5xx += 1;
    } else if (outcome.status === 429) {
      counts.rateLimited += 1;
    } else if (!outcome.expected) {
      counts.unexpected4xx += 1;
    }
    if ((outcome.status === undefined || !outcome.expected) && examples.length < 10) {
      examples.push(`${outcome.kind} -> ${outcome.status ?? 'network error'}: ${outcome.detail}`);
    }
  };

  const sampler = setInterval(() => {
    if (Date.now() >= warmupEndsAt) {
      memory.push(measureMemory(startedAt));
    }
  }, 30_000);

  const warmupTimer = setTimeout(
    () => memory.push(measureMemory(startedAt)),
    options.warmupSeconds * 1000,
  );
  await runWorkers(traffic, options.concurrency, endsAt, record);
  clearInterval(sampler);
  clearTimeout(warmupTimer);
  memory.push(measureMemory(startedAt));

  const measuredSeconds = (endsAt - warmupEndsAt) / 1000;
  const baseline = memory[0];
  const last = memory[memory.length - 1];
  const summary = {
    minutes: options.minutes,
    concurrency: options.concurrency,
    warmupSeconds: options.warmupSeconds,
    requests: counts.requests,
    requestsPerSecond: round(counts.requests / measuredSeconds),
    p50Ms: latency.percentile(0.5),
    p99Ms: latency.percentile(0.99),
    maxMs: latency.max(),
    errors5xx: counts.status5xx,
    networkErrors: counts.network,
    rateLimited429: counts.rateLimited,
    unexpected4xx: counts.unexpected4xx,
    rssGrowthPercent: growthPercent(baseline.rssMb, last.rssMb),
    heapGrowthPercent: growthPercent(baseline.heapUsedMb, last.heapUsedMb),
    memoryAfterWarmup: baseline,
    memoryAtEnd: last,
    memoryPeakRssMb: Math.max(...memory.map((sample) => sample.rssMb)),
    requestsByKind: Object.fromEntries(byKind),
    users: traffic.userCount(),
    groups: traffic.groupCount(),
  };

  process.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
  for (const example of examples) {
    process.stdout.write(`unexpected: ${example}\n`);
  }

  await server.close();
}

main().catch((error: unknown) => {
  process.stderr.write(`soak failed: ${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
