import type { EntityManager } from '@mikro-orm/postgresql';

import type { Config } from '../../config';
import {
  parseAttributePath,
  parseFilter,
  ScimSyntaxError,
  type ParseOptions,
} from '../../scim/filter';
import { DomainError } from '../errors';
import { invalidFilter } from './compare';
import { compileFilter } from './filter-compiler';
import { TRUE_SQL, type SqlFragment } from './sql-fragment';
import type { FilterTargets } from './targets';

export type SortOrder = 'ascending' | 'descending';

/** A SCIM list request (RFC 7644 §3.4.2): filter, sorting and 1-based paging. */
export interface ListQuery {
  filter?: string | null;
  sortBy?: string | null;
  sortOrder?: SortOrder | null;
  /** 1-based; values below 1 mean 1 (RFC 7644 §3.4.2.4). */
  startIndex?: number | null;
  /** Page size; values below 0 mean 0, which returns only the total. */
  count?: number | null;
}

export interface ListPage<T> {
  totalResults: number;
  startIndex: number;
  resources: T[];
}

/** The configured limits that a list query enforces. */
export type ListLimits = Pick<
  Config,
  'scimMaxResults' | 'scimFilterMaxLength' | 'scimFilterMaxDepth'
>;

export interface ListTable<T> {
  table: string;
  targets: FilterTargets;
  /** Select list, such as `u.*`. */
  columns: string;
  mapRow(row: Record<string, unknown>): T;
}

/**
 * Runs a list query in SQL: the filter compiles to a condition, sorting and paging happen in
 * the database, ties are broken by id so that pages never overlap or skip.
 */
export async function runListQuery<T>(
  em: EntityManager,
  source: ListTable<T>,
  organizationId: string,
  query: ListQuery,
  limits: ListLimits,
): Promise<ListPage<T>> {
  const { alias } = source.targets;
  const maxResults = limits.scimMaxResults;
  const where = query.filter
    ? compileFilterText(query.filter, source.targets, filterParseOptions(limits))
    : TRUE_SQL;
  const order = orderBy(query, source.targets);
  const startIndex = Math.max(1, Math.floor(query.startIndex ?? 1));
  const count = Math.min(Math.max(0, Math.floor(query.count ?? maxResults)), maxResults);

  const condition = `${alias}.organization_id = ? and ${where.sql}`;
  const params = [organizationId, ...where.params];

  const rows =
    count === 0
      ? []
      : await em.execute<Record<string, unknown>[]>(
          `select ${source.columns} from ${source.table} ${alias} where ${condition}
            order by ${order.sql} limit ? offset ?`,
          [...params, ...order.params, count, startIndex - 1],
        );

  const totalResults =
    startIndex === 1 && rows.length < count
      ? rows.length
      : (
          await em.execute<{ total: number }[]>(
            `select count(*)::int as total from ${source.table} ${alias} where ${condition}`,
            params,
          )
        )[0].total;

  return {
    totalResults,
    startIndex,
    resources: rows.map((row) => source.mapRow(row)),
  };
}

/** Returns the filter length and depth limits, named after the variables that set them. */
function filterParseOptions(limits: ListLimits): ParseOptions {
  return {
    maxLength: limits.scimFilterMaxLength,
    maxDepth: limits.scimFilterMaxDepth,
    limitNames: { maxLength: 'SCIM_FILTER_MAX_LENGTH', maxDepth: 'SCIM_FILTER_MAX_DEPTH' },
  };
}

/** Parses and compiles a filter; syntax errors become 400 `invalidFilter`. */
export function compileFilterText(
  text: string,
  targets: FilterTargets,
  options?: ParseOptions,
): SqlFragment {
  try {
    return compileFilter(parseFilter(text, options), targets);
  } catch (error) {
    if (error instanceof ScimSyntaxError) {
      throw invalidFilter(`invalid filter: ${error.message}`);
    }
    throw error;
  }
}

function orderBy(query: ListQuery, targets: FilterTargets): SqlFragment {
  const direction = query.sortOrder === 'descending' ? 'desc' : 'asc';
  const tieBreak = `${targets.alias}.id ${direction}`;

  if (!query.sortBy) {
    return { sql: `${targets.alias}.id asc`, params: [] };
  }

  let path;
  try {
    path = parseAttributePath(query.sortBy);
  } catch (error) {
    if (error instanceof ScimSyntaxError) {
      throw invalidSort(`invalid sortBy: ${error.message}`);
    }
    throw error;
  }

  let target;
  try {
    target = targets.resolve(path);
  } catch (error) {
    if (error instanceof DomainError && error.details.scimType === 'invalidFilter') {
      throw invalidSort(`sortBy '${query.sortBy}' cannot be used: ${error.message}`);
    }
    throw error;
  }

  // PostgreSQL orders missing values last when ascending and first when descending, as
  // RFC 7644 §3.4.2.3 requires.
  if (target.kind === 'scalar') {
    const { expression } = target;
    const isText = ['string', 'reference'].includes(expression.type) && !expression.caseExact;
    const sql = isText ? `lower(${expression.sql})` : expression.sql;
    return { sql: `${sql} ${direction}, ${tieBreak}`, params: expression.params };
  }

  if (target.kind === 'elements' && !target.source.correlation) {
    const sub = target.subAttribute ?? target.source.defaultSubAttribute;
    const expression = target.source.subAttribute(sub);
    const primary = target.source.subAttribute('primary');
    if (expression) {
      // RFC 7644 §3.4.2.3: a multi-valued attribute sorts by its primary value, else its first.
      const first = `(select lower(${expression.sql}::text) from ${target.source.from}
        order by ${primary ? `${primary.sql} desc nulls last` : '1'} limit 1)`;
      return {
        sql: `${first} ${direction}, ${tieBreak}`,
        params: [...target.source.params, ...expression.params],
      };
    }
  }

  throw invalidSort(`cannot sort by '${query.sortBy}'; sort by a single-valued attribute`);
}

function invalidSort(message: string): DomainError {
  return new DomainError('BAD_USER_INPUT', message, { scimType: 'invalidValue', field: 'sortBy' });
}
