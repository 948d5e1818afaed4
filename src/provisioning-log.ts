import type { Middleware } from 'koa';

import type { AppDependencies } from './app';
import type { DomainDeps } from './domain/deps';
import { ProvisioningEventQueue } from './domain/provisioning/event-queue';
import { ProvisioningEventRecorder } from './domain/provisioning/event-recorder';
import { EventRetentionJob } from './domain/provisioning/event-retention';
import type { SharedServices } from './domain/services';
import type { Metrics } from './metrics/metrics';
import { SCIM_PREFIX } from './scim/router';
import { provisioningLog } from './scim/provisioning/provisioning-log';

/** Events written by one insert of the queue. */
const QUEUE_BATCH_SIZE = 500;

/** Expired events deleted by one statement of the retention job. */
const RETENTION_BATCH_SIZE = 1000;

export interface ProvisioningLog {
  /** The SCIM middleware that records each request. */
  middleware: Middleware;
  /** Stops the retention job and writes the queued events. */
  stop(): Promise<void>;
}

/**
 * Starts the provisioning log: the recorder of write events inside their transactions, the
 * queue for every other event, and the retention job. Returns undefined when the log is off.
 */
export function startProvisioningLog(
  deps: AppDependencies,
  domainDeps: DomainDeps,
  shared: SharedServices,
  metrics: Metrics,
): ProvisioningLog | undefined {
  const { config } = deps;
  if (!config.eventsEnabled) {
    return undefined;
  }

  const queue = new ProvisioningEventQueue(deps.orm, deps.logger, {
    capacity: config.eventQueueSize,
    batchSize: QUEUE_BATCH_SIZE,
    flushIntervalMs: config.eventFlushIntervalMs,
    onDrop: (count, reason) => metrics.eventQueueDropped.inc({ reason }, count),
  });
  metrics.observeEventQueue(() => queue.depth);
  queue.start();

  shared.changes.subscribeLast(new ProvisioningEventRecorder());

  const retention = new EventRetentionJob(deps.orm, deps.logger, domainDeps.now, {
    retentionDays: config.eventRetentionDays,
    intervalMs: config.eventRetentionIntervalSeconds * 1000,
    batchSize: RETENTION_BATCH_SIZE,
  });
  retention.start();

  return {
    middleware: provisioningLog({ queue, metrics, now: domainDeps.now, prefix: SCIM_PREFIX }),
    stop: async () => {
      await retention.stop();
      await queue.stop();
    },
  };
}
