import type { AttributeDefinition, AttributeType } from './types';

type Characteristics = Partial<Omit<AttributeDefinition, 'name' | 'type' | 'description'>>;

/**
 * Declares an attribute with RFC 7643 §2.2's defaults: single-valued, optional, not case-exact,
 * readWrite, returned by default, not unique.
 */
export function attribute(
  name: string,
  type: AttributeType,
  description: string,
  characteristics: Characteristics = {},
): AttributeDefinition {
  return {
    name,
    type,
    description,
    multiValued: false,
    required: false,
    caseExact: false,
    mutability: 'readWrite',
    returned: 'default',
    uniqueness: 'none',
    ...characteristics,
  };
}

/**
 * Declares a multi-valued complex attribute with the usual `value`, `display`, `type` and
 * `primary` sub-attributes (RFC 7643 §2.4), as used by emails, phoneNumbers, roles and others.
 */
export function multiValuedAttribute(
  name: string,
  description: string,
  options: {
    valueType?: AttributeType;
    referenceTypes?: string[];
    types?: string[];
    mutability?: AttributeDefinition['mutability'];
  } = {},
): AttributeDefinition {
  const valueType = options.valueType ?? 'string';

  return attribute(name, 'complex', description, {
    multiValued: true,
    mutability: options.mutability ?? 'readWrite',
    subAttributes: [
      attribute('value', valueType, `The value of ${name}.`, {
        referenceTypes: options.referenceTypes,
        caseExact: valueType === 'binary',
      }),
      attribute('display', 'string', 'A human-readable name, primarily for display.'),
      attribute('type', 'string', `A label indicating the function of the ${name} value.`, {
        canonicalValues: options.types,
      }),
      attribute('primary', 'boolean', 'Whether this is the preferred value; at most one is.'),
    ],
  });
}
