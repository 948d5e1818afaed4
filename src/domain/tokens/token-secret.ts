import { createHash, randomBytes } from 'node:crypto';

import type { TokenScope } from '../../entities/api-token.entity';

/** Characters of a secret kept for display, enough to tell tokens apart in a list. */
const DISPLAY_PREFIX_LENGTH = 16;

/**
 * Generates a token secret: a prefix naming Roster and the scope (so leaked secrets are easy to
 * recognize and scan for) followed by 256 random bits in base64url, 55 characters in all.
 */
export function generateTokenSecret(scope: TokenScope): string {
  const random = randomBytes(32).toString('base64url');
  return `roster_${scope.toLowerCase()}_${random}`;
}

/** Hex SHA-256 of a secret. Secrets carry 256 random bits, so a slow hash adds nothing. */
export function hashTokenSecret(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}

/** The first characters of a secret, stored and shown so that admins can recognize it. */
export function displayPrefixOf(secret: string): string {
  return secret.slice(0, Math.min(DISPLAY_PREFIX_LENGTH, Math.floor(secret.length / 3)));
}
