import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';

const MAIN_SCRIPT = path.resolve(__dirname, '../../dist/src/main.js');

/** A `node dist/src/main.js` process with its output collected. */
export interface RosterProcess {
  child: ChildProcess;
  stdout: () => string;
  stderr: () => string;
  /** Resolves with the exit code (or the signal name) once the process ends. */
  exited: Promise<number | string>;
  /** Resolves once a stdout line contains `text`; rejects if the process ends first. */
  waitForOutput(text: string, timeoutMs?: number): Promise<void>;
}

/** Starts Roster as `npm start` would after its build, with exactly the given environment. */
export function startRosterProcess(env: Record<string, string>): RosterProcess {
  const child = spawn(process.execPath, [MAIN_SCRIPT], {
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });

  let out = '';
  let err = '';
  child.stdout!.on('data', (chunk) => (out += chunk));
  child.stderr!.on('data', (chunk) => (err += chunk));

  const exited = new Promise<number | string>((resolve) => {
    child.once('exit', (code, signal) => resolve(code ?? signal ?? 'unknown'));
  });

  const waitForOutput = (text: string, timeoutMs = 30000) =>
    new Promise<void>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`no "${text}" within ${timeoutMs} ms`)),
        timeoutMs,
      );
      const check = () => {
        if (out.includes(text)) {
          clearTimeout(timer);
          child.stdout!.off('data', check);
          resolve();
        }
      };
      child.stdout!.on('data', check);
      exited.then(() => {
        clearTimeout(timer);
        reject(new Error(`process exited before printing "${text}": ${err}`));
      });
      check();
    });

  return { child, stdout: () => out, stderr: () => err, exited, waitForOutput };
}
