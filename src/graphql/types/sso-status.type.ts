import { Field, ObjectType } from 'type-graphql';

@ObjectType({ description: "Whether an organization's people can sign in with SAML SSO." })
export class SsoStatus {
  @Field(() => String, { description: 'The organization slug that was asked about.' })
  organization!: string;

  @Field(() => Boolean, {
    description: 'True when the organization exists and its SAML integration is enabled.',
  })
  enabled!: boolean;

  @Field(() => String, {
    nullable: true,
    description:
      'Where a "Sign in with SSO" link points (`GET /sso/<slug>/login`, which accepts ' +
      '`?returnTo=/path`); null unless enabled.',
  })
  loginUrl!: string | null;
}
