import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { createInterface } from 'node:readline';

const SERVER_SCRIPT = path.resolve(__dirname, '../../dist/src/db/embedded-server.js');

/** An embedded database served by a child process (see `src/db/embedded-server.ts`). */
export interface EmbeddedProcess {
  url: string;
  /** Closes the child's input, waits for it to exit (after its dump, if any). */
  stop(): Promise<void>;
  /** Sends SIGKILL, as a crash would, and waits for the child to exit. */
  kill(): Promise<void>;
}

/** Starts `embedded-server.js` from the build with `args` and waits for its URL. */
export async function startEmbeddedProcess(args: string[]): Promise<EmbeddedProcess> {
  const child: ChildProcess = spawn(process.execPath, [SERVER_SCRIPT, ...args], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));

  const url = await new Promise<string>((resolve, reject) => {
    const lines = createInterface({ input: child.stdout! });
    lines.once('line', (line) => resolve(JSON.parse(line).url));
    child.once('exit', (code) => reject(new Error(`embedded database exited with ${code}`)));
  });

  return {
    url,
    stop: async () => {
      child.stdin!.end();
      await exited;
    },
    kill: async () => {
      child.kill('SIGKILL');
      await exited;
    },
  };
}
