import { createConnection, createServer, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';

/**
 * A TCP proxy on 127.0.0.1 between Roster and its database, so that a test can cut the
 * database off and bring it back without touching the database itself.
 */
export interface TcpProxy {
  /** `databaseUrl` with host and port replaced by the proxy's. */
  urlFor(databaseUrl: string): string;
  /** Destroys every open connection and resets new ones until `restore()`. */
  cut(): void;
  /**
   * Destroys every open connection and accepts new ones without forwarding or replying, as
   * an unreachable host whose packets are dropped, until `restore()`.
   */
  blackhole(): void;
  /**
   * Forwards new connections again, to `target` when given (`host:port`). Connections held
   * by `blackhole()` are destroyed.
   */
  restore(target?: string): void;
  /**
   * Destroys the connection whose client sends `pattern` (such as a SQL statement), before
   * forwarding it, and only that connection. The rule applies once, then is removed.
   */
  cutWhenClientSends(pattern: string): Promise<void>;
  /** Forwards `pattern` once, then destroys that connection before the reply arrives. */
  cutAfterClientSends(pattern: string): Promise<void>;
  close(): Promise<void>;
}

interface CutRule {
  pattern: string;
  forwardFirst: boolean;
  matched: () => void;
}

/** Bytes kept from earlier chunks, so that a pattern split across two chunks is found. */
const OVERLAP = 256;

/** Starts a proxy to `target` (`host:port`, the form of a database URL's host part). */
export async function startTcpProxy(target: string): Promise<TcpProxy> {
  let upstream = new URL(`tcp://${target}`);
  let mode: 'forward' | 'reset' | 'silent' = 'forward';
  const sockets = new Set<Socket>();
  const rules: CutRule[] = [];

  const server: Server = createServer((client) => {
    sockets.add(client);
    client.on('close', () => sockets.delete(client));
    client.on('error', () => client.destroy());

    if (mode === 'reset') {
      client.resetAndDestroy();
      return;
    }
    if (mode === 'silent') {
      return;
    }

    const database = createConnection({
      host: upstream.hostname,
      port: Number(upstream.port),
    });
    sockets.add(database);
    database.on('close', () => {
      sockets.delete(database);
      client.destroy();
    });
    database.on('error', () => database.destroy());
    client.on('close', () => database.destroy());

    let tail = '';
    client.on('data', (chunk: Buffer) => {
      const text = chunk.toString('latin1');
      const window = tail + text;
      tail = window.slice(-OVERLAP);
      // Only a match that ends in this chunk counts, never one in data already forwarded.
      const rule = rules.find((candidate) => {
        const at = window.lastIndexOf(candidate.pattern);
        return at >= 0 && at + candidate.pattern.length > window.length - text.length;
      });

      if (!rule) {
        database.write(chunk);
        return;
      }

      rules.splice(rules.indexOf(rule), 1);
      client.resetAndDestroy();

      if (rule.forwardFirst) {
        // Half-closing after the data lets the database run the statement; its reply is lost.
        database.removeAllListeners('data');
        database.end(chunk);
      } else {
        database.destroy();
      }
      rule.matched();
    });
    database.on('data', (chunk: Buffer) => client.write(chunk));
  });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  const destroyAll = () => {
    for (const socket of sockets) {
      socket.destroy();
    }
  };

  const addRule = (pattern: string, forwardFirst: boolean) =>
    new Promise<void>((resolve) => rules.push({ pattern, forwardFirst, matched: resolve }));

  return {
    urlFor: (databaseUrl) => {
      const url = new URL(databaseUrl);
      url.hostname = '127.0.0.1';
      url.port = String(port);
      return url.toString();
    },
    cut: () => {
      mode = 'reset';
      destroyAll();
    },
    blackhole: () => {
      mode = 'silent';
      destroyAll();
    },
    restore: (newTarget) => {
      if (newTarget) {
        upstream = new URL(`tcp://${newTarget}`);
      }
      if (mode === 'silent') {
        destroyAll();
      }
      mode = 'forward';
    },
    cutWhenClientSends: (pattern) => addRule(pattern, false),
    cutAfterClientSends: (pattern) => addRule(pattern, true),
    close: async () => {
      for (const socket of sockets) {
        socket.destroy();
      }
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
