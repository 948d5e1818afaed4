import { execFileSync } from 'node:child_process';
import { chownSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';

/** A PostgreSQL cluster that the test created in a temporary folder and may stop at will. */
export interface OwnPostgres {
  /** URL of the `postgres` database, with trust authentication. */
  url: string;
  /** Stops the server; `fast` rolls back open transactions, `immediate` is a crash. */
  stop(mode: 'fast' | 'immediate'): void;
  start(): void;
  /** Stops the server if it runs and deletes its folder. */
  destroy(): void;
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/**
 * Runs a PostgreSQL program from `binDir`. PostgreSQL refuses to run as root, so as root the
 * program runs as the `postgres` operating-system user.
 */
function runProgram(binDir: string, program: string, args: string[]): void {
  const command = path.join(binDir, program);
  const isRoot = process.getuid?.() === 0;

  execFileSync(
    isRoot ? 'runuser' : command,
    isRoot ? ['-u', 'postgres', '--', command, ...args] : args,
    {
      stdio: ['ignore', 'ignore', 'pipe'],
    },
  );
}

/**
 * Creates a cluster with `initdb` in a new folder under the system's temporary folder and
 * starts it on a free loopback port. `binDir` is a folder such as /usr/lib/postgresql/15/bin.
 */
export async function startOwnPostgres(binDir: string): Promise<OwnPostgres> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'roster-own-pg-'));
  const isRoot = process.getuid?.() === 0;
  if (isRoot) {
    const uid = Number(execFileSync('id', ['-u', 'postgres']).toString().trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres']).toString().trim());
    chownSync(dataDir, uid, gid);
  }

  const port = await freePort();
  const cluster = path.join(dataDir, 'cluster');
  runProgram(binDir, 'initdb', ['-D', cluster, '-A', 'trust', '-U', 'postgres', '--no-sync']);

  // fsync=off saves time. An immediate stop still keeps every write that reached the kernel,
  // so it models a crash of PostgreSQL, though not of the machine.
  const options = `-p ${port} -k ${dataDir} -c listen_addresses=127.0.0.1 -c fsync=off`;
  const start = () =>
    runProgram(binDir, 'pg_ctl', [
      '-D',
      cluster,
      '-o',
      options,
      '-l',
      `${dataDir}/log`,
      '-w',
      'start',
    ]);
  const stop = (mode: 'fast' | 'immediate') =>
    runProgram(binDir, 'pg_ctl', ['-D', cluster, '-m', mode, '-w', 'stop']);

  start();
  let running = true;

  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    stop: (mode) => {
      stop(mode);
      running = false;
    },
    start: () => {
      start();
      running = true;
    },
    destroy: () => {
      if (running) {
        stop('immediate');
        running = false;
      }
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
