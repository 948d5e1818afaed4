import type { EntityManager } from '@mikro-orm/postgresql';

import { DomainError } from '../errors';
import { isUuid } from '../users/user-rules';
import type { MemberView } from './group-view';

/** Member ids that one change added to and removed from a group. */
export interface MembershipDelta {
  added: string[];
  removed: string[];
}

const NO_CHANGE: MembershipDelta = { added: [], removed: [] };

/** Combines deltas in order: an id added then removed counts as removed, and the reverse. */
export function combineDeltas(first: MembershipDelta, next: MembershipDelta): MembershipDelta {
  const added = new Set(first.added);
  const removed = new Set(first.removed);

  for (const id of next.added) {
    removed.delete(id);
    added.add(id);
  }
  for (const id of next.removed) {
    if (!added.delete(id)) {
      removed.add(id);
    }
  }

  return { added: [...added], removed: [...removed] };
}

interface MemberRow {
  member_id: string;
  member_type: 'User' | 'Group';
  display: string | null;
}

/**
 * Membership changes as set operations on `group_members`: their cost depends on the members
 * named, never on the size of the group, and no member list is loaded.
 */
export class GroupMembers {
  constructor(private readonly em: EntityManager) {}

  /**
   * Adds members that exist in the organization; members already present are skipped.
   * Returns the ids added. Unknown ids fail the whole change, and the caller's transaction
   * undoes the rows inserted before the check.
   */
  async add(
    organizationId: string,
    groupId: string,
    memberIds: string[],
    now: Date,
  ): Promise<MembershipDelta> {
    const ids = [...new Set(memberIds)];
    if (ids.length === 0) {
      return NO_CHANGE;
    }

    const inserted = await this.insertExisting(organizationId, groupId, ids.filter(isUuid), now);
    const added = new Set(inserted.map((row) => row.member_id));
    if (added.size < ids.length) {
      await this.assertAllExist(
        organizationId,
        ids.filter((id) => !added.has(id)),
      );
    }

    const groupIds = inserted.filter((row) => row.member_type === 'Group');
    await this.assertNoCycle(
      organizationId,
      groupId,
      groupIds.map((row) => row.member_id),
    );

    return { added: [...added], removed: [] };
  }

  /** Removes the named members; ids that are not members are ignored. Returns the ids removed. */
  async remove(
    organizationId: string,
    groupId: string,
    memberIds: string[],
  ): Promise<MembershipDelta> {
    const ids = [...new Set(memberIds)].filter(isUuid);
    if (ids.length === 0) {
      return NO_CHANGE;
    }

    const rows = await this.em.execute<{ member_id: string }[]>(
      `delete from group_members where organization_id = ? and group_id = ? and member_id in (?)
       returning member_id`,
      [organizationId, groupId, ids],
    );

    return { added: [], removed: rows.map((row) => row.member_id) };
  }

  /** Removes every member. Returns the ids removed. */
  async removeAll(organizationId: string, groupId: string): Promise<MembershipDelta> {
    const rows = await this.em.execute<{ member_id: string }[]>(
      'delete from group_members where organization_id = ? and group_id = ? returning member_id',
      [organizationId, groupId],
    );

    return { added: [], removed: rows.map((row) => row.member_id) };
  }

  /** Replaces the members with exactly `memberIds`. Returns the ids added and removed. */
  async replace(
    organizationId: string,
    groupId: string,
    memberIds: string[],
    now: Date,
  ): Promise<MembershipDelta> {
    const ids = [...new Set(memberIds)];
    if (ids.length === 0) {
      return this.removeAll(organizationId, groupId);
    }

    // add() rejects unknown ids, so every id left is a valid uuid for the delete below.
    const { added } = await this.add(organizationId, groupId, ids, now);
    const removed = await this.em.execute<{ member_id: string }[]>(
      `delete from group_members
        where organization_id = ? and group_id = ? and member_id not in (?)
        returning member_id`,
      [organizationId, groupId, ids],
    );

    return { added, removed: removed.map((row) => row.member_id) };
  }

