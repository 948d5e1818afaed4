import type { SamlAttributeMapping, SamlUserField } from '../../entities/saml-integration.entity';
import { DomainError } from '../errors';

/** The claim names Entra ID sends by default for each user field. */
export const DEFAULT_ATTRIBUTE_MAPPING: SamlAttributeMapping[] = [
  {
    attribute: 'http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress',
    field: 'EMAIL',
  },
  {
    attribute: 'http://schemas.xmlsoap.org/ws/2005/05/identity/claims/givenname',
    field: 'GIVEN_NAME',
  },
  {
    attribute: 'http://schemas.xmlsoap.org/ws/2005/05/identity/claims/surname',
    field: 'FAMILY_NAME',
  },
  { attribute: 'http://schemas.microsoft.com/identity/claims/displayname', field: 'DISPLAY_NAME' },
  { attribute: 'http://schemas.microsoft.com/ws/2008/06/identity/claims/groups', field: 'GROUPS' },
];

const MAX_ATTRIBUTE_LENGTH = 512;
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f]/;

/**
 * Trims and checks an attribute mapping: each user field and each attribute at most once,
 * attribute names of 1 to 512 characters without control characters. Raises BAD_USER_INPUT
 * naming the element, such as `attributeMapping[2].attribute`.
 */
export function normalizeAttributeMapping(mapping: SamlAttributeMapping[]): SamlAttributeMapping[] {
  const fields = new Set<SamlUserField>();
  const attributes = new Set<string>();

  return mapping.map((entry, index) => {
    const attribute = entry.attribute.trim();
    const at = `attributeMapping[${index}]`;

    if (attribute.length === 0 || attribute.length > MAX_ATTRIBUTE_LENGTH) {
      throw DomainError.invalid(
        `${at}.attribute must have 1 to ${MAX_ATTRIBUTE_LENGTH} characters`,
        { field: `${at}.attribute` },
      );
    }
    if (CONTROL_CHARACTERS.test(attribute)) {
      throw DomainError.invalid(`${at}.attribute must not contain control characters`, {
        field: `${at}.attribute`,
      });
    }
    if (attributes.has(attribute)) {
      throw DomainError.invalid(`${at}: attribute '${attribute}' is mapped twice`, {
        field: `${at}.attribute`,
      });
    }
    if (fields.has(entry.field)) {
      throw DomainError.invalid(`${at}: field ${entry.field} is mapped twice`, {
        field: `${at}.field`,
      });
    }

    fields.add(entry.field);
    attributes.add(attribute);
    return { attribute, field: entry.field };
  });
}
