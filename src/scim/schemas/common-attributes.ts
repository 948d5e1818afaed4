import { attribute } from './attribute';
import type { AttributeDefinition } from './types';

/**
 * Attributes every resource has (RFC 7643 §3.1). They belong to no schema, so `/Schemas` does
 * not list them, but filters, sorting and projections resolve them.
 */
export const COMMON_ATTRIBUTES: readonly AttributeDefinition[] = [
  attribute('id', 'string', 'Unique identifier issued by Roster.', {
    caseExact: true,
    mutability: 'readOnly',
    returned: 'always',
    uniqueness: 'server',
  }),
  attribute('externalId', 'string', "The provisioning client's identifier.", { caseExact: true }),
  attribute('meta', 'complex', 'Resource metadata.', {
    mutability: 'readOnly',
    subAttributes: [
      attribute('resourceType', 'string', 'User or Group.', {
        caseExact: true,
        mutability: 'readOnly',
      }),
      attribute('created', 'dateTime', 'When the resource was created.', {
        mutability: 'readOnly',
      }),
      attribute('lastModified', 'dateTime', 'When the resource last changed.', {
        mutability: 'readOnly',
      }),
      attribute('location', 'reference', 'URI of the resource.', {
        mutability: 'readOnly',
        caseExact: true,
        referenceTypes: ['uri'],
      }),
      attribute('version', 'string', 'Weak entity tag of the current version.', {
        mutability: 'readOnly',
        caseExact: true,
      }),
    ],
  }),
];
