#!/usr/bin/env node
// Runs the console in development: the API server (built once from src/), graphql-codegen in
// watch mode, and Vite's dev server, which reloads the page on every change and forwards
// /graphql, /sso and /scim to the API server. Stop all three with Ctrl+C.

import { spawn, spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const apiPort = process.env.PORT ?? '3000';
const apiUrl = `http://127.0.0.1:${apiPort}`;
const bin = (name) => path.join(root, 'node_modules', '.bin', name);

const build = spawnSync('npm', ['run', '--silent', 'build'], { cwd: root, stdio: 'inherit' });
if (build.status !== 0) {
  process.exit(build.status ?? 1);
}

const children = [
  spawn(process.execPath, ['dist/src/main.js'], {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, PORT: apiPort },
  }),
  spawn(bin('graphql-codegen'), ['--config', 'console/codegen.yml', '--watch'], {
    cwd: root,
    stdio: 'inherit',
  }),
  spawn(bin('vite'), ['--config', 'console/vite.config.mts'], {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, ROSTER_DEV_API_URL: apiUrl },
  }),
];

let stopping = false;
const stopAll = (code) => {
  if (stopping) {
    return;
  }
  stopping = true;
  for (const child of children) {
    child.kill('SIGTERM');
  }
  process.exitCode = code;
};

for (const child of children) {
  child.on('exit', (code) => stopAll(code ?? 0));
}
process.on('SIGINT', () => stopAll(0));
process.on('SIGTERM', () => stopAll(0));
