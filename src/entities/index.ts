import { ApiToken } from './api-token.entity';
import { ApplicationField } from './application-field.entity';
import { ApplicationRecord } from './application-record.entity';
import { Application } from './application.entity';
import { GroupMember } from './group-member.entity';
import { Group } from './group.entity';
import { AuditEvent } from './audit-event.entity';
import { Organization } from './organization.entity';
import { ProvisioningEvent } from './provisioning-event.entity';
import { SamlIntegration } from './saml-integration.entity';
import { ScimExtensionAttribute } from './scim-extension-attribute.entity';
import { ScimResyncJob } from './scim-resync-job.entity';
import { ScimSettings } from './scim-settings.entity';
import { Session } from './session.entity';
import { User } from './user.entity';

export { ApiToken } from './api-token.entity';
export { Application } from './application.entity';
export { ApplicationField } from './application-field.entity';
export { ApplicationRecord } from './application-record.entity';
export { Group } from './group.entity';
export { GroupMember } from './group-member.entity';
export { AuditEvent } from './audit-event.entity';
export { Organization } from './organization.entity';
export { ProvisioningEvent } from './provisioning-event.entity';
export { SamlIntegration } from './saml-integration.entity';
export { ScimExtensionAttribute } from './scim-extension-attribute.entity';
export { ScimResyncJob } from './scim-resync-job.entity';
export { ScimSettings } from './scim-settings.entity';
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
  Application,
  ApplicationField,
  ApplicationRecord,
  ScimSettings,
  ScimResyncJob,
  ProvisioningEvent,
];
