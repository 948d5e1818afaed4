import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { DataDirLockedError, LOCK_FILE, lockDataDir } from '../../src/db/data-dir-lock';

describe('lockDataDir', () => {
  let dataDir: string;

  beforeEach(() => {
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'roster-lock-'));
  });

  afterEach(() => {
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('writes the lock file and removes it on release', () => {
    const lock = lockDataDir(dataDir, 'the test');
    const content = JSON.parse(readFileSync(path.join(dataDir, LOCK_FILE), 'utf8'));

    lock.release();

    expect(content).toMatchObject({ pid: process.pid, owner: 'the test' });
    expect(existsSync(path.join(dataDir, LOCK_FILE))).toBe(false);
  });

  it('refuses a folder that a running process holds', () => {
    // The parent of this process is alive for the whole test.
    const holder = {
      pid: process.ppid,
      owner: 'the Roster server',
      startedAt: '2026-01-01T00:00:00Z',
    };
    writeFileSync(path.join(dataDir, LOCK_FILE), JSON.stringify(holder));

    expect(() => lockDataDir(dataDir, 'the test')).toThrow(
      new DataDirLockedError(
        `the embedded database in ${dataDir} is in use by the Roster server (process ${process.ppid}, ` +
          'since 2026-01-01T00:00:00Z); stop that process first, or set DATABASE_URL so that both ' +
          'use a PostgreSQL server',
      ),
    );
  });

  it('takes over a lock left by a process that has exited', () => {
    const exited = spawnSync(process.execPath, ['-e', 'process.pid']).pid;
    writeFileSync(
      path.join(dataDir, LOCK_FILE),
      JSON.stringify({ pid: exited, owner: 'a crashed server', startedAt: 'yesterday' }),
    );

    const lock = lockDataDir(dataDir, 'the test');
    const content = JSON.parse(readFileSync(path.join(dataDir, LOCK_FILE), 'utf8'));
    lock.release();

    expect(content.pid).toBe(process.pid);
  });
});
