import type { MikroORM } from '@mikro-orm/postgresql';
import type { RequiredEntityData } from '@mikro-orm/core';

import { ProvisioningEvent } from '../../entities/provisioning-event.entity';
import type { Logger } from '../../logger';

export type EventRow = RequiredEntityData<ProvisioningEvent>;

export interface EventQueueOptions {
  /** Maximum number of events kept in memory; further events are dropped and counted. */
  capacity: number;
  /** Maximum number of events written by one insert. */
  batchSize: number;
  /** Time between writes of a partial batch, in milliseconds. */
  flushIntervalMs: number;
  /** Called with the number of events lost and why. */
  onDrop(count: number, reason: 'queue_full' | 'write_failed'): void;
}

/**
 * Keeps the provisioning events of reads and rejected requests in memory and writes them in
 * batches, off the request path. A full queue drops new events. Every loss is counted, and it
 * is logged at once or, while drops go on, at most once per flush interval. Events whose id is
 * already stored are skipped.
 */
export class ProvisioningEventQueue {
  private pending: EventRow[] = [];
  private droppedSinceLog = 0;
  private lastDropLogAt = 0;
  private flushing: Promise<void> | undefined;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly orm: MikroORM,
    private readonly logger: Logger,
    private readonly options: EventQueueOptions,
  ) {}

  get depth(): number {
    return this.pending.length;
  }

  start(): void {
    this.timer = setInterval(() => void this.flush(), this.options.flushIntervalMs);
    this.timer.unref();
  }

  /** Adds an event; returns false when the queue is full and the event was dropped. */
  enqueue(event: EventRow): boolean {
    if (this.pending.length >= this.options.capacity) {
      this.droppedSinceLog += 1;
      this.options.onDrop(1, 'queue_full');
      if (Date.now() - this.lastDropLogAt >= this.options.flushIntervalMs) {
        this.logDrops();
      }
      return false;
    }

    this.pending.push(event);
    if (this.pending.length >= this.options.batchSize && !this.flushing) {
      setImmediate(() => void this.flush());
    }
    return true;
  }

  /** Writes every pending event; concurrent calls share one run. */
  flush(): Promise<void> {
    this.flushing ??= this.writeAll().finally(() => {
      this.flushing = undefined;
    });
    return this.flushing;
  }

  /** Stops the timer and writes what is pending. */
  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.flush();
  }

  private async writeAll(): Promise<void> {
    this.logDrops();

    while (this.pending.length > 0) {
      const batch = this.pending.splice(0, this.options.batchSize);
      try {
        await this.orm.em
          .fork()
          .createQueryBuilder(ProvisioningEvent)
          .insert(batch)
          .onConflict(['organizationId', 'id'])
          .ignore()
          .execute();
      } catch (error) {
        this.options.onDrop(batch.length, 'write_failed');
        this.logger.error(
          { err: error, dropped: batch.length },
          'writing provisioning events failed; the batch is lost',
        );
      }
    }
  }

  private logDrops(): void {
    if (this.droppedSinceLog === 0) {
      return;
    }

    this.logger.warn(
      { dropped: this.droppedSinceLog, capacity: this.options.capacity },
      'provisioning event queue full; events of reads and rejected requests were dropped',
    );
    this.droppedSinceLog = 0;
    this.lastDropLogAt = Date.now();
  }
}
