import type { ProvisioningEvent } from '../../entities/provisioning-event.entity';

/** CSV columns, in order; list-valued fields are JSON text in one cell. */
const CSV_COLUMNS = [
  'occurredAt',
  'id',
  'requestId',
  'operation',
  'outcome',
  'status',
  'method',
  'path',
  'query',
  'resourceType',
  'resourceId',
  'externalId',
  'resourceName',
  'tokenId',
  'tokenTitle',
  'userAgent',
  'durationMs',
  'changes',
  'warnings',
  'error',
] as const;

function plain(event: ProvisioningEvent): Record<string, unknown> {
  return {
    occurredAt: event.occurredAt.toISOString(),
    id: event.id,
    requestId: event.requestId,
    operation: event.operation,
    outcome: event.outcome,
    status: event.status,
    method: event.method,
    path: event.path,
    query: event.query ?? null,
    resourceType: event.resourceType ?? null,
    resourceId: event.resourceId ?? null,
    externalId: event.externalId ?? null,
    resourceName: event.resourceName ?? null,
    tokenId: event.tokenId ?? null,
    tokenTitle: event.tokenTitle ?? null,
    userAgent: event.userAgent ?? null,
    durationMs: event.durationMs,
    changes: event.changes,
    warnings: event.warnings,
    error: event.error ?? null,
  };
}

/**
 * Quotes a CSV cell (RFC 4180). Cells that a spreadsheet would run as a formula get a leading
 * apostrophe, because exported values come from the SCIM client.
 */
function csvCell(value: unknown): string {
  if (value === null || value === undefined) {
    return '';
  }

  let text = typeof value === 'object' ? JSON.stringify(value) : String(value);
  if (/^[=+\-@\t\r]/.test(text) && typeof value === 'string') {
    text = `'${text}`;
  }
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvHeader(): string {
  return `${CSV_COLUMNS.join(',')}\r\n`;
}

export function csvLine(event: ProvisioningEvent): string {
  const values = plain(event);
  return `${CSV_COLUMNS.map((column) => csvCell(values[column])).join(',')}\r\n`;
}

export function ndjsonLine(event: ProvisioningEvent): string {
  return `${JSON.stringify(plain(event))}\n`;
}
