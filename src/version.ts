import { readFileSync } from 'node:fs';
import path from 'node:path';

/**
 * Roster's version from its package.json, found by walking up from this file so that the
 * sources (`src/`) and the build (`dist/src/`) read the same file.
 */
function readVersion(): string {
  let dir = __dirname;

  for (;;) {
    try {
      const pkg = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8'));
      if (pkg.name === 'roster') {
        return String(pkg.version);
      }
    } catch {
      // No package.json at this level: keep walking up.
    }

    const parent = path.dirname(dir);
    if (parent === dir) {
      return 'unknown';
    }
    dir = parent;
  }
}

export const VERSION = readVersion();
