import type { TokenExpiration } from '../domain/tokens/token-expiration';
import { UsageError } from './usage';

const PERIODS: Record<string, TokenExpiration> = {
  '30d': 'DAYS_30',
  '60d': 'DAYS_60',
  '90d': 'DAYS_90',
  '180d': 'DAYS_180',
  '365d': 'DAYS_365',
  never: 'NEVER',
};

/**
 * Reads `--expires-in`: a period (30d, 60d, 90d, 180d, 365d), `never`, or a date such as
 * 2027-06-30 (midnight UTC) or a full ISO 8601 date-time.
 */
export function parseExpiresIn(value: string): { expiration: TokenExpiration; expiresAt?: Date } {
  const period = PERIODS[value.toLowerCase()];
  if (period) {
    return { expiration: period };
  }

  const date = /^\d{4}-\d{2}-\d{2}(T.+)?$/.test(value) ? new Date(value) : undefined;
  if (!date || Number.isNaN(date.getTime())) {
    throw new UsageError(
      `invalid --expires-in '${value}': use 30d, 60d, 90d, 180d, 365d, never or a date ` +
        'such as 2027-06-30',
    );
  }

  return { expiration: 'DATE', expiresAt: date };
}
