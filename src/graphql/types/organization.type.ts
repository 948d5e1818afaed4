import { Field, ID, ObjectType } from 'type-graphql';

@ObjectType({ description: 'A tenant of Roster: its users, tokens and settings.' })
export class Organization {
  @Field(() => ID)
  id!: string;

  @Field(() => String, { description: 'Short name used in URLs, such as /sso/<slug>/login.' })
  slug!: string;

  @Field(() => String)
  name!: string;

  @Field(() => Boolean, { description: 'Whether admins may create tokens that never expire.' })
  allowNeverExpiringTokens!: boolean;
}
