import type { FieldType } from '../../entities/application-field.entity';
import type { FieldValue } from '../../entities/application-record.entity';
import { isUuid } from '../ids';

/** The parts of a field that decide which values it accepts. */
export interface FieldShape {
  key: string;
  type: FieldType;
  choices: readonly string[];
}

/** A value that does not fit its field; `reason` completes "invalid value for field x: …". */
export class FieldValueError extends Error {
  override name = 'FieldValueError';
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const PHONE = /^\+?[0-9 ().\-/]{3,40}$/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;
const MAX_TEXT_LENGTH = 1000;
const MAX_LONG_TEXT_LENGTH = 100_000;

/**
 * Checks a value for a field and returns its stored form: dates as `YYYY-MM-DD`, date-times
 * in UTC ISO 8601, choices in their declared spelling. Null or undefined clears the field.
 *
 * @throws FieldValueError naming what the field expects.
 */
export function validateFieldValue(field: FieldShape, value: unknown): FieldValue | null {
  if (value === null || value === undefined) {
    return null;
  }

  switch (field.type) {
    case 'TEXT':
      return text(value, MAX_TEXT_LENGTH, (s) => !s.includes('\n'), 'a single line of text');
    case 'LONG_TEXT':
      return text(value, MAX_LONG_TEXT_LENGTH, () => true, 'text');
    case 'NUMBER':
      if (typeof value !== 'number' || !Number.isFinite(value)) {
        throw new FieldValueError(`expected a number, got ${describe(value)}`);
      }
      return value;
    case 'BOOLEAN':
      if (typeof value !== 'boolean') {
        throw new FieldValueError(`expected true or false, got ${describe(value)}`);
      }
      return value;
    case 'DATE':
      return date(value);
    case 'DATE_TIME':
      return dateTime(value);
    case 'EMAIL':
      return text(value, MAX_TEXT_LENGTH, (s) => EMAIL.test(s), 'an email address');
    case 'PHONE':
      return text(value, 40, (s) => PHONE.test(s), 'a phone number such as +1 555 0100');
    case 'URL':
      return text(value, 2048, isHttpUrl, 'an http:// or https:// URL');
    case 'USER':
      return text(value, 36, isUuid, 'the id of a Roster user');
    case 'SINGLE_CHOICE':
      return choice(field, value);
    case 'MULTIPLE_CHOICE':
      return choices(field, value);
    default: {
      const unknownType: never = field.type;
      throw new Error(`unknown field type ${String(unknownType)}`);
    }
  }
}

/** Returns the declared spelling of `value` among the field's choices, ignoring case. */
export function matchChoice(field: FieldShape, value: string): string | undefined {
  const lower = value.toLowerCase();
  return field.choices.find((candidate) => candidate.toLowerCase() === lower);
}

function text(
  value: unknown,
  maxLength: number,
  valid: (text: string) => boolean,
  expected: string,
): string {
  if (typeof value !== 'string' || value.length === 0 || !valid(value)) {
    throw new FieldValueError(`expected ${expected}, got ${describe(value)}`);
  }
  if (value.length > maxLength) {
    throw new FieldValueError(`expected at most ${maxLength} characters, got ${value.length}`);
  }

  return value;
}

function date(value: unknown): string {
  const match = typeof value === 'string' ? DATE.exec(value) : null;
  const parsed = match ? new Date(`${value as string}T00:00:00Z`) : undefined;

  if (!parsed || Number.isNaN(parsed.getTime()) || parsed.toISOString().slice(0, 10) !== value) {
    throw new FieldValueError(`expected a date such as 2026-12-04, got ${describe(value)}`);
  }

  return value as string;
}

function dateTime(value: unknown): string {
  const parsed = typeof value === 'string' && DATE_TIME.test(value) ? new Date(value) : undefined;

  if (!parsed || Number.isNaN(parsed.getTime())) {
    throw new FieldValueError(
      `expected a date-time such as 2026-12-04T09:30:00Z, got ${describe(value)}`,
    );
  }

  return parsed.toISOString();
}

function choice(field: FieldShape, value: unknown): string {
  const matched = typeof value === 'string' ? matchChoice(field, value) : undefined;
  if (matched === undefined) {
    throw new FieldValueError(
      `expected one of ${field.choices.map((c) => `'${c}'`).join(', ')}, got ${describe(value)}`,
    );
  }

  return matched;
}

function choices(field: FieldShape, value: unknown): string[] {
  if (!Array.isArray(value)) {
    throw new FieldValueError(`expected a list of choices, got ${describe(value)}`);
  }

  const result: string[] = [];
  for (const item of value) {
    const matched = choice(field, item);
    if (!result.includes(matched)) {
      result.push(matched);
    }
  }

  return result;
}

function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}

/** Describes a value for a message, shortened to 100 characters. */
export function describe(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 100 ? `${text.slice(0, 97)}...` : text;
}
