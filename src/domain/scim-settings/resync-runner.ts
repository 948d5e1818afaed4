import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';

import { ScimResyncJob } from '../../entities/scim-resync-job.entity';
import type { ProvisioningWarning } from '../changes/directory-change';
import type { DomainDeps } from '../deps';
import type { SchemaRegistryProvider } from '../schema-registry.service';
import { loadSubjects, syncRecords } from './record-sync';
import type { ResyncSignal } from './resync-signal';
import { loadSyncPlan } from './sync-plan';
import { waitForWritesInFlight } from './writes-in-flight';

/** Consecutive failed batches after which a job is marked FAILED. */
export const MAX_BATCH_FAILURES = 3;

export interface ResyncRunnerOptions {
  /** Users recomputed per transaction. */
  batchSize: number;
  /** How often to look for jobs that no wake-up announced, such as after a restart. */
  pollMs: number;
}

/**
 * Runs resync jobs in the background, one short transaction per batch of users. A batch locks
 * its job row with SKIP LOCKED and stores its position before committing, so several server
 * processes can share the work and a restarted process resumes where the last batch ended.
 */
export class ResyncRunner {
  private running: Promise<void> | undefined;
  private wokenWhileRunning = false;
  private stopped = false;
  private timer: NodeJS.Timeout | undefined;
  /** The job of the batch in progress, so that a failure can be recorded on it. */
  private currentJob: { organizationId: string; id: string } | undefined;
  /** Consecutive failures per job id, kept in this process only. */
  private readonly failures = new Map<string, number>();
  /** Jobs whose first batch this process has already waited for in-flight writes. */
  private readonly waitedFor = new Set<string>();

  constructor(
    private readonly orm: MikroORM,
    private readonly deps: DomainDeps,
    private readonly registries: SchemaRegistryProvider,
    private readonly signal: ResyncSignal,
    private readonly options: ResyncRunnerOptions,
  ) {}

  /** Starts polling and looks for unfinished jobs at once. */
  start(): void {
    this.signal.onWake(() => this.wake());
    this.timer = setInterval(() => this.wake(), this.options.pollMs);
    this.timer.unref();
    this.wake();
  }

  /** Waits for the current batch and stops. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.signal.onWake(undefined);
    clearInterval(this.timer);
    await this.running;
  }

  /** Processes jobs until none is left; a wake-up during a run makes it look again. */
  wake(): void {
    if (this.stopped) {
      return;
    }
    if (this.running) {
      this.wokenWhileRunning = true;
      return;
    }

    this.running = this.drain().finally(() => {
      this.running = undefined;
    });
  }

  private async drain(): Promise<void> {
    do {
      this.wokenWhileRunning = false;
      try {
        while (!this.stopped && (await this.runBatch())) {
          // Lets requests waiting for a database connection take it before the next batch.
          await new Promise((resolve) => setImmediate(resolve));
        }
      } catch (error) {
        await this.recordFailure(error);
        return;
      }
    } while (this.wokenWhileRunning && !this.stopped);
  }

  /** Runs one batch of the oldest running job; returns false when no job is left. */
  private async runBatch(): Promise<boolean> {
    await this.waitBeforeFirstBatch();
    const em = this.orm.em.fork();

    return em.transactional(async (tx) => {
      const rows = await tx.execute<Record<string, unknown>[]>(
        `select * from scim_resync_jobs where status = 'RUNNING'
          order by created_at limit 1 for update skip locked`,
      );
      if (!rows[0]) {
        return false;
      }

      const job = tx.map(ScimResyncJob, rows[0]);
      this.currentJob = { organizationId: job.organizationId, id: job.id };
      await this.advance(tx as EntityManager, job);
      await tx.flush();
      this.failures.delete(job.id);
      this.currentJob = undefined;
      return true;
    });
  }

  private async advance(tx: EntityManager, job: ScimResyncJob): Promise<void> {
    const now = this.deps.now();
    const plan = await loadSyncPlan(tx, job.organizationId, () =>
      this.registries.forOrganization(job.organizationId, tx),
    );
    job.updatedAt = now;

    if (!plan || plan.applicationId !== job.applicationId) {
      this.finish(job, 'CANCELLED', now, 'the target application changed');
      return;
    }

    const subjects = await loadSubjects(
      tx,
      job.organizationId,
      { afterId: job.lastUserId, limit: this.options.batchSize },
      this.deps.config.publicUrl,
    );
    if (subjects.length === 0) {
      this.finish(job, 'COMPLETED', now, null);
      return;
    }

    const warnings: ProvisioningWarning[] = [];
    job.warnings += await syncRecords(tx, plan, subjects, now, warnings);
    job.processed += subjects.length;
    job.lastUserId = subjects[subjects.length - 1].userId;
  }

  /**
   * Before the first batch of a job, lets the writes that were in flight when it was created
   * commit, because some of them skipped the record sync. The wait runs outside any
   * transaction and holds no lock, so other runners and settings changes do not wait for it.
   */
  private async waitBeforeFirstBatch(): Promise<void> {
    const em = this.orm.em.fork();
    const rows = await em.execute<{ organization_id: string; id: string }[]>(
      `select organization_id, id from scim_resync_jobs
        where status = 'RUNNING' and processed = 0 and last_user_id is null
        order by created_at limit 1`,
    );
    const job = rows[0];
    if (!job || this.waitedFor.has(job.id)) {
      return;
    }

    const maxWaitMs = 2 * this.deps.config.requestTimeoutMs;
    if (!(await waitForWritesInFlight(em, maxWaitMs))) {
      this.deps.logger.warn(
        { organizationId: job.organization_id, jobId: job.id, maxWaitMs },
        'resync starts while transactions that began before it are still writing',
      );
    }
    this.waitedFor.add(job.id);
  }

  /**
   * Logs a failed batch and stores its error on the job; the batch is retried at the next
   * poll, and after MAX_BATCH_FAILURES consecutive failures the job is marked FAILED.
   */
  private async recordFailure(error: unknown): Promise<void> {
    const job = this.currentJob;
    this.currentJob = undefined;
    const count = job ? (this.failures.get(job.id) ?? 0) + 1 : 0;
    const failed = count >= MAX_BATCH_FAILURES;
    this.deps.logger.error(
      { err: error, organizationId: job?.organizationId, jobId: job?.id, failures: count },
      failed ? 'resync batch failed; the job is marked FAILED' : 'resync batch failed; retrying',
    );
    if (!job) {
      return;
    }

    this.failures.set(job.id, count);
    const now = this.deps.now();
    try {
      await this.orm.em.fork().execute(
        `update scim_resync_jobs set last_error = ?, updated_at = ?,
            status = ?, finished_at = ?
          where organization_id = ? and id = ? and status = 'RUNNING'`,
        [
          `${count} consecutive batches failed; the server log has the details`,
          now,
          failed ? 'FAILED' : 'RUNNING',
          failed ? now : null,
          job.organizationId,
          job.id,
        ],
      );
    } catch (updateError) {
      this.deps.logger.error(
        { err: updateError, organizationId: job.organizationId, jobId: job.id },
        'could not store the resync failure',
      );
    }
    if (failed) {
      this.failures.delete(job.id);
    }
  }

  private finish(
    job: ScimResyncJob,
    status: 'COMPLETED' | 'CANCELLED',
    now: Date,
    reason: string | null,
  ): void {
    job.status = status;
    job.finishedAt = now;
    job.lastError = reason;
    this.deps.logger.info(
      {
        organizationId: job.organizationId,
        jobId: job.id,
        status,
        processed: job.processed,
        warnings: job.warnings,
      },
      'resync finished',
    );
  }
}
