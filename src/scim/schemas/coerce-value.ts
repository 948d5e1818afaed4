import { ScimInputError } from './errors';
import { isDateTime } from './date-time';
import type { AttributeDefinition } from './types';
import { isScimObject, type ScimObject, type ScimValue } from './values';

export interface CoerceOptions {
  /** Drop readOnly sub-attributes, as clients' copies of server values (RFC 7644 §3.5.1). */
  dropReadOnly: boolean;
}

/** Renders a rejected value briefly for messages; deep or huge values are summarized. */
function describe(value: unknown): string {
  let text: string;
  try {
    text = JSON.stringify(value) ?? String(value);
  } catch {
    text = Array.isArray(value) ? 'a deeply nested array' : `a ${typeof value}`;
  }

  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

function invalid(path: string, expected: string, value: unknown): ScimInputError {
  return new ScimInputError(
    'invalidValue',
    `attribute '${path}' must be ${expected}, got ${describe(value)}`,
    path,
  );
}

/**
 * Converts a value that a client sent into the attribute's type. Returns undefined for null and
 * for empty values, which mean "absent". Accepts what Entra ID sends: booleans as strings
 * ("True", "false"), a bare id for a complex attribute with a `value` sub-attribute (manager),
 * a one-element array for a single-valued complex attribute, and JSON text for complex values.
 */
export function coerceValue(
  definition: AttributeDefinition,
  value: unknown,
  path: string,
  options: CoerceOptions,
): ScimValue | undefined {
  if (value === null || value === undefined) {
    return undefined;
  }

  if (!definition.multiValued) {
    return coerceSingle(definition, value, path, options);
  }

  const items = Array.isArray(value) ? value : [value];
  const coerced = items
    .map((item, index) => coerceSingle(definition, item, `${path}[${index}]`, options))
    .filter((item): item is ScimValue => item !== undefined);

  return coerced.length === 0 ? undefined : keepOnePrimary(coerced);
}

function coerceSingle(
  definition: AttributeDefinition,
  value: unknown,
  path: string,
  options: CoerceOptions,
): ScimValue | undefined {
  if (value === null || value === undefined) {
    return undefined;
  }

  switch (definition.type) {
    case 'complex':
      return coerceComplex(definition, value, path, options);
    case 'string':
    case 'reference':
    case 'binary':
      return coerceString(value, path);
    case 'boolean':
      return coerceBoolean(value, path);
    case 'integer':
    case 'decimal':
      return coerceNumber(definition.type, value, path);
    case 'dateTime':
      return coerceDateTime(value, path);
    default: {
      const unexpected: never = definition.type;
      throw new Error(`unsupported attribute type ${String(unexpected)}`);
    }
  }
}

function coerceString(value: unknown, path: string): string | undefined {
  if (typeof value === 'string') {
    return value;
  }
  if (typeof value === 'number' || typeof value === 'boolean') {
    return String(value);
  }

  throw invalid(path, 'a string', value);
}

/** Booleans may arrive as "True"/"False" strings in any case (Entra ID does this). */
export function coerceBoolean(value: unknown, path: string): boolean {
  if (typeof value === 'boolean') {
    return value;
  }
  if (typeof value === 'string') {
    const lower = value.trim().toLowerCase();
    if (lower === 'true') {
      return true;
    }
    if (lower === 'false') {
      return false;
    }
  }

  throw invalid(path, 'a boolean (true or false)', value);
}

function coerceNumber(type: 'integer' | 'decimal', value: unknown, path: string): number {
  const number = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;

  if (typeof number !== 'number' || !Number.isFinite(number)) {
    throw invalid(path, type === 'integer' ? 'an integer' : 'a number', value);
  }
  if (type === 'integer' && !Number.isInteger(number)) {
    throw invalid(path, 'an integer', value);
  }

  return number;
}

function coerceDateTime(value: unknown, path: string): string {
  if (!isDateTime(value)) {
    throw invalid(path, 'a date-time such as "2026-01-31T12:00:00Z"', value);
  }

  return value;
}

function coerceComplex(
  definition: AttributeDefinition,
  value: unknown,
  path: string,
  options: CoerceOptions,
): ScimObject | undefined {
  const subAttributes = definition.subAttributes ?? [];
  let object: unknown = value;

  if (typeof object === 'string' && object.trim().startsWith('{')) {
    object = parseJsonObject(object, path);
  } else if (typeof object === 'string') {
    if (object === '') {
      return undefined;
    }
    if (!subAttributes.some((sub) => sub.name === 'value')) {
      throw invalid(path, 'an object', value);
    }
    object = { value: object };
  } else if (Array.isArray(object) && !definition.multiValued && object.length === 1) {
    object = object[0];
  }

  if (!isScimObject(object)) {
    throw invalid(path, 'an object', value);
  }

  const result: ScimObject = {};
  for (const [key, raw] of Object.entries(object)) {
    const sub = subAttributes.find(
      (candidate) => candidate.name.toLowerCase() === key.toLowerCase(),
    );

    if (!sub || (options.dropReadOnly && sub.mutability === 'readOnly')) {
      continue;
    }

    const coerced = coerceSingle(sub, raw, `${path}.${sub.name}`, options);
    if (coerced !== undefined) {
      result[sub.name] = coerced;
    }
  }

  return Object.keys(result).length === 0 ? undefined : result;
}

function parseJsonObject(text: string, path: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw invalid(path, 'an object or a JSON object in a string', text);
  }
}

/**
 * RFC 7643 §2.4 allows `primary: true` on one value at most. When a client marks several, the
 * last one wins, as it would after successive PATCH operations.
 */
function keepOnePrimary(values: ScimValue[]): ScimValue[] {
  const lastPrimary = values.findLastIndex((item) => isScimObject(item) && item.primary === true);
  if (lastPrimary < 0) {
    return values;
  }

  return values.map((item, index) => {
    if (index === lastPrimary || !isScimObject(item) || item.primary !== true) {
      return item;
    }

    const { primary: _dropped, ...rest } = item;
    return { ...rest, primary: false };
  });
}
