import { Field, InputType, ObjectType } from 'type-graphql';

@ObjectType('MultiValue', {
  description: 'One value of a multi-valued SCIM attribute such as emails or roles.',
})
export class MultiValueType {
  @Field(() => String, { nullable: true })
  value?: string;

  @Field(() => String, { nullable: true })
  display?: string;

  @Field(() => String, { nullable: true, description: 'For example work, home or mobile.' })
  type?: string;

  @Field(() => Boolean, { description: 'Whether this is the preferred value.' })
  primary!: boolean;
}

@InputType('MultiValueInput')
export class MultiValueInput {
  @Field(() => String, { nullable: true })
  value?: string;

  @Field(() => String, { nullable: true })
  display?: string;

  @Field(() => String, { nullable: true })
  type?: string;

  @Field(() => Boolean, { nullable: true })
  primary?: boolean;
}

@ObjectType('Address', { description: 'A physical mailing address (RFC 7643 §4.1.2).' })
export class AddressType {
  @Field(() => String, { nullable: true })
  formatted?: string;

  @Field(() => String, { nullable: true })
  streetAddress?: string;

  @Field(() => String, { nullable: true })
  locality?: string;

  @Field(() => String, { nullable: true })
  region?: string;

  @Field(() => String, { nullable: true })
  postalCode?: string;

  @Field(() => String, { nullable: true })
  country?: string;

  @Field(() => String, { nullable: true })
  type?: string;

  @Field(() => Boolean)
  primary!: boolean;
}

@InputType('AddressInput')
export class AddressInput {
  @Field(() => String, { nullable: true })
  formatted?: string;

  @Field(() => String, { nullable: true })
  streetAddress?: string;

  @Field(() => String, { nullable: true })
  locality?: string;

  @Field(() => String, { nullable: true })
  region?: string;

  @Field(() => String, { nullable: true })
  postalCode?: string;

  @Field(() => String, { nullable: true })
  country?: string;

  @Field(() => String, { nullable: true })
  type?: string;

  @Field(() => Boolean, { nullable: true })
  primary?: boolean;
}
