import type { EntityManager } from '@mikro-orm/postgresql';

import type { User } from '../../entities/user.entity';
import { buildMeta } from '../resource-meta';
import { userToDocument } from './user-document';
import type { GroupReference, ManagerReference, UserView } from './user-view';

interface ManagerRow {
  id: string;
  display_name: string | null;
  user_name: string;
}

interface MembershipRow {
  member_id: string;
  id: string;
  display_name: string;
}

/**
 * Builds views for users of one organization with two batched queries: their managers' names
 * and their direct groups.
 */
export async function loadUserViews(
  em: EntityManager,
  organizationId: string,
  users: User[],
  publicUrl: string,
): Promise<UserView[]> {
  if (users.length === 0) {
    return [];
  }

  const managerIds = [...new Set(users.map((user) => user.managerId).filter(isString))];
  const managers = new Map<string, ManagerReference>();
  if (managerIds.length > 0) {
    const rows = await em.execute<ManagerRow[]>(
      `select id, display_name, user_name from users
        where organization_id = ? and id in (?)`,
      [organizationId, managerIds],
    );
    for (const row of rows) {
      managers.set(row.id, { id: row.id, displayName: row.display_name ?? row.user_name });
    }
  }

  const groups = new Map<string, GroupReference[]>();
  const rows = await em.execute<MembershipRow[]>(
    `select m.member_id, g.id, g.display_name
       from group_members m
       join groups g on g.organization_id = m.organization_id and g.id = m.group_id
      where m.organization_id = ? and m.member_id in (?)
      order by g.display_name, g.id`,
    [organizationId, users.map((user) => user.id)],
  );
  for (const row of rows) {
    const list = groups.get(row.member_id) ?? [];
    list.push({ id: row.id, displayName: row.display_name });
    groups.set(row.member_id, list);
  }

  return users.map((user) => ({
    user,
    document: userToDocument(user),
    // A manager deleted in the meantime has no row: keep the id so the change stays visible.
    manager: user.managerId ? (managers.get(user.managerId) ?? { id: user.managerId }) : undefined,
    groups: groups.get(user.id) ?? [],
    meta: buildMeta('User', publicUrl, user),
  }));
}

function isString(value: string | null | undefined): value is string {
  return typeof value === 'string';
}
