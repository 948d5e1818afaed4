import { DomainError } from '../errors';

/** How long a new token lasts: a fixed period, until an explicit date, or for ever. */
export type TokenExpiration =
  'DAYS_30' | 'DAYS_60' | 'DAYS_90' | 'DAYS_180' | 'DAYS_365' | 'DATE' | 'NEVER';

const DAY_MS = 24 * 3600 * 1000;

/** Maximum lifetime in days of an expiring token; an explicit date may not lie further ahead. */
export const MAX_TOKEN_LIFETIME_DAYS = 365;

/** Days of each fixed period. */
export const TOKEN_PERIOD_DAYS = {
  DAYS_30: 30,
  DAYS_60: 60,
  DAYS_90: 90,
  DAYS_180: 180,
  DAYS_365: 365,
} as const;

/**
 * Computes a token's expiry from the chosen expiration, or null for NEVER. With DATE,
 * `expiresAt` is required, must be in the future and at most 365 days ahead; with any other
 * choice it must be absent. Raises BAD_USER_INPUT naming `expiresAt` otherwise.
 */
export function resolveTokenExpiry(
  expiration: TokenExpiration,
  expiresAt: Date | null | undefined,
  now: Date,
): Date | null {
  if (expiration !== 'DATE' && expiresAt) {
    throw DomainError.invalid(`expiresAt is allowed only with expiration DATE, not ${expiration}`, {
      field: 'expiresAt',
    });
  }

  switch (expiration) {
    case 'DAYS_30':
    case 'DAYS_60':
    case 'DAYS_90':
    case 'DAYS_180':
    case 'DAYS_365':
      return new Date(now.getTime() + TOKEN_PERIOD_DAYS[expiration] * DAY_MS);
    case 'NEVER':
      return null;
    case 'DATE':
      return checkExplicitDate(expiresAt, now);
    default: {
      const unknown: never = expiration;
      throw DomainError.invalid(`unknown expiration '${String(unknown)}'`, { field: 'expiration' });
    }
  }
}

function checkExplicitDate(expiresAt: Date | null | undefined, now: Date): Date {
  if (!expiresAt) {
    throw DomainError.invalid('expiresAt is required with expiration DATE', {
      field: 'expiresAt',
    });
  }
  if (expiresAt.getTime() <= now.getTime()) {
    throw DomainError.invalid(`expiresAt ${expiresAt.toISOString()} is not in the future`, {
      field: 'expiresAt',
    });
  }

  const latest = new Date(now.getTime() + MAX_TOKEN_LIFETIME_DAYS * DAY_MS);
  if (expiresAt.getTime() > latest.getTime()) {
    throw DomainError.invalid(
      `expiresAt ${expiresAt.toISOString()} is more than ${MAX_TOKEN_LIFETIME_DAYS} days ahead; ` +
        'choose an earlier date, or NEVER if the organization allows it',
      { field: 'expiresAt' },
    );
  }

  return expiresAt;
}
