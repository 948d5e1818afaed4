import type { User } from '../../entities/user.entity';
import {
  ENTERPRISE_USER_SCHEMA,
  isScimObject,
  USER_SCHEMA,
  type ScimObject,
} from '../../scim/schemas';
import { renderMeta, scimBaseUrl, type ResourceMeta } from '../resource-meta';
import { userToDocument } from './user-document';

export interface GroupReference {
  id: string;
  displayName: string;
  /** `direct`, or `indirect` for a group reached through nested groups (RFC 7643 §4.1.2). */
  type: 'direct' | 'indirect';
}

export interface ManagerReference {
  id: string;
  displayName?: string | null;
}

/** A user with everything the GraphQL API and SCIM rendering need. */
export interface UserView {
  user: User;
  document: ScimObject;
  manager?: ManagerReference;
  groups: GroupReference[];
  meta: ResourceMeta;
}

/** Renders the user as RFC 7643 §4.1 describes it, with the extensions that have values. */
export function renderUserResource(view: UserView, publicUrl: string): ScimObject {
  const base = scimBaseUrl(publicUrl);
  const document = structuredClone(view.document);

  const enterprise = document[ENTERPRISE_USER_SCHEMA];
  if (isScimObject(enterprise) && view.manager) {
    enterprise.manager = {
      value: view.manager.id,
      $ref: `${base}/Users/${view.manager.id}`,
      ...(view.manager.displayName ? { displayName: view.manager.displayName } : {}),
    };
  }

  const extensionUrns = Object.keys(document).filter((key) => key.startsWith('urn:'));
  const resource: ScimObject = {
    schemas: [USER_SCHEMA, ...extensionUrns],
    id: view.user.id,
    ...document,
  };

  if (view.groups.length > 0) {
    resource.groups = view.groups.map((group) => ({
      value: group.id,
      $ref: `${base}/Groups/${group.id}`,
      display: group.displayName,
      type: group.type,
    }));
  }

  resource.meta = renderMeta(view.meta);
  return resource;
}
