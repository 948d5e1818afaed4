import { Entity, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';

/** The user fields that SAML assertion attributes can fill. */
export type SamlUserField = 'EMAIL' | 'GIVEN_NAME' | 'FAMILY_NAME' | 'DISPLAY_NAME' | 'GROUPS';

/** One assertion attribute and the user field it fills. */
export interface SamlAttributeMapping {
  attribute: string;
  field: SamlUserField;
}

/**
 * An organization's SAML single sign-on with its identity provider (Entra ID). The
 * service-provider values are derived from PUBLIC_URL and the organization's slug, so only
 * the identity provider's values are stored.
 */
@Entity({ tableName: 'saml_integrations' })
export class SamlIntegration {
  [OptionalProps]?: 'enabled' | 'attributeMapping' | 'allowIdpInitiated' | 'justInTimeProvisioning';

  @PrimaryKey({ type: 'uuid' })
  organizationId!: string;

  @PrimaryKey({ type: 'uuid' })
  id!: string;

  @Property({ type: 'text' })
  name!: string;

  @Property({ type: 'text', nullable: true })
  description?: string | null;

  @Property({ type: 'boolean' })
  enabled: boolean = false;

  @Property({ type: 'text', nullable: true })
  idpEntityId?: string | null;

  @Property({ type: 'text', nullable: true })
  idpSignOnUrl?: string | null;

  @Property({ type: 'text', nullable: true })
  idpLogoutUrl?: string | null;

  /** The identity provider's signing certificate, PEM. */
  @Property({ type: 'text', nullable: true })
  idpCertificate?: string | null;

  /** A second signing certificate, PEM, accepted as well while the provider rotates keys. */
  @Property({ type: 'text', nullable: true })
  idpNextCertificate?: string | null;

  /** Whether an IdP-initiated response, which names no AuthnRequest of Roster's, is accepted. */
  @Property({ type: 'boolean' })
  allowIdpInitiated: boolean = false;

  /** Whether a valid sign-in of a person unknown to Roster creates them as a member. */
  @Property({ type: 'boolean' })
  justInTimeProvisioning: boolean = false;

  @Property({ type: 'json' })
  attributeMapping: SamlAttributeMapping[] = [];

  @Property({ type: 'timestamptz' })
  createdAt!: Date;

  @Property({ type: 'timestamptz' })
  updatedAt!: Date;
}
