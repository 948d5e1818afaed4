import type { MikroORM } from '@mikro-orm/postgresql';

import type { Logger } from '../../logger';

export interface RetentionOptions {
  retentionDays: number;
  intervalMs: number;
  /** Rows deleted per statement; each statement is its own short transaction. */
  batchSize: number;
}

const DAY_MS = 24 * 3600 * 1000;

/**
 * Deletes provisioning events older than the retention period, at start and then every
 * interval. It deletes in batches, each a statement and transaction of its own, so that row
 * locks last one batch and no transaction stays open for the whole purge.
 */
export class EventRetentionJob {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<number> | undefined;
  private stopped = false;

  constructor(
    private readonly orm: MikroORM,
    private readonly logger: Logger,
    private readonly now: () => Date,
    private readonly options: RetentionOptions,
  ) {}

  start(): void {
    this.timer = setInterval(() => void this.runOnce(), this.options.intervalMs);
    this.timer.unref();
    setImmediate(() => void this.runOnce());
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    await this.running;
  }

  /** Deletes every expired event; returns how many. Concurrent calls share one run. */
  runOnce(): Promise<number> {
    this.running ??= this.deleteExpired()
      .catch((error: unknown) => {
        this.logger.error({ err: error }, 'provisioning event retention failed; retrying later');
        return 0;
      })
      .finally(() => {
        this.running = undefined;
      });
    return this.running;
  }

  private async deleteExpired(): Promise<number> {
    const cutoff = new Date(this.now().getTime() - this.options.retentionDays * DAY_MS);
    const connection = this.orm.em.getConnection();
    let deleted = 0;

    while (!this.stopped) {
      const result = await connection.execute<{ affectedRows: number }>(
        `delete from provisioning_events
          where (organization_id, id) in (
            select organization_id, id from provisioning_events
             where occurred_at < ?
             limit ?)`,
        [cutoff, this.options.batchSize],
        'run',
      );
      deleted += result.affectedRows;
      if (result.affectedRows < this.options.batchSize) {
        break;
      }
    }

    if (deleted > 0) {
      this.logger.info(
        { deleted, before: cutoff.toISOString() },
        'deleted expired provisioning events',
      );
    }
    return deleted;
  }
}
