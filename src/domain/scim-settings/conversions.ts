import type { FieldType } from '../../entities/application-field.entity';
import type { FieldValue } from '../../entities/application-record.entity';
import type { ScimPrimitive } from '../../scim/schemas';
import {
  describe,
  FieldValueError,
  matchChoice,
  validateFieldValue,
  type FieldShape,
} from '../applications/field-values';
import type { SourceKind } from './mapping-source';

const TEXTS: FieldType[] = ['TEXT', 'LONG_TEXT'];

/**
 * The field types each kind of SCIM value may fill. A conversion listed here can still fail
 * for one value, such as the string "abc" into a NUMBER field; sync then leaves the field empty.
 */
export const ALLOWED_CONVERSIONS: Readonly<Record<SourceKind, readonly FieldType[]>> = {
  string: [
    ...TEXTS,
    'NUMBER',
    'BOOLEAN',
    'DATE',
    'DATE_TIME',
    'EMAIL',
    'PHONE',
    'URL',
    'SINGLE_CHOICE',
    'MULTIPLE_CHOICE',
  ],
  boolean: ['BOOLEAN', ...TEXTS],
  integer: ['NUMBER', ...TEXTS],
  decimal: ['NUMBER', ...TEXTS],
  dateTime: ['DATE_TIME', 'DATE', ...TEXTS],
  reference: ['URL', ...TEXTS],
  binary: TEXTS,
  user: ['USER', ...TEXTS],
  groups: ['MULTIPLE_CHOICE', ...TEXTS],
};

/** A converted value (null clears the field) and, when some input did not fit, the reason. */
export interface Conversion {
  value: FieldValue | null;
  problem?: string;
}

/**
 * Converts a source's values for a field. Several values fill a text field joined with ", ",
 * and a single-valued field with the first (primary) one. A MULTIPLE_CHOICE field keeps the
 * values that are among its choices.
 */
export function convertValues(values: readonly ScimPrimitive[], field: FieldShape): Conversion {
  if (values.length === 0) {
    return { value: null };
  }

  if (field.type === 'MULTIPLE_CHOICE') {
    return convertChoices(values, field);
  }

  const raw = TEXTS.includes(field.type) ? values.map(String).join(', ') : values[0];
  try {
    return { value: validateFieldValue(field, coerce(raw, field.type)) };
  } catch (error) {
    if (error instanceof FieldValueError) {
      return { value: null, problem: error.message };
    }
    throw error;
  }
}

/** Converts one value as an admin writes it for a field, such as "false" for a BOOLEAN field. */
export function convertText(text: string, field: FieldShape): FieldValue {
  const value = validateFieldValue(field, coerce(text, field.type));
  if (value === null) {
    throw new FieldValueError(`expected a value, got ${describe(text)}`);
  }

  return value;
}

function coerce(value: ScimPrimitive, type: FieldType): unknown {
  if (typeof value !== 'string') {
    return TEXTS.includes(type) ? String(value) : value;
  }

  const trimmed = value.trim();
  switch (type) {
    case 'NUMBER':
      return trimmed !== '' && Number.isFinite(Number(trimmed)) ? Number(trimmed) : value;
    case 'BOOLEAN':
      return ['true', 'false'].includes(trimmed.toLowerCase())
        ? trimmed.toLowerCase() === 'true'
        : value;
    case 'DATE': {
      const time = /T/.test(trimmed) ? new Date(trimmed) : undefined;
      return time && !Number.isNaN(time.getTime()) ? time.toISOString().slice(0, 10) : trimmed;
    }
    case 'TEXT':
    case 'LONG_TEXT':
      return value;
    default:
      return trimmed;
  }
}

function convertChoices(values: readonly ScimPrimitive[], field: FieldShape): Conversion {
  const kept: string[] = [];
  const rejected: string[] = [];

  for (const value of values) {
    const matched = matchChoice(field, String(value));
    if (matched === undefined) {
      rejected.push(String(value));
    } else if (!kept.includes(matched)) {
      kept.push(matched);
    }
  }

  const value = kept.length > 0 ? kept : null;
  if (rejected.length === 0) {
    return { value };
  }

  return {
    value,
    problem: `${rejected.map((item) => describe(item)).join(', ')} not among the choices`,
  };
}
