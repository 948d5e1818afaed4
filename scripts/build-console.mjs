#!/usr/bin/env node
// Builds the admin console into dist/console: types the GraphQL operations from
// schema.graphql, type-checks the console, and bundles it with Vite. The build is skipped
// when a hash of its inputs matches the one stored by the last build, so `npm start` stays
// fast; `--force` builds anyway.

import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const outDir = path.join(root, 'dist', 'console');
const hashFile = path.join(outDir, '.build-hash');
const force = process.argv.includes('--force');

/** Lists the files under `folder`, skipping generated code, in a stable order. */
function listFiles(folder) {
  return readdirSync(folder, { withFileTypes: true })
    .filter((entry) => entry.name !== 'gql' && entry.name !== 'node_modules')
    .flatMap((entry) => {
      const full = path.join(folder, entry.name);
      return entry.isDirectory() ? listFiles(full) : [full];
    })
    .sort();
}

function hashInputs() {
  const inputs = [
    ...listFiles(path.join(root, 'console')),
    path.join(root, 'schema.graphql'),
    path.join(root, 'package-lock.json'),
  ];
  const hash = createHash('sha256');
  for (const file of inputs) {
    hash.update(path.relative(root, file)).update('\0').update(readFileSync(file)).update('\0');
  }

  return hash.digest('hex');
}

function run(command, args) {
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) {
    console.error(`build-console: "${command} ${args.join(' ')}" failed`);
    process.exit(result.status ?? 1);
  }
}

const hash = hashInputs();
const built = existsSync(hashFile) ? readFileSync(hashFile, 'utf8').trim() : undefined;

if (!force && built === hash && existsSync(path.join(outDir, 'index.html'))) {
  console.log('build-console: dist/console is current');
  process.exit(0);
}

const bin = (name) => path.join(root, 'node_modules', '.bin', name);
run(bin('graphql-codegen'), ['--config', 'console/codegen.yml', '--silent']);
run(bin('tsc'), ['-p', 'console']);
run(bin('vite'), ['build', '--config', 'console/vite.config.mts', '--logLevel', 'warn']);

writeFileSync(hashFile, `${hash}\n`);
console.log('build-console: built dist/console');
