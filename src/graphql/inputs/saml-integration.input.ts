import { ArrayMaxSize, IsOptional, MaxLength, ValidateNested } from 'class-validator';
import { Field, InputType } from 'type-graphql';

import type { SamlUserField as SamlUserFieldValue } from '../../entities/saml-integration.entity';
import { SamlUserField } from '../types/saml-integration.type';

@InputType()
export class SamlAttributeMappingInput {
  @Field(() => String, { description: 'Attribute (claim) name in the SAML assertion.' })
  @MaxLength(512, { message: 'must have at most 512 characters' })
  attribute!: string;

  @Field(() => SamlUserField)
  field!: SamlUserFieldValue;
}

/** Fields shared by create and update; on update, absent fields stay and null clears. */
@InputType()
abstract class SamlIntegrationFields {
  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(1000, { message: 'must have at most 1000 characters' })
  description?: string | null;

  @Field(() => String, { nullable: true, description: 'Entra: Microsoft Entra Identifier.' })
  @IsOptional()
  @MaxLength(1024, { message: 'must have at most 1024 characters' })
  idpEntityId?: string | null;

  @Field(() => String, { nullable: true, description: 'Entra: Login URL (https).' })
  @IsOptional()
  @MaxLength(2048, { message: 'must have at most 2048 characters' })
  idpSignOnUrl?: string | null;

  @Field(() => String, { nullable: true, description: 'Entra: Logout URL (https).' })
  @IsOptional()
  @MaxLength(2048, { message: 'must have at most 2048 characters' })
  idpLogoutUrl?: string | null;

  @Field(() => String, { nullable: true, description: 'Signing certificate, PEM or base64.' })
  @IsOptional()
  @MaxLength(20000, { message: 'must have at most 20000 characters' })
  idpCertificate?: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'A second signing certificate for key rotation, PEM or base64.',
  })
  @IsOptional()
  @MaxLength(20000, { message: 'must have at most 20000 characters' })
  idpNextCertificate?: string | null;

  @Field(() => [SamlAttributeMappingInput], {
    nullable: true,
    description: "Replaces the whole mapping; Entra's default claim names when never set.",
  })
  @IsOptional()
  @ArrayMaxSize(20, { message: 'must have at most 20 entries' })
  @ValidateNested()
  attributeMapping?: SamlAttributeMappingInput[] | null;

  @Field(() => Boolean, {
    nullable: true,
    description:
      'Whether sign-in started at the identity provider (no AuthnRequest of Roster) is ' +
      'accepted; false when never set.',
  })
  @IsOptional()
  allowIdpInitiated?: boolean | null;

  @Field(() => Boolean, {
    nullable: true,
    description:
      'Whether a valid sign-in of a person Roster does not know creates them as a member; ' +
      'false when never set.',
  })
  @IsOptional()
  justInTimeProvisioning?: boolean | null;
}

@InputType()
export class CreateSamlIntegrationInput extends SamlIntegrationFields {
  @Field(() => String, { description: '1 to 100 characters.' })
  @MaxLength(100, { message: 'must have at most 100 characters' })
  name!: string;
}

@InputType()
export class UpdateSamlIntegrationInput extends SamlIntegrationFields {
  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(100, { message: 'must have at most 100 characters' })
  name?: string | null;
}
