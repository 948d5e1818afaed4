import type { MikroORM } from '@mikro-orm/postgresql';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

/** The pool as knex keeps it (tarn.js); read only for the pool gauges. */
interface ConnectionPool {
  numUsed(): number;
  numFree(): number;
  numPendingAcquires(): number;
  max: number;
}

/** Prometheus series of one Roster process, on a registry of its own (not prom-client's global). */
export class Metrics {
  readonly registry = new Registry();

  readonly httpDuration = new Histogram({
    name: 'roster_http_request_duration_seconds',
    help: 'HTTP request duration in seconds, by route pattern, method and status.',
    labelNames: ['route', 'method', 'status'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [this.registry],
  });

  readonly scimOperations = new Counter({
    name: 'roster_scim_operations_total',
    help: 'SCIM requests by provisioning operation and outcome.',
    labelNames: ['operation', 'outcome'] as const,
    registers: [this.registry],
  });

  readonly eventQueueDropped = new Counter({
    name: 'roster_provisioning_event_queue_dropped_total',
    help: 'Provisioning events of reads and rejected requests lost, by reason.',
    labelNames: ['reason'] as const,
    registers: [this.registry],
  });

  constructor() {
    collectDefaultMetrics({ register: this.registry, prefix: 'roster_' });
  }

  /** Reports the queue depth whenever the registry is collected. */
  observeEventQueue(depth: () => number): void {
    new Gauge({
      name: 'roster_provisioning_event_queue_depth',
      help: 'Provisioning events waiting to be written.',
      registers: [this.registry],
      collect() {
        this.set(depth());
      },
    });
  }

  /** Reports the database connection pool whenever the registry is collected. */
  observeDatabasePool(orm: MikroORM): void {
    const pool = () => (orm.em.getConnection().getKnex().client as { pool?: ConnectionPool }).pool;

    new Gauge({
      name: 'roster_db_pool_connections',
      help: 'Database connections by state: used, free, pending (waiting callers) and max.',
      labelNames: ['state'] as const,
      registers: [this.registry],
      collect() {
        const current = pool();
        if (!current) {
          return;
        }
        this.set({ state: 'used' }, current.numUsed());
        this.set({ state: 'free' }, current.numFree());
        this.set({ state: 'pending' }, current.numPendingAcquires());
        this.set({ state: 'max' }, current.max);
      },
    });
  }
}
