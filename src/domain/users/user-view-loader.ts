import type { EntityManager } from '@mikro-orm/postgresql';

import { User } from '../../entities/user.entity';
import { buildMeta } from '../resource-meta';
import { userToDocument } from './user-document';
import type { GroupReference, UserView } from './user-view';

/**
 * Columns selected next to `u.*` so that one query returns a user with its manager's name and
 * its direct groups, instead of one query for each.
 */
export const USER_VIEW_COLUMNS = `
  (select coalesce(manager.display_name, manager.user_name) from users manager
    where manager.organization_id = u.organization_id and manager.id = u.manager_id)
    as view_manager_display,
  (select coalesce(json_agg(json_build_object('id', grp.id, 'displayName', grp.display_name)
            order by grp.display_name, grp.id), '[]'::json)
     from group_members membership
     join groups grp on grp.organization_id = membership.organization_id
      and grp.id = membership.group_id
    where membership.organization_id = u.organization_id and membership.member_id = u.id)
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
  return {
    user,
    document: userToDocument(user),
    manager: user.managerId
      ? { id: user.managerId, displayName: related.managerDisplay ?? null }
      : undefined,
    groups: related.groups,
    meta: buildMeta('User', publicUrl, user),
  };
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
