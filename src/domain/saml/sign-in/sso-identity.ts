import type {
  SamlAttributeMapping,
  SamlUserField,
} from '../../../entities/saml-integration.entity';
import type { AssertionFacts } from './assertion';

/** The person an assertion names, read through the integration's attribute mapping. */
export interface SsoIdentity {
  nameId: string;
  nameIdFormat: string | null;
  email: string | null;
  givenName: string | null;
  familyName: string | null;
  displayName: string | null;
}

/**
 * Reads the NameID and the mapped attributes of an assertion. A mapped attribute that is
 * absent or empty gives null, so it never clears a user field.
 *
 * NOTE: a GROUPS mapping is ignored because group memberships come from SCIM only.
 */
export function identityOf(
  assertion: AssertionFacts & { nameId: string },
  mapping: SamlAttributeMapping[],
): SsoIdentity {
  const valueOf = (field: SamlUserField): string | null => {
    const entry = mapping.find((candidate) => candidate.field === field);
    const value = entry ? assertion.attributes.get(entry.attribute)?.[0]?.trim() : undefined;
    return value ? value : null;
  };

  return {
    nameId: assertion.nameId,
    nameIdFormat: assertion.nameIdFormat,
    email: valueOf('EMAIL'),
    givenName: valueOf('GIVEN_NAME'),
    familyName: valueOf('FAMILY_NAME'),
    displayName: valueOf('DISPLAY_NAME'),
  };
}
