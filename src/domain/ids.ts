import { v7 as uuidv7 } from 'uuid';

/**
 * Generates a new resource id: a UUIDv7, whose time-ordered prefix keeps primary-key inserts
 * local in the index and makes ordering by id follow creation order.
 */
export function newId(): string {
  return uuidv7();
}

const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Whether `value` has the form of a UUID. Ids that do not can match no row, and PostgreSQL
 * raises an error when a uuid column is compared with them, so callers raise NOT_FOUND first.
 */
export function isUuid(value: string): boolean {
  return UUID_PATTERN.test(value);
}
