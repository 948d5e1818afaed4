import { v7 as uuidv7 } from 'uuid';

/**
 * Generates a new resource id: a UUIDv7, whose time-ordered prefix keeps primary-key inserts
 * local in the index and makes ordering by id follow creation order.
 */
export function newId(): string {
  return uuidv7();
}
