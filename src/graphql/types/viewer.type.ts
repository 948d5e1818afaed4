import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';

import { Organization } from './organization.type';

export const OrganizationRole = { ADMIN: 'ADMIN', MEMBER: 'MEMBER' } as const;
registerEnumType(OrganizationRole, {
  name: 'OrganizationRole',
  description: "A user's role in their organization; only admins may change settings.",
});

export const AuthenticationMethod = { SESSION: 'SESSION', TOKEN: 'TOKEN' } as const;
registerEnumType(AuthenticationMethod, {
  name: 'AuthenticationMethod',
  description: 'How the caller authenticated: the session cookie or an API token.',
});

@ObjectType({ description: 'The signed-in user, or the user an API token acts as.' })
export class Viewer {
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  userName!: string;

  @Field(() => String, { nullable: true })
  displayName!: string | null;

  @Field(() => OrganizationRole)
  role!: keyof typeof OrganizationRole;

  @Field(() => AuthenticationMethod)
  authenticatedVia!: keyof typeof AuthenticationMethod;

  @Field(() => Boolean, {
    description:
      'True while the session must change its one-time password; until then only viewer, ' +
      'changePassword and signOut work.',
  })
  passwordChangeRequired!: boolean;

  @Field(() => Organization)
  organization!: Organization;
}

@ObjectType({ description: 'A new session; its cookie is in the response headers.' })
export class SignInPayload {
  @Field(() => Viewer)
  viewer!: Viewer;

  @Field(() => Date, { description: 'When the session ends at the latest (absolute timeout).' })
  expiresAt!: Date;
}