  /** Lists members with their display names, in id order. */
  async list(organizationId: string, groupId: string): Promise<MemberView[]> {
    const rows = await this.em.execute<MemberRow[]>(
      `select m.member_id, m.member_type,
              coalesce(u.display_name, u.user_name, g.display_name) as display
         from group_members m
         left join users u on m.member_type = 'User'
              and u.organization_id = m.organization_id and u.id = m.member_id
         left join groups g on m.member_type = 'Group'
              and g.organization_id = m.organization_id and g.id = m.member_id
        where m.organization_id = ? and m.group_id = ?
        order by m.member_id`,
      [organizationId, groupId],
    );

    return rows.map((row) => ({ id: row.member_id, type: row.member_type, display: row.display }));
  }

  /** Inserts the ids that name users or groups of the organization and are not members yet. */
  private async insertExisting(
    organizationId: string,
    groupId: string,
    ids: string[],
    now: Date,
  ): Promise<{ member_id: string; member_type: 'User' | 'Group' }[]> {
    if (ids.length === 0) {
      return [];
    }

    return this.em.execute(
      `insert into group_members (organization_id, group_id, member_id, member_type, created_at)
       select ?, ?, candidate.id, candidate.type, ?
         from (select id, 'User' as type from users where organization_id = ? and id in (?)
               union all
               select id, 'Group' from groups where organization_id = ? and id in (?)) candidate
       on conflict do nothing
       returning member_id, member_type`,
      [organizationId, groupId, now, organizationId, ids, organizationId, ids],
    );
  }

  /** Rejects ids that are neither users nor groups of the organization. */
  private async assertAllExist(organizationId: string, ids: string[]): Promise<void> {
    const known = await this.classify(organizationId, ids);
    const missing = ids.filter((id) => !known.has(id));
    if (missing.length === 0) {
      return;
    }

    const more = missing.length > 5 ? ` and ${missing.length - 5} more` : '';
    throw DomainError.invalid(
      'cannot add members that are not users or groups of this organization: ' +
        `${missing.slice(0, 5).join(', ')}${more}`,
      { field: 'members' },
    );
  }

  /** Finds which ids are users and which are groups of the organization. */
  private async classify(organizationId: string, ids: string[]) {
    const candidates = ids.filter(isUuid);
    const kinds = new Map<string, 'User' | 'Group'>();
    if (candidates.length === 0) {
      return kinds;
    }

    const rows = await this.em.execute<{ id: string; type: 'User' | 'Group' }[]>(
      `select id, 'User' as type from users where organization_id = ? and id in (?)
       union all
       select id, 'Group' from groups where organization_id = ? and id in (?)`,
      [organizationId, candidates, organizationId, candidates],
    );
    for (const row of rows) {
      kinds.set(row.id, row.type);
    }

    return kinds;
  }

  /** Rejects nesting that would make a group contain itself, directly or through others. */
  private async assertNoCycle(organizationId: string, groupId: string, memberGroupIds: string[]) {
    if (memberGroupIds.length === 0) {
      return;
    }
    if (memberGroupIds.includes(groupId)) {
      throw DomainError.invalid(`group ${groupId} cannot be a member of itself`, {
        field: 'members',
      });
    }

    const rows = await this.em.execute<{ id: string }[]>(
      `with recursive nested(id) as (
         select member_id from group_members
          where organization_id = ? and group_id in (?) and member_type = 'Group'
         union
         select m.member_id from group_members m join nested n on m.group_id = n.id
          where m.organization_id = ? and m.member_type = 'Group')
       select id from nested where id = ? limit 1`,
      [organizationId, memberGroupIds, organizationId, groupId],
    );
    if (rows.length > 0) {
      throw DomainError.invalid(
        `adding these groups to group ${groupId} would make it contain itself`,
        { field: 'members' },
      );
    }
  }
}
