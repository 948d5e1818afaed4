import { GraphQLJSONObject } from 'graphql-scalars';
import { Field, ID, InputType } from 'type-graphql';

import { AddressInput, MultiValueInput } from '../types/multi-value.type';

@InputType('PersonNameInput')
export class PersonNameInput {
  @Field(() => String, { nullable: true })
  formatted?: string;

  @Field(() => String, { nullable: true })
  familyName?: string;

  @Field(() => String, { nullable: true })
  givenName?: string;

  @Field(() => String, { nullable: true })
  middleName?: string;

  @Field(() => String, { nullable: true })
  honorificPrefix?: string;

  @Field(() => String, { nullable: true })
  honorificSuffix?: string;
}

@InputType('EnterpriseAttributesInput')
export class EnterpriseAttributesInput {
  @Field(() => String, { nullable: true })
  employeeNumber?: string;

  @Field(() => String, { nullable: true })
  costCenter?: string;

  @Field(() => String, { nullable: true })
  organization?: string;

  @Field(() => String, { nullable: true })
  division?: string;

  @Field(() => String, { nullable: true })
  department?: string;

  @Field(() => ID, { nullable: true, description: "The manager's user id." })
  managerId?: string;
}

@InputType('UserInput', {
  description: 'All attributes of a user; on replace, omitted attributes are cleared.',
})
export class UserInput {
  @Field(() => String)
  userName!: string;

  @Field(() => String, { nullable: true })
  externalId?: string;

  @Field(() => String, { nullable: true })
  displayName?: string;

  @Field(() => PersonNameInput, { nullable: true })
  name?: PersonNameInput;

  @Field(() => String, { nullable: true })
  nickName?: string;

  @Field(() => String, { nullable: true })
  profileUrl?: string;

  @Field(() => String, { nullable: true })
  title?: string;

  @Field(() => String, { nullable: true })
  userType?: string;

  @Field(() => String, { nullable: true })
  preferredLanguage?: string;

  @Field(() => String, { nullable: true })
  locale?: string;

  @Field(() => String, { nullable: true })
  timezone?: string;

  @Field(() => Boolean, { nullable: true, description: 'Defaults to true.' })
  active?: boolean;

  @Field(() => String, {
    nullable: true,
    description: 'Stored as an argon2id hash and never returned.',
  })
  password?: string;

  @Field(() => [MultiValueInput], { nullable: true })
  emails?: MultiValueInput[];

  @Field(() => [MultiValueInput], { nullable: true })
  phoneNumbers?: MultiValueInput[];

  @Field(() => [MultiValueInput], { nullable: true })
  ims?: MultiValueInput[];

  @Field(() => [MultiValueInput], { nullable: true })
  photos?: MultiValueInput[];

  @Field(() => [AddressInput], { nullable: true })
  addresses?: AddressInput[];

  @Field(() => [MultiValueInput], { nullable: true })
  entitlements?: MultiValueInput[];

  @Field(() => [MultiValueInput], { nullable: true })
  roles?: MultiValueInput[];

  @Field(() => [MultiValueInput], { nullable: true })
  x509Certificates?: MultiValueInput[];

  @Field(() => EnterpriseAttributesInput, { nullable: true })
  enterprise?: EnterpriseAttributesInput;

  @Field(() => GraphQLJSONObject, {
    nullable: true,
    description: 'Custom extension values keyed by schema URN, then attribute name.',
  })
  extensions?: Record<string, unknown>;
}
