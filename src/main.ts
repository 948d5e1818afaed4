import 'reflect-metadata';

import { createServer, type RequestListener, type Server } from 'node:http';

import { createApp } from './app';
import { ConfigError, loadConfig, withBoundPort } from './config';
import { DatabaseStartError, openDatabase } from './db/database';
import { bootstrapIfEmpty, type BootstrapResult } from './domain/bootstrap.service';
import { createLogger, type Logger } from './logger';

/** Thrown when the server cannot bind its address; the message is for the operator. */
class ListenError extends Error {}

async function listen(server: Server, port: number, host: string): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EADDRINUSE') {
        reject(new ListenError(`port ${port} on ${host} is in use; stop that process or set PORT`));
        return;
      }
      if (error.code === 'EACCES') {
        reject(new ListenError(`no permission to listen on port ${port}; set PORT above 1023`));
        return;
      }
      reject(error);
    });
    server.listen(port, host, resolve);
  });
}

/** Stops accepting connections and waits for in-flight requests, up to `timeoutMs`. */
function closeServer(server: Server, timeoutMs: number): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      server.closeAllConnections();
      resolve();
    }, timeoutMs);
    timer.unref();

    // Keep-alive clients would otherwise go on sending requests on their open connections
    // until the timeout; each response from now on closes its connection.
    server.on('request', (_request, response) => response.setHeader('Connection', 'close'));
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

  // The server listens first, so that a port in use stops Roster before it touches the
  // database, and PORT=0 can give the default PUBLIC_URL the port actually bound. Until the
  // app is ready, requests get 503.
  let handle: RequestListener | undefined;
  const server = createServer((request, response) => {
    if (handle) {
      handle(request, response);
      return;
    }
    response.writeHead(503, { 'Retry-After': '1' }).end();
  });
  server.keepAliveTimeout = 65_000;

  await listen(server, config.port, config.host);
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const runConfig = withBoundPort(config, port);

  const database = await openDatabase(config, logger);
  logger.info({ database: database.location, kind: database.kind }, 'database ready');

  const now = () => new Date();
  const setup = await bootstrapIfEmpty(database.orm.em.fork(), { config, logger, now });
  if (setup) {
    reportFirstStart(setup, logger);
  }

  const app = await createApp({ config: runConfig, logger, orm: database.orm });
  handle = app.koa.callback();

  // Installed before the line below announces the server, so a SIGTERM sent as soon as it
  // appears is handled instead of killing the process with the database open.
  installShutdown(logger, config.shutdownTimeoutMs, async () => {
    await closeServer(server, config.shutdownTimeoutMs - 1000);
    await app.stop();
    await database.close();
  });

  logger.info(
    {
      url: `http://${config.host}:${port}`,
      publicUrl: runConfig.publicUrl,
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
  if (
    error instanceof ConfigError ||
    error instanceof DatabaseStartError ||
    error instanceof ListenError
  ) {
    process.stderr.write(`roster: ${error.message}\n`);
  } else {
    process.stderr.write(`roster: start-up failed: ${(error as Error)?.stack ?? String(error)}\n`);
  }
  process.exit(1);
});
