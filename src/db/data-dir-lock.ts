import { mkdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** Name of the lock file inside the embedded database's data folder. */
export const LOCK_FILE = 'roster.lock';

interface LockContent {
  pid: number;
  owner: string;
  startedAt: string;
}

/** Raised when another running process has locked the data folder. */
export class DataDirLockedError extends Error {
  override name = 'DataDirLockedError';
}

export interface DataDirLock {
  release(): void;
}

/**
 * Takes the data folder for this process by creating `roster.lock` in it, since PGlite
 * corrupts a folder that two processes open at once. A lock left by a process that no longer
 * runs (after a crash) is taken over. Raises DataDirLockedError naming the holder otherwise.
 *
 * NOTE: whether the holder still runs is judged by its process id on this machine. A folder
 * shared over a network file system, or a process id reused by another program, defeats it.
 */
export function lockDataDir(dataDir: string, owner: string): DataDirLock {
  mkdirSync(dataDir, { recursive: true });
  const file = path.join(dataDir, LOCK_FILE);
  const content: LockContent = { pid: process.pid, owner, startedAt: new Date().toISOString() };

  for (let attempt = 0; attempt < 2; attempt += 1) {
    try {
      writeFileSync(file, `${JSON.stringify(content)}\n`, { flag: 'wx' });
      return { release: () => releaseLock(file) };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') {
        throw error;
      }
    }

    const holder = readLock(file);
    if (holder && holder.pid !== process.pid && isRunning(holder.pid)) {
      throw new DataDirLockedError(
        `the embedded database in ${dataDir} is in use by ${holder.owner} ` +
          `(process ${holder.pid}, since ${holder.startedAt}); stop that process first, ` +
          'or set DATABASE_URL so that both use a PostgreSQL server',
      );
    }
    unlinkSync(file);
  }

  throw new DataDirLockedError(`could not lock ${dataDir}: ${file} keeps reappearing`);
}

function readLock(file: string): LockContent | undefined {
  try {
    const parsed = JSON.parse(readFileSync(file, 'utf8')) as Partial<LockContent>;
    return typeof parsed.pid === 'number'
      ? {
          pid: parsed.pid,
          owner: String(parsed.owner ?? 'another process'),
          startedAt: String(parsed.startedAt ?? 'an unknown time'),
        }
      : undefined;
  } catch {
    return undefined;
  }
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function releaseLock(file: string): void {
  const holder = readLock(file);
  if (holder?.pid === process.pid) {
    unlinkSync(file);
  }
}
