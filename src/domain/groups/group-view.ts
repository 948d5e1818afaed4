import type { Group } from '../../entities/group.entity';
import type { MemberType } from '../../entities/group-member.entity';
import { GROUP_SCHEMA, type ScimObject } from '../../scim/schemas';
import { renderMeta, scimBaseUrl, type ResourceMeta } from '../resource-meta';

export interface MemberView {
  id: string;
  type: MemberType;
  /** The user's displayName or userName, or the group's displayName. */
  display: string | null;
}

/** A group with what the GraphQL API and SCIM rendering need; members load on request. */
export interface GroupView {
  group: Group;
  meta: ResourceMeta;
}

/**
 * Renders a group as RFC 7643 §4.2 describes it. Without `members` the attribute is absent,
 * as `excludedAttributes=members` requires (Entra ID reads groups that way).
 */
export function renderGroupResource(
  view: GroupView,
  publicUrl: string,
  members?: MemberView[],
): ScimObject {
  const base = scimBaseUrl(publicUrl);
  const resource: ScimObject = {
    schemas: [GROUP_SCHEMA],
    id: view.group.id,
    displayName: view.group.displayName,
  };

  if (view.group.externalId) {
    resource.externalId = view.group.externalId;
  }
  if (members && members.length > 0) {
    resource.members = members.map((member) => ({
      value: member.id,
      $ref: `${base}/${member.type === 'User' ? 'Users' : 'Groups'}/${member.id}`,
      type: member.type,
      ...(member.display ? { display: member.display } : {}),
    }));
  }

  resource.meta = renderMeta(view.meta);
  return resource;
}
