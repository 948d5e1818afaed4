import { createHash } from 'node:crypto';

import type { EntityManager } from '@mikro-orm/postgresql';

import { User } from '../../entities/user.entity';
import { buildMeta } from '../resource-meta';
import { userToDocument } from './user-document';
import type { GroupReference, UserView } from './user-view';

/** Deepest group nesting followed when listing a user's indirect groups. */
export const MAX_GROUP_NESTING = 32;

/**
 * Columns selected next to `u.*` so that one query returns a user with its manager's name and
 * its groups: direct ones, and those reached through nested groups as `indirect`.
 */
export const USER_VIEW_COLUMNS = `
  (select coalesce(manager.display_name, manager.user_name) from users manager
    where manager.organization_id = u.organization_id and manager.id = u.manager_id)
    as view_manager_display,
  (with recursive reached(group_id, depth) as (
       select membership.group_id, 1 from group_members membership
        where membership.organization_id = u.organization_id and membership.member_id = u.id
       union
       select parent.group_id, reached.depth + 1 from group_members parent
         join reached on parent.member_id = reached.group_id
        where parent.organization_id = u.organization_id and parent.member_type = 'Group'
          and reached.depth < ${MAX_GROUP_NESTING})
   select coalesce(json_agg(json_build_object(
            'id', grp.id, 'displayName', grp.display_name,
            'type', case when nearest.depth = 1 then 'direct' else 'indirect' end)
            order by grp.display_name, grp.id), '[]'::json)
     from (select group_id, min(depth) as depth from reached group by group_id) nearest
     join groups grp on grp.organization_id = u.organization_id and grp.id = nearest.group_id)
    as view_groups`;

/** A row of `select u.*, <USER_VIEW_COLUMNS> from users u`. */
export type UserViewRow = Record<string, unknown> & {
  view_manager_display: string | null;
  view_groups: GroupReference[] | string;
};

/** Turns a row with USER_VIEW_COLUMNS into a managed entity and its view. */
export function userViewFromRow(em: EntityManager, row: UserViewRow, publicUrl: string): UserView {
  const { view_manager_display: managerDisplay, view_groups: groups, ...columns } = row;
  const user = em.map(User, columns as never);

  return buildUserView(user, publicUrl, {
    managerDisplay,
    groups: typeof groups === 'string' ? JSON.parse(groups) : groups,
  });
}

/** Assembles a view from a user and what is known of its manager and groups. */
export function buildUserView(
  user: User,
  publicUrl: string,
  related: { managerDisplay?: string | null; groups: GroupReference[] },
): UserView {
  const manager = user.managerId
    ? { id: user.managerId, displayName: related.managerDisplay ?? null }
    : undefined;

  return {
    user,
    document: userToDocument(user),
    manager,
    groups: related.groups,
    meta: buildMeta('User', publicUrl, user, derivedDigest(related.groups, manager)),
  };
}

/**
 * Computes a short digest of what a user's representation shows from other resources: its
 * groups and its manager's name. Membership changes do not write user rows, so the ETag
 * includes this digest.
 */
function derivedDigest(
  groups: GroupReference[],
  manager: { displayName: string | null } | undefined,
): string | undefined {
  if (groups.length === 0 && !manager) {
    return undefined;
  }

  const text = JSON.stringify([groups, manager?.displayName ?? null]);
  return createHash('sha256').update(text).digest('base64url').slice(0, 10);
}

/** Loads one user with its view columns, optionally locking the row for an update. */
export async function loadUserView(
  em: EntityManager,
  organizationId: string,
  id: string,
  publicUrl: string,
  options: { forUpdate?: boolean } = {},
): Promise<UserView | undefined> {
  const rows = await em.execute<UserViewRow[]>(
    `select u.*, ${USER_VIEW_COLUMNS} from users u
      where u.organization_id = ? and u.id = ?${options.forUpdate ? ' for update of u' : ''}`,
    [organizationId, id],
  );

  return rows[0] ? userViewFromRow(em, rows[0], publicUrl) : undefined;
}
