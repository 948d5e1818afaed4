import { randomBytes } from 'node:crypto';

import { hash, verify } from '@node-rs/argon2';

import { DomainError } from '../errors';

export const MIN_PASSWORD_LENGTH = 12;
export const MAX_PASSWORD_LENGTH = 256;

/**
 * Hashes a password with argon2id, the default algorithm of `@node-rs/argon2` 2.x (19 MiB,
 * 2 passes, 1 lane: OWASP's minimum recommendation for argon2id).
 */
export function hashPassword(password: string): Promise<string> {
  return hash(password);
}

let dummyHash: Promise<string> | undefined;

/**
 * Checks a password against a stored hash. Without a hash (unknown user, no password) it
 * still runs one verification, so response times do not reveal which accounts exist.
 */
export async function verifyPassword(
  storedHash: string | null | undefined,
  password: string,
): Promise<boolean> {
  if (!storedHash) {
    dummyHash ??= hash(randomBytes(16).toString('hex'));
    await verify(await dummyHash, password);
    return false;
  }

  return verify(storedHash, password);
}

/** Generates a one-time password: 144 random bits in base64url, 24 characters. */
export function generateOneTimePassword(): string {
  return randomBytes(18).toString('base64url');
}

/** Raises BAD_USER_INPUT on `field` unless `password` is acceptable as a new password. */
export function validateNewPassword(password: string, field: string): void {
  if (password.length < MIN_PASSWORD_LENGTH || password.length > MAX_PASSWORD_LENGTH) {
    throw DomainError.invalid(
      `the new password must have ${MIN_PASSWORD_LENGTH} to ${MAX_PASSWORD_LENGTH} characters, ` +
        `got ${password.length}`,
      { field },
    );
  }
  if (password.trim().length === 0) {
    throw DomainError.invalid('the new password must not be only spaces', { field });
  }
}
