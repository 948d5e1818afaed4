import 'reflect-metadata';

import { createServer, type Server } from 'node:http';

import { createApp } from './app';
import { ConfigError, loadConfig } from './config';
import { DatabaseStartError, openDatabase } from './db/database';
import { bootstrapIfEmpty, type BootstrapResult } from './domain/bootstrap.service';
import { createLogger, type Logger } from './logger';

/** Stops accepting connections and waits for in-flight requests, up to `timeoutMs`. */
function closeServer(server: Server, timeoutMs: number): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      server.closeAllConnections();
      resolve();
    }, timeoutMs);
    timer.unref();

    server.close(() => {
      clearTimeout(timer);
      resolve();
    });
    server.closeIdleConnections();
  });
}

async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger(config.logLevel);

  const database = await openDatabase(config, logger);
  logger.info({ database: database.location, kind: database.kind }, 'database ready');

  const now = () => new Date();
  const setup = await bootstrapIfEmpty(database.orm.em.fork(), { config, logger, now });
  if (setup) {
    reportFirstStart(setup, logger);
  }

  const app = await createApp({ config, logger, orm: database.orm });
  const server = createServer(app.koa.callback());
  server.keepAliveTimeout = 65_000;

  installShutdown(logger, config.shutdownTimeoutMs, async () => {
    await closeServer(server, config.shutdownTimeoutMs - 1000);
    await app.stop();
    await database.close();
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, config.host, resolve);
  });

  // Installed before the line below announces the server, so a SIGTERM sent as soon as it
  // appears is handled instead of killing the process with the database open.
  installShutdown(logger, config.shutdownTimeoutMs, async () => {
    await closeServer(server, config.shutdownTimeoutMs - 1000);
    await app.stop();
    await database.close();
  });

  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  logger.info(
    {
      url: `http://${config.host}:${port}`,
      publicUrl: config.publicUrl,
      database: database.location,
    },
    'Roster is listening',
  );
}

/**
 * Tells the operator about the first start. The one-time password goes to standard output as
 * plain text, never into the structured log.
 */
function reportFirstStart(setup: BootstrapResult, logger: Logger): void {
  logger.info(
    { organizationId: setup.organizationId, adminUserId: setup.adminUserId },
    'first start: created organization "default" and its admin',
  );
  if (setup.scimTokenId) {
    logger.info(
      { organizationId: setup.organizationId, tokenId: setup.scimTokenId },
      'created the SCIM token given in ROSTER_BOOTSTRAP_SCIM_TOKEN',
    );
  }

  process.stdout.write(
    [
      '',
      `Roster created organization "default" with admin ${setup.adminEmail}.`,
      `One-time password: ${setup.oneTimePassword}`,
      'It is shown only now; sign in and change it.',
      '',
      '',
    ].join('\n'),
  );
}

/** Shuts down once on SIGTERM or SIGINT; a second signal, or the timeout, exits at once. */
function installShutdown(logger: Logger, timeoutMs: number, shutdown: () => Promise<void>): void {
  let stopping = false;

  const onSignal = (signal: NodeJS.Signals) => {
    if (stopping) {
      logger.warn({ signal }, 'second signal received, exiting now');
      process.exit(1);
    }
    stopping = true;
    logger.info({ signal }, 'shutting down');

    const deadline = setTimeout(() => {
      logger.error({ timeoutMs }, 'shutdown timed out, exiting');
      process.exit(1);
    }, timeoutMs);
    deadline.unref();

    shutdown().then(
      () => {
        logger.info('shutdown complete');
        process.exit(0);
      },
      (error: unknown) => {
        logger.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };

  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError || error instanceof DatabaseStartError) {
    process.stderr.write(`roster: ${error.message}\n`);
  } else {
    process.stderr.write(`roster: start-up failed: ${(error as Error)?.stack ?? String(error)}\n`);
  }
  process.exit(1);
});
