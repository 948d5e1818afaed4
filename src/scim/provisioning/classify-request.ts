import type { ProvisioningOperation } from '../../domain/provisioning/event-types';
import { isUuid } from '../../domain/ids';
import { parseFilter } from '../filter';

/** Facts about one finished SCIM request, read to classify it. */
export interface RequestFacts {
  method: string;
  /** Path below `/scim/v2`, such as `/Users/123`. */
  path: string;
  /** The `filter` query parameter, if any. */
  filter?: string;
  requestBody: unknown;
  status: number;
  responseBody: unknown;
}

/** Operation and resource of a request, as far as the request and response show them. */
export interface RequestSummary {
  operation: ProvisioningOperation;
  resourceType: string | null;
  resourceId: string | null;
  externalId: string | null;
  resourceName: string | null;
}

const RESOURCE_TYPES: Record<string, string> = { users: 'User', groups: 'Group' };

const DISCOVERY = new Set(['serviceproviderconfig', 'resourcetypes', 'schemas']);

/** Filter attributes whose `eq` finds one resource, and the summary field they fill. */
const LOOKUP_ATTRIBUTES: Record<string, keyof RequestSummary> = {
  username: 'resourceName',
  displayname: 'resourceName',
  externalid: 'externalId',
  id: 'resourceId',
};

type JsonObject = Record<string, unknown>;

function asObject(value: unknown): JsonObject | undefined {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
    ? (value as JsonObject)
    : undefined;
}

function text(value: unknown): string | null {
  return typeof value === 'string' ? value : null;
}

/** Reads `attribute eq "value"` from a filter, or undefined for any other filter. */
function equalityOf(filter: string | undefined): { attribute: string; value: string } | undefined {
  if (!filter) {
    return undefined;
  }

  try {
    const parsed = parseFilter(filter);
    if (
      parsed.kind === 'compare' &&
      parsed.operator === 'eq' &&
      !parsed.path.subAttribute &&
      typeof parsed.value === 'string'
    ) {
      return { attribute: parsed.path.name.toLowerCase(), value: parsed.value };
    }
  } catch {
    return undefined;
  }
  return undefined;
}

function identityFrom(resource: JsonObject | undefined): Partial<RequestSummary> {
  if (!resource) {
    return {};
  }

  return {
    resourceId: text(resource.id),
    externalId: text(resource.externalId),
    resourceName: text(resource.userName) ?? text(resource.displayName),
  };
}

/**
 * Classifies a list or search. Microsoft Entra ID tests a connection with a filter
 * `userName eq "<random GUID>"` (or on its matching attribute) that must find nothing.
 */
function classifyQuery(facts: RequestFacts, filter: string | undefined): Partial<RequestSummary> {
  const equality = equalityOf(filter);
  const field = equality && LOOKUP_ATTRIBUTES[equality.attribute];
  if (!equality || !field) {
    return { operation: 'LIST' };
  }

  const response = asObject(facts.responseBody);
  const found = Array.isArray(response?.Resources) ? (response.Resources as unknown[]) : [];
  const probe =
    facts.status === 200 &&
    response?.totalResults === 0 &&
    isUuid(equality.value) &&
    field !== 'resourceId';

  return {
    ...(found.length === 1 ? identityFrom(asObject(found[0])) : {}),
    operation: probe ? 'TEST_CONNECTION' : 'LOOKUP',
    [field]: equality.value,
  };
}

function isFalse(value: unknown): boolean {
  return value === false || (typeof value === 'string' && value.toLowerCase() === 'false');
}

function isTrue(value: unknown): boolean {
  return value === true || (typeof value === 'string' && value.toLowerCase() === 'true');
}

/** Reads the value a PATCH operation gives `active`, if it sets it. */
function activeValueOf(operation: JsonObject): unknown {
  const path = text(operation.path)?.toLowerCase();
  if (path === 'active') {
    return operation.value;
  }
  if (path === undefined || path === null) {
    const value = asObject(operation.value);
    const key = value && Object.keys(value).find((name) => name.toLowerCase() === 'active');
    return key ? value[key] : undefined;
  }
  return undefined;
}

function touchesOnlyMembers(operation: JsonObject): boolean {
  const path = text(operation.path);
  if (path) {
    return path.toLowerCase().startsWith('members');
  }

  const value = asObject(operation.value);
  return !!value && Object.keys(value).every((name) => name.toLowerCase() === 'members');
}

/** Names a PATCH by its effect: a change of `active`, or a change of group members only. */
function classifyPatch(resourceType: string | null, body: unknown): ProvisioningOperation {
  const operations = asObject(body)?.Operations;
  if (!Array.isArray(operations)) {
    return 'UPDATE';
  }
  const items = operations.map((item) => asObject(item) ?? {});

  if (resourceType === 'User') {
    const active = items.map(activeValueOf).find((value) => value !== undefined);
    if (isFalse(active)) {
      return 'DISABLE';
    }
    if (isTrue(active)) {
      return 'ENABLE';
    }
    return 'UPDATE';
  }

  if (resourceType === 'Group' && items.length > 0 && items.every(touchesOnlyMembers)) {
    const ops = new Set(items.map((item) => text(item.op)?.toLowerCase()));
    if (ops.size === 1 && ops.has('add')) {
      return 'MEMBERSHIP_ADD';
    }
    if (ops.size === 1 && ops.has('remove')) {
      return 'MEMBERSHIP_REMOVE';
    }
  }
  return 'UPDATE';
}

/** Decodes a percent-encoded path segment, keeping it as sent when the encoding is invalid. */
function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/** Classifies a finished SCIM request by method, path, bodies and status. */
export function classifyRequest(facts: RequestFacts): RequestSummary {
  const segments = facts.path.split('/').filter((segment) => segment !== '');
  const [collection = '', item] = segments.map(decodeSegment);
  const lower = collection.toLowerCase();
  const resourceType = RESOURCE_TYPES[lower] ?? (DISCOVERY.has(lower) ? collection : null);
  const method = facts.method.toUpperCase();
  const isSearch = method === 'POST' && (item === '.search' || lower === '.search');

  const summary: RequestSummary = {
    operation: 'OTHER',
    resourceType: lower === '.search' ? null : resourceType,
    resourceId: null,
    externalId: null,
    resourceName: null,
  };
  const responseResource = facts.status < 300 ? asObject(facts.responseBody) : undefined;

  if (isSearch) {
    return {
      ...summary,
      ...classifyQuery(facts, text(asObject(facts.requestBody)?.filter) ?? undefined),
    };
  }
  if (!resourceType) {
    return summary;
  }
  if (DISCOVERY.has(lower)) {
    return { ...summary, operation: method === 'GET' ? 'READ' : 'OTHER', resourceId: item ?? null };
  }

  if (item === undefined) {
    if (method === 'GET') {
      return { ...summary, ...classifyQuery(facts, facts.filter) };
    }
    if (method === 'POST') {
      return {
        ...summary,
        ...identityFrom(asObject(facts.requestBody)),
        ...identityFrom(responseResource),
        operation: 'CREATE',
      };
    }
    return summary;
  }

  const byMethod: Record<string, ProvisioningOperation> = {
    GET: 'READ',
    PUT: 'UPDATE',
    DELETE: 'DELETE',
    PATCH: classifyPatch(resourceType, facts.requestBody),
  };
  const requestIdentity = method === 'PUT' ? identityFrom(asObject(facts.requestBody)) : {};

  return {
    ...summary,
    ...requestIdentity,
    ...identityFrom(responseResource),
    operation: byMethod[method] ?? 'OTHER',
    resourceId: item,
  };
}
