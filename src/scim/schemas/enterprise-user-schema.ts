import { attribute } from './attribute';
import type { SchemaDefinition } from './types';
import { ENTERPRISE_USER_SCHEMA } from './urns';

/** The Enterprise User extension of RFC 7643 §4.3. */
export const ENTERPRISE_USER_SCHEMA_DEFINITION: SchemaDefinition = {
  id: ENTERPRISE_USER_SCHEMA,
  name: 'EnterpriseUser',
  description: 'Enterprise User',
  attributes: [
    attribute('employeeNumber', 'string', 'Identifier assigned by the organization.'),
    attribute('costCenter', 'string', 'Name of a cost center.'),
    attribute('organization', 'string', 'Name of an organization.'),
    attribute('division', 'string', 'Name of a division.'),
    attribute('department', 'string', 'Name of a department.'),
    attribute('manager', 'complex', "The user's manager.", {
      subAttributes: [
        attribute('value', 'string', 'The id of the manager, a User in Roster.', {
          caseExact: true,
        }),
        attribute('$ref', 'reference', 'The URI of the manager.', {
          mutability: 'readOnly',
          referenceTypes: ['User'],
        }),
        attribute('displayName', 'string', "The manager's displayName.", {
          mutability: 'readOnly',
        }),
      ],
    }),
  ],
};
