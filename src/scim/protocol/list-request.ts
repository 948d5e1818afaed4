import type { ParsedUrlQuery } from 'node:querystring';

import { isScimObject, SEARCH_REQUEST_SCHEMA } from '../schemas';
import { parseProjection, type Projection } from './projection';
import { ScimError } from './scim-error';

/** Query parameters of a list or search (RFC 7644 §3.4.2, §3.4.3). */
export interface ListRequest {
  filter?: string;
  sortBy?: string;
  sortOrder?: 'ascending' | 'descending';
  startIndex?: number;
  count?: number;
  projection: Projection;
}

function single(query: ParsedUrlQuery, name: string): string | undefined {
  const key = Object.keys(query).find(
    (candidate) => candidate.toLowerCase() === name.toLowerCase(),
  );
  const value = key ? query[key] : undefined;

  return Array.isArray(value) ? value[value.length - 1] : value;
}

/** Largest value of a GraphQL Int; larger paging values are clamped to it. */
const MAX_INT = 2 ** 31 - 1;

function integer(text: string | number | undefined, name: string): number | undefined {
  if (text === undefined || text === '') {
    return undefined;
  }

  const value = Number(text);
  if (!Number.isInteger(value)) {
    throw ScimError.badRequest('invalidValue', `${name} must be an integer, got '${text}'`);
  }

  return Math.max(-MAX_INT, Math.min(MAX_INT, value));
}

function sortOrder(text: string | undefined): ListRequest['sortOrder'] {
  if (text === undefined || text === '') {
    return undefined;
  }

  const lower = text.toLowerCase();
  if (lower !== 'ascending' && lower !== 'descending') {
    throw ScimError.badRequest(
      'invalidValue',
      `sortOrder must be ascending or descending, got '${text}'`,
    );
  }

  return lower;
}

/**
 * Reads list parameters from a GET query string. Parameter names ignore case; unknown ones
 * (such as Entra ID's `aadOptscim062020`) are ignored.
 */
export function listRequestFromQuery(query: ParsedUrlQuery): ListRequest {
  return {
    filter: single(query, 'filter') || undefined,
    sortBy: single(query, 'sortBy') || undefined,
    sortOrder: sortOrder(single(query, 'sortOrder')),
    startIndex: integer(single(query, 'startIndex'), 'startIndex'),
    count: integer(single(query, 'count'), 'count'),
    projection: parseProjection(single(query, 'attributes'), single(query, 'excludedAttributes')),
  };
}

/** Reads a SearchRequest body of `POST …/.search` (RFC 7644 §3.4.3). */
export function listRequestFromBody(body: unknown): ListRequest {
  if (!isScimObject(body)) {
    throw ScimError.badRequest('invalidSyntax', 'a search needs a SearchRequest object body');
  }

  const field = (name: string) => {
    const key = Object.keys(body).find(
      (candidate) => candidate.toLowerCase() === name.toLowerCase(),
    );
    return key ? body[key] : undefined;
  };
  const schemas = field('schemas');
  if (
    !Array.isArray(schemas) ||
    !schemas.some((urn) => String(urn).toLowerCase() === SEARCH_REQUEST_SCHEMA.toLowerCase())
  ) {
    throw ScimError.badRequest('invalidSyntax', `'schemas' must contain ${SEARCH_REQUEST_SCHEMA}`);
  }

  const text = (name: string) => {
    const value = field(name);
    if (value === undefined) {
      return undefined;
    }
    if (typeof value !== 'string') {
      throw ScimError.badRequest('invalidValue', `${name} must be a string`);
    }
    return value;
  };
  const list = (name: string) => {
    const value = field(name);
    if (value === undefined) {
      return undefined;
    }
    if (!Array.isArray(value) || value.some((item) => typeof item !== 'string')) {
      throw ScimError.badRequest('invalidValue', `${name} must be an array of attribute paths`);
    }
    return value.join(',');
  };
  const number = (name: string) => {
    const value = field(name);
    return integer(
      typeof value === 'number' || typeof value === 'string' ? value : undefined,
      name,
    );
  };

  return {
    filter: text('filter'),
    sortBy: text('sortBy'),
    sortOrder: sortOrder(text('sortOrder')),
    startIndex: number('startIndex'),
    count: number('count'),
    projection: parseProjection(list('attributes'), list('excludedAttributes')),
  };
}
