import { readFileSync, writeFileSync } from 'node:fs';

import 'reflect-metadata';

import { connectAndMigrate } from './database';
import { startEmbeddedDatabase } from './embedded-database';

/**
 * Serves an embedded database in its own process and prints `{"url": …}` on one line once it
 * accepts connections. It stops when its standard input closes or on SIGTERM, first writing
 * a dump of the whole database when `--dump-on-exit` names a file. With `--migrate` it applies
 * Roster's migrations before printing the URL. Tests use it because PGlite cannot load inside
 * Jest's module sandbox.
 *
 * Usage: node dist/src/db/embedded-server.js [--load DUMP.tar] [--data-dir DIR] [--migrate]
 *          [--dump-on-exit DUMP.tar]
 */
async function serve(argv: string[]): Promise<void> {
  const loadPath = valueAfter(argv, '--load');
  const dataDir = valueAfter(argv, '--data-dir');
  const dumpPath = valueAfter(argv, '--dump-on-exit');

  const database = await startEmbeddedDatabase({
    dataDir,
    loadDump: loadPath ? new Blob([readFileSync(loadPath)]) : undefined,
  });

  if (argv.includes('--migrate')) {
    const orm = await connectAndMigrate(database.url, 1, 'embedded database');
    await orm.close(true);
  }

  process.stdout.write(`${JSON.stringify({ url: database.url })}\n`);

  const stop = () => {
    const dumped = dumpPath
      ? database.dump().then(async (dump) => {
          writeFileSync(dumpPath, Buffer.from(await dump.arrayBuffer()));
        })
      : Promise.resolve();

    dumped
      .then(() => database.stop())
      .then(
        () => process.exit(0),
        () => process.exit(1),
      );
  };
  process.stdin.on('end', stop);
  process.stdin.resume();
  process.on('SIGTERM', stop);
}

function valueAfter(argv: string[], flag: string): string | undefined {
  const index = argv.indexOf(flag);
  return index >= 0 ? argv[index + 1] : undefined;
}

serve(process.argv.slice(2)).catch((error: unknown) => {
  process.stderr.write(`embedded database failed: ${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
