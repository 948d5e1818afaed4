import type { NonEmptyArray } from 'type-graphql';

import { ApplicationRecordResolver } from './application-record.resolver';
import { ApplicationResolver } from './application.resolver';
import { AuditResolver } from './audit.resolver';
import { AuthResolver } from './auth.resolver';
import { GroupResolver } from './group.resolver';
import { OrganizationResolver } from './organization.resolver';
import { ProvisioningEventResolver } from './provisioning-event.resolver';
import { SamlIntegrationResolver } from './saml-integration.resolver';
import { ScimExtensionResolver } from './scim-extension.resolver';
import { ScimSchemaResolver } from './scim-schema.resolver';
import { ScimSettingsResolver } from './scim-settings.resolver';
import { ServerInfoResolver } from './server-info.resolver';
import { SsoResolver } from './sso.resolver';
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
  SsoResolver,
  AuditResolver,
  ProvisioningEventResolver,
  UserResolver,
  GroupResolver,
  ScimSchemaResolver,
  ScimExtensionResolver,
  ApplicationResolver,
  ApplicationRecordResolver,
  ScimSettingsResolver,
];
