import { DomainError } from '../errors';
import {
  PROVISIONING_OPERATIONS,
  PROVISIONING_OUTCOMES,
  type ProvisioningOperation,
  type ProvisioningOutcome,
} from './event-types';
import type { ProvisioningEventFilter } from './event.service';

export const EXPORT_FORMATS = ['CSV', 'NDJSON'] as const;

export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** The path of the export download, below PUBLIC_URL. */
export const EXPORT_PATH = '/exports/provisioning-events';

/** Encodes a filter and format as the query string of the export download. */
export function exportQuery(filter: ProvisioningEventFilter, format: ExportFormat): string {
  const params = new URLSearchParams({ format: format.toLowerCase() });

  if (filter.from) params.set('from', filter.from.toISOString());
  if (filter.to) params.set('to', filter.to.toISOString());
  for (const outcome of filter.outcomes ?? []) params.append('outcome', outcome);
  for (const operation of filter.operations ?? []) params.append('operation', operation);
  for (const type of filter.resourceTypes ?? []) params.append('resourceType', type);
  if (filter.resourceId) params.set('resourceId', filter.resourceId);
  if (filter.nameContains) params.set('nameContains', filter.nameContains);
  if (filter.tokenId) params.set('tokenId', filter.tokenId);

  return params.toString();
}

function dateParam(params: URLSearchParams, name: string): Date | null {
  const value = params.get(name);
  if (value === null) {
    return null;
  }

  const date = new Date(value);
  if (Number.isNaN(date.getTime())) {
    throw DomainError.invalid(`${name} '${value}' is not an ISO 8601 time`, { field: name });
  }
  return date;
}

function enumParams<T extends string>(
  params: URLSearchParams,
  name: string,
  allowed: readonly T[],
): T[] {
  return params.getAll(name).map((value) => {
    const upper = value.toUpperCase() as T;
    if (!allowed.includes(upper)) {
      throw DomainError.invalid(`${name} '${value}' is not one of ${allowed.join(', ')}`, {
        field: name,
      });
    }
    return upper;
  });
}

/** Decodes the query string made by `exportQuery`, raising BAD_USER_INPUT on a bad value. */
export function parseExportQuery(params: URLSearchParams): {
  filter: ProvisioningEventFilter;
  format: ExportFormat;
} {
  const [format = 'CSV'] = enumParams(params, 'format', EXPORT_FORMATS);

  return {
    format,
    filter: {
      from: dateParam(params, 'from'),
      to: dateParam(params, 'to'),
      outcomes: enumParams<ProvisioningOutcome>(params, 'outcome', PROVISIONING_OUTCOMES),
      operations: enumParams<ProvisioningOperation>(params, 'operation', PROVISIONING_OPERATIONS),
      resourceTypes: params.getAll('resourceType'),
      resourceId: params.get('resourceId'),
      nameContains: params.get('nameContains'),
      tokenId: params.get('tokenId'),
    },
  };
}
