import { createHash, randomBytes } from 'node:crypto';

/** Generates a session secret: 256 random bits in base64url, 43 characters. */
export function generateSessionSecret(): string {
  return randomBytes(32).toString('base64url');
}

/** Hex SHA-256 of a session secret; the secret has 256 random bits, so a slow hash adds nothing. */
export function hashSessionSecret(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}
