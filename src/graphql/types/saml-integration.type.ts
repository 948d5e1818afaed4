import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';

import type { SamlUserField as SamlUserFieldValue } from '../../entities/saml-integration.entity';

export const SamlUserField = {
  EMAIL: 'EMAIL',
  GIVEN_NAME: 'GIVEN_NAME',
  FAMILY_NAME: 'FAMILY_NAME',
  DISPLAY_NAME: 'DISPLAY_NAME',
  GROUPS: 'GROUPS',
} as const;
registerEnumType(SamlUserField, {
  name: 'SamlUserField',
  description: 'A user field that a SAML assertion attribute can fill.',
});

@ObjectType({ description: 'A parsed X.509 certificate; the PEM contains no private key.' })
export class Certificate {
  @Field(() => String)
  pem!: string;

  @Field(() => String)
  subject!: string;

  @Field(() => String)
  issuer!: string;

  @Field(() => String, {
    description: 'SHA-256 fingerprint, upper-case hex pairs joined by colons.',
  })
  fingerprintSha256!: string;

  @Field(() => Date)
  notBefore!: Date;

  @Field(() => Date)
  notAfter!: Date;
}

@ObjectType({ description: 'The values Roster generates for the identity provider (Entra).' })
export class SamlServiceProvider {
  @Field(() => String, { description: 'Entity ID (Entra: Identifier).' })
  entityId!: string;

  @Field(() => String, { description: 'Assertion consumer service URL (Entra: Reply URL).' })
  acsUrl!: string;

  @Field(() => String, { description: 'Sign-on URL.' })
  signOnUrl!: string;

  @Field(() => String, { description: 'Logout URL.' })
  logoutUrl!: string;

  @Field(() => String, { description: 'Where the metadata XML is served, without sign-in.' })
  metadataUrl!: string;

  @Field(() => String, { description: 'Service-provider metadata XML to upload to Entra.' })
  metadataXml!: string;
}

@ObjectType({ description: "The identity provider's values, pasted or imported from Entra." })
export class SamlIdentityProvider {
  @Field(() => String, { nullable: true, description: 'Entra: Microsoft Entra Identifier.' })
  entityId!: string | null;

  @Field(() => String, { nullable: true, description: 'Entra: Login URL.' })
  signOnUrl!: string | null;

  @Field(() => String, { nullable: true, description: 'Entra: Logout URL.' })
  logoutUrl!: string | null;

  @Field(() => Certificate, { nullable: true, description: 'The signing certificate.' })
  certificate!: Certificate | null;

  @Field(() => Certificate, {
    nullable: true,
    description: 'A second signing certificate, accepted too while the provider rotates keys.',
  })
  nextCertificate!: Certificate | null;
}

@ObjectType({ description: 'An assertion attribute and the user field it fills.' })
export class SamlAttributeMapping {
  @Field(() => String, { description: 'Attribute (claim) name in the SAML assertion.' })
  attribute!: string;

  @Field(() => SamlUserField)
  field!: SamlUserFieldValue;
}

@ObjectType({ description: "The organization's SAML single sign-on with its identity provider." })
export class SamlIntegration {
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  name!: string;

  @Field(() => String, { nullable: true })
  description!: string | null;

  @Field(() => Boolean, { description: 'Whether sign-in through it is allowed.' })
  enabled!: boolean;

  @Field(() => Boolean, {
    description: 'Whether sign-in started at the identity provider (IdP-initiated) is accepted.',
  })
  allowIdpInitiated!: boolean;

  @Field(() => Boolean, {
    description: 'Whether a valid sign-in of an unknown person creates them as a member.',
  })
  justInTimeProvisioning!: boolean;

  @Field(() => SamlServiceProvider)
  serviceProvider!: SamlServiceProvider;

  @Field(() => SamlIdentityProvider)
  identityProvider!: SamlIdentityProvider;

  @Field(() => [SamlAttributeMapping])
  attributeMapping!: SamlAttributeMapping[];

  @Field(() => Date)
  createdAt!: Date;

  @Field(() => Date)
  updatedAt!: Date;
}
