import type { NonEmptyArray } from 'type-graphql';

import { AuditResolver } from './audit.resolver';
import { AuthResolver } from './auth.resolver';
import { GroupResolver } from './group.resolver';
import { OrganizationResolver } from './organization.resolver';
import { SamlIntegrationResolver } from './saml-integration.resolver';
import { ScimExtensionResolver } from './scim-extension.resolver';
import { ScimSchemaResolver } from './scim-schema.resolver';
import { ServerInfoResolver } from './server-info.resolver';
import { TokenResolver } from './token.resolver';
import { UserResolver } from './user.resolver';

/** Every resolver class of the public GraphQL schema. */
// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
export const RESOLVERS: NonEmptyArray<Function> = [
  ServerInfoResolver,
  AuthResolver,
  TokenResolver,
  OrganizationResolver,
  SamlIntegrationResolver,
  AuditResolver,
  UserResolver,
  GroupResolver,
  ScimSchemaResolver,
  ScimExtensionResolver,
];
