import { ApiToken } from './api-token.entity';
import { GroupMember } from './group-member.entity';
import { Group } from './group.entity';
import { AuditEvent } from './audit-event.entity';
import { Organization } from './organization.entity';
import { SamlIntegration } from './saml-integration.entity';
import { ScimExtensionAttribute } from './scim-extension-attribute.entity';
import { Session } from './session.entity';
import { User } from './user.entity';

export { ApiToken } from './api-token.entity';
export { Group } from './group.entity';
export { GroupMember } from './group-member.entity';
export { AuditEvent } from './audit-event.entity';
export { Organization } from './organization.entity';
export { SamlIntegration } from './saml-integration.entity';
export { ScimExtensionAttribute } from './scim-extension-attribute.entity';
export { Session } from './session.entity';
export { User } from './user.entity';

/** Every entity class, in the order MikroORM discovers them. */
export const ENTITIES = [
  Organization,
  User,
  ApiToken,
  Session,
  AuditEvent,
  SamlIntegration,
  Group,
  GroupMember,
  ScimExtensionAttribute,
];
