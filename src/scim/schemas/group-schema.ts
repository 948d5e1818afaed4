import { attribute } from './attribute';
import type { SchemaDefinition } from './types';
import { GROUP_SCHEMA } from './urns';

/**
 * The core Group schema of RFC 7643 §4.2. displayName is unique per organization because
 * Entra ID matches groups by it.
 */
export const GROUP_SCHEMA_DEFINITION: SchemaDefinition = {
  id: GROUP_SCHEMA,
  name: 'Group',
  description: 'Group',
  attributes: [
    attribute('displayName', 'string', 'A human-readable name for the group.', {
      required: true,
      uniqueness: 'server',
    }),
    attribute('members', 'complex', 'Users and groups that belong to the group.', {
      multiValued: true,
      subAttributes: [
        attribute('value', 'string', 'The id of the member.', {
          caseExact: true,
          mutability: 'immutable',
        }),
        attribute('$ref', 'reference', 'The URI of the member.', {
          mutability: 'immutable',
          referenceTypes: ['User', 'Group'],
        }),
        attribute('type', 'string', 'The kind of member.', {
          mutability: 'immutable',
          canonicalValues: ['User', 'Group'],
        }),
        attribute('display', 'string', "The member's displayName or userName.", {
          mutability: 'readOnly',
        }),
      ],
    }),
  ],
};
