import type { EntityManager, EntityName, FilterQuery } from '@mikro-orm/postgresql';

import { DomainError } from './errors';
import { isUuid } from './ids';

export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;

/** A request for the page after `after` (the `endCursor` of the previous page). */
export interface PageRequest {
  first?: number | null;
  after?: string | null;
}

export interface Edge<T> {
  cursor: string;
  node: T;
}

/** One page of a list, newest first, in the shape of a GraphQL cursor connection. */
export interface Page<T> {
  edges: Edge<T>[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}

/** Encodes a row's sort key as an opaque cursor. */
export function encodeCursor(time: Date, id: string): string {
  return Buffer.from(JSON.stringify([time.toISOString(), id]), 'utf8').toString('base64url');
}

/** Decodes a cursor made by `encodeCursor`, raising BAD_USER_INPUT on field `after` if invalid. */
export function decodeCursor(cursor: string): { time: Date; id: string } {
  const invalid = () =>
    DomainError.invalid(
      `invalid cursor '${cursor.slice(0, 100)}'; pass the endCursor of a previous page`,
      { field: 'after' },
    );

  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw invalid();
  }

  if (!Array.isArray(parsed) || parsed.length !== 2) {
    throw invalid();
  }
  const [iso, id] = parsed as unknown[];
  const time = typeof iso === 'string' ? new Date(iso) : undefined;

  if (!time || Number.isNaN(time.getTime()) || typeof id !== 'string' || !isUuid(id)) {
    throw invalid();
  }

  return { time, id };
}

/**
 * Finds one page of `entity` rows matching `where`, newest first by `timeField` then by id.
 * Keyset paging: the cursor contains the last row's sort key, so a page costs one indexed range
 * scan however deep it is, and rows inserted meanwhile never shift later pages.
 */
export async function findPage<T extends { id: string }>(
  em: EntityManager,
  entity: EntityName<T>,
  where: FilterQuery<T>,
  request: PageRequest,
  timeField: keyof T & string,
): Promise<Page<T>> {
  const first = request.first ?? DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(first) || first < 1 || first > MAX_PAGE_SIZE) {
    throw DomainError.invalid(`first must be between 1 and ${MAX_PAGE_SIZE}, got ${first}`, {
      field: 'first',
    });
  }

  let condition = where;
  if (request.after) {
    const { time, id } = decodeCursor(request.after);
    const before = {
      $or: [{ [timeField]: { $lt: time } }, { [timeField]: time, id: { $lt: id } }],
    };
    condition = { $and: [where, before] } as FilterQuery<T>;
  }

  const rows = await em.find(entity, condition, {
    orderBy: { [timeField]: 'desc', id: 'desc' } as never,
    limit: first + 1,
  });
  const hasNextPage = rows.length > first;
  const edges = rows.slice(0, first).map((node) => ({
    cursor: encodeCursor(node[timeField] as Date, node.id),
    node,
  }));

  return {
    edges,
    pageInfo: { hasNextPage, endCursor: edges.at(-1)?.cursor ?? null },
  };
}

/** Maps the nodes of a page, keeping cursors and page info. */
export function mapPage<T, U>(page: Page<T>, map: (node: T) => U): Page<U> {
  return {
    edges: page.edges.map((edge) => ({ cursor: edge.cursor, node: map(edge.node) })),
    pageInfo: page.pageInfo,
  };
}
