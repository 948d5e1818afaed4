import { FIELD_TYPES, type FieldType } from '../../entities/application-field.entity';
import { DomainError } from '../errors';

export const MAX_FIELDS_PER_APPLICATION = 200;
export const MAX_CHOICES_PER_FIELD = 200;
export const MAX_NAME_LENGTH = 100;

const FIELD_KEY = /^[a-z][a-z0-9_]{0,62}$/;

/** A field as an admin declares it. */
export interface FieldInput {
  key: string;
  name: string;
  type: FieldType;
  /** The allowed values; required for SINGLE_CHOICE and MULTIPLE_CHOICE, absent otherwise. */
  choices?: string[] | null;
}

/** Checks an application or field name and returns it trimmed. */
export function checkName(name: string, field: string): string {
  const trimmed = name.trim();
  if (trimmed.length === 0 || trimmed.length > MAX_NAME_LENGTH) {
    throw DomainError.invalid(`${field} must have 1 to ${MAX_NAME_LENGTH} characters`, {
      field,
    });
  }

  return trimmed;
}

/** Checks a field declaration; `field` is the input path used in errors, such as `fields[2]`. */
export function checkFieldInput(input: FieldInput, field: string): FieldInput {
  if (!FIELD_KEY.test(input.key)) {
    throw DomainError.invalid(
      `invalid key '${input.key.slice(0, 100)}'; a key starts with a lower-case letter and ` +
        'has at most 63 lower-case letters, digits and underscores',
      { field: `${field}.key` },
    );
  }
  if (!FIELD_TYPES.includes(input.type)) {
    throw DomainError.invalid(`invalid type '${input.type}'`, { field: `${field}.type` });
  }

  return {
    key: input.key,
    name: checkName(input.name, `${field}.name`),
    type: input.type,
    choices: checkChoices(input.type, input.choices ?? [], `${field}.choices`),
  };
}

/** Checks the choices of a field of `type`: required for choice fields, absent otherwise. */
export function checkChoices(type: FieldType, choices: string[], field: string): string[] {
  const isChoice = type === 'SINGLE_CHOICE' || type === 'MULTIPLE_CHOICE';

  if (!isChoice) {
    if (choices.length > 0) {
      throw DomainError.invalid(`only SINGLE_CHOICE and MULTIPLE_CHOICE fields have choices`, {
        field,
      });
    }
    return [];
  }

  if (choices.length === 0 || choices.length > MAX_CHOICES_PER_FIELD) {
    throw DomainError.invalid(
      `a ${type} field needs 1 to ${MAX_CHOICES_PER_FIELD} choices, got ${choices.length}`,
      { field },
    );
  }

  const seen = new Set<string>();
  return choices.map((choice, index) => {
    const trimmed = checkName(choice, `${field}[${index}]`);
    if (seen.has(trimmed.toLowerCase())) {
      throw DomainError.invalid(`choice '${trimmed}' is listed twice`, {
        field: `${field}[${index}]`,
      });
    }
    seen.add(trimmed.toLowerCase());
    return trimmed;
  });
}
