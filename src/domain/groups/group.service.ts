import { LockMode, UniqueConstraintViolationException } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';

import { Group } from '../../entities/group.entity';
import { isScimObject, normalizeResource, type ScimObject } from '../../scim/schemas';
import type { DomainDeps } from '../deps';
import { DomainError } from '../errors';
import { newId } from '../ids';
import { buildMeta, etagOf, matchesEtag } from '../resource-meta';
import type { RegistrySource } from '../request-registries';
import { toDomainError } from '../scim-input-error';
import { groupTargets } from '../query/group-targets';
import { runListQuery, type ListPage, type ListQuery } from '../query/list-query';
import { inTransaction } from '../transaction';
import { isUuid } from '../users/user-rules';
import type { WriteOptions } from '../users/user.service';
import type { PatchOperation } from '../../scim/patch';
import { assertValueLimits } from '../value-limits';
import type { DirectoryChanges } from '../changes/directory-change';
import { GroupMembers, type MembershipDelta } from './group-members';
import { patchGroup } from './group-patch';
import type { GroupView, MemberView } from './group-view';

function displayNameTaken(displayName: string): DomainError {
  return DomainError.conflict(
    `displayName '${displayName}' is already used by another group; group names are unique ` +
      'per organization, ignoring case',
    'displayName',
  );
}

interface GroupAttributes {
  displayName: string;
  externalId: string | null;
}

function attributesOf(group: Group): GroupAttributes {
  return { displayName: group.displayName, externalId: group.externalId ?? null };
}

interface GroupDocument {
  displayName: string;
  externalId: string | null;
  /** Member ids, or undefined when the document does not mention members. */
  memberIds?: string[];
}

/** Groups of one organization and their memberships. */
export class GroupService {
  private readonly members: GroupMembers;

  constructor(
    private readonly em: EntityManager,
    private readonly deps: DomainDeps,
    private readonly registries: RegistrySource,
    private readonly changes: DirectoryChanges,
  ) {
    this.members = new GroupMembers(em);
  }

  /** Returns one group, or NOT_FOUND. */
  async get(organizationId: string, id: string): Promise<GroupView> {
    return this.view(await this.find(this.em, organizationId, id));
  }

  /** Lists groups matching a SCIM filter, sorted and paged in SQL. */
  async list(organizationId: string, query: ListQuery): Promise<ListPage<GroupView>> {
    const registry = await this.registries.forOrganization(organizationId);
    const page = await runListQuery(
      this.em,
      {
        table: 'groups',
        targets: groupTargets(registry),
        columns: 'g.*',
        mapRow: (row) => this.em.map(Group, row as never),
      },
      organizationId,
      query,
      this.deps.config,
    );

    return { ...page, resources: page.resources.map((group) => this.view(group)) };
  }

  /** Lists a group's members with their display names. */
  async listMembers(organizationId: string, id: string): Promise<MemberView[]> {
    return new GroupMembers(this.em).list(organizationId, id);
  }

  /** Creates a group from a SCIM body; displayName is unique per organization, ignoring case. */
  async create(organizationId: string, resource: ScimObject): Promise<GroupView> {
    const document = await this.toDocument(organizationId, resource);

    return inTransaction(this.em, async (tx) => {
      await this.assertDisplayNameFree(tx, organizationId, document.displayName);

      const now = this.deps.now();
      const group = tx.create(Group, {
        organizationId,
        id: newId(),
        displayName: document.displayName,
        externalId: document.externalId,
        version: 1,
        createdAt: now,
        updatedAt: now,
      });
      await this.flush(tx, document.displayName);

      const delta = document.memberIds?.length
        ? await new GroupMembers(tx).add(organizationId, group.id, document.memberIds, now)
        : { added: [], removed: [] };

      const view = this.view(group);
      await this.publish(tx, 'created', view, undefined, delta);
      return view;
    });
  }

  /** Replaces a group's attributes and members (RFC 7644 §3.5.1). */
  async replace(
    organizationId: string,
    id: string,
    resource: ScimObject,
    options: WriteOptions = {},
  ): Promise<GroupView> {
    const document = await this.toDocument(organizationId, resource);

    return inTransaction(this.em, async (tx) => {
      const group = await this.findForUpdate(tx, organizationId, id, options);
      await this.assertDisplayNameFree(tx, organizationId, document.displayName, id);

      const now = this.deps.now();
      const before = attributesOf(group);
      const delta = await new GroupMembers(tx).replace(
        organizationId,
        id,
        document.memberIds ?? [],
        now,
      );
      const changed =
        delta.added.length > 0 ||
        delta.removed.length > 0 ||
        group.displayName !== document.displayName ||
        (group.externalId ?? null) !== document.externalId;

      group.displayName = document.displayName;
      group.externalId = document.externalId;
      this.touch(group, changed, now);
      await this.flush(tx, document.displayName);

      const view = this.view(group);
      if (changed) {
        await this.publish(tx, 'updated', view, before, delta);
      }
      return view;
    });
  }

  /** Deletes a group; groups that contained it get a new version. */
  async delete(organizationId: string, id: string, options: WriteOptions = {}): Promise<void> {
    await inTransaction(this.em, async (tx) => {
      const group = await this.findForUpdate(tx, organizationId, id, options);

      await tx.execute(
        `update groups set version = version + 1, updated_at = ?
          where organization_id = ? and id in (
            select group_id from group_members where organization_id = ? and member_id = ?)`,
        [this.deps.now(), organizationId, organizationId, id],
      );
      await tx.execute('delete from group_members where organization_id = ? and member_id = ?', [
        organizationId,
        id,
      ]);
      const { removed } = await new GroupMembers(tx).removeAll(organizationId, id);

      const before = attributesOf(group);
      tx.remove(group);
      await tx.flush();
      await this.changes.publish(tx, {
        resourceType: 'Group',
        kind: 'deleted',
        organizationId,
        id,
        before,
        membersAdded: [],
        membersRemoved: removed,
      });
    });
  }

  /**
   * Applies SCIM PATCH operations (RFC 7644 §3.5.2) under a lock on the group row: all of
   * them or none. Membership changes never load the member list.
   */
  async patch(
    organizationId: string,
    id: string,
    operations: PatchOperation[],
    options: WriteOptions = {},
  ): Promise<GroupView> {
    const registry = await this.registries.forOrganization(organizationId);

    return inTransaction(this.em, async (tx) => {
      const group = await this.findForUpdate(tx, organizationId, id, options);
      const now = this.deps.now();
      const before = attributesOf(group);
      const outcome = await patchGroup(
        tx,
        group,
        operations,
        registry,
        now,
        this.deps.config.scimMaxValueBytes,
      );

      if (outcome.renamedTo !== undefined) {
        await this.assertDisplayNameFree(tx, organizationId, outcome.renamedTo, id);
      }

      this.touch(group, outcome.changed, now);
      await this.flush(tx, group.displayName);

      const view = this.view(group);
      if (outcome.changed) {
        await this.publish(tx, 'updated', view, before, outcome.delta);
      }
      return view;
    });
  }

  /** Adds members by id; members already present are skipped, unknown ids rejected. */
  async addMembers(
    organizationId: string,
    id: string,
    memberIds: string[],
    options: WriteOptions = {},
  ): Promise<GroupView> {
    return this.changeMembers(organizationId, id, options, (members, now) =>
      members.add(organizationId, id, memberIds, now),
    );
  }

  /** Removes exactly the listed members; ids that are not members are ignored. */
  async removeMembers(
    organizationId: string,
    id: string,
    memberIds: string[],
    options: WriteOptions = {},
  ): Promise<GroupView> {
    return this.changeMembers(organizationId, id, options, (members) =>
      members.remove(organizationId, id, memberIds),
    );
  }

  /**
   * Applies a membership change under a lock on the group row, so concurrent changes to the
   * same group queue up instead of losing each other's work.
   */
  private async changeMembers(
    organizationId: string,
    id: string,
    options: WriteOptions,
    change: (members: GroupMembers, now: Date) => Promise<MembershipDelta>,
  ): Promise<GroupView> {
    return inTransaction(this.em, async (tx) => {
      const group = await this.findForUpdate(tx, organizationId, id, options);
      const now = this.deps.now();
      const before = attributesOf(group);
      const delta = await change(new GroupMembers(tx), now);
      const changed = delta.added.length > 0 || delta.removed.length > 0;

      this.touch(group, changed, now);
      await tx.flush();

      const view = this.view(group);
      if (changed) {
        await this.publish(tx, 'updated', view, before, delta);
      }
      return view;
    });
  }

  private async publish(
    tx: EntityManager,
    kind: 'created' | 'updated',
    view: GroupView,
    before: GroupAttributes | undefined,
    delta: MembershipDelta,
  ): Promise<void> {
    await this.changes.publish(tx, {
      resourceType: 'Group',
      kind,
      organizationId: view.group.organizationId,
      id: view.group.id,
      before,
      after: attributesOf(view.group),
      view,
      membersAdded: delta.added,
      membersRemoved: delta.removed,
    });
  }

  /** Flushes, reporting a concurrent duplicate displayName as a uniqueness conflict. */
  private async flush(tx: EntityManager, displayName: string): Promise<void> {
    try {
      await tx.flush();
    } catch (error) {
      if (error instanceof UniqueConstraintViolationException) {
        throw displayNameTaken(displayName);
      }
      throw error;
    }
  }

  /** Gives the group a new version when something changed. */
  touch(group: Group, changed: boolean, now: Date): void {
    if (changed) {
      group.version += 1;
      group.updatedAt = now;
    }
  }

  async findForUpdate(
    tx: EntityManager,
    organizationId: string,
    id: string,
    options: WriteOptions,
  ): Promise<Group> {
    const group = await this.find(tx, organizationId, id, true);

    if (options.ifMatch && !matchesEtag(options.ifMatch, etagOf(group.version))) {
      throw new DomainError(
        'PRECONDITION_FAILED',
        `group ${id} is at version ${etagOf(group.version)}, not ${options.ifMatch}; ` +
          'read it again and retry',
      );
    }

    return group;
  }

  view(group: Group): GroupView {
    return { group, meta: buildMeta('Group', this.deps.config.publicUrl, group) };
  }

  async assertDisplayNameFree(
    em: EntityManager,
    organizationId: string,
    displayName: string,
    exceptGroupId?: string,
  ): Promise<void> {
    const rows = await em.execute<{ id: string }[]>(
      `select id from groups where organization_id = ? and lower(display_name) = lower(?) limit 1`,
      [organizationId, displayName],
    );
    const holder = rows[0];

    if (holder && holder.id !== exceptGroupId) {
      throw displayNameTaken(displayName);
    }
  }

  /** Validates a SCIM Group body and extracts its attributes and member ids. */
  async toDocument(organizationId: string, resource: ScimObject): Promise<GroupDocument> {
    const registry = await this.registries.forOrganization(organizationId);
    let document: ScimObject;

    try {
      document = normalizeResource(resource, registry, 'Group').document;
    } catch (error) {
      throw toDomainError(error);
    }

    assertValueLimits(
      { displayName: document.displayName ?? '', externalId: document.externalId ?? '' },
      this.deps.config.scimMaxValueBytes,
    );

    const displayName = document.displayName;
    if (typeof displayName !== 'string' || displayName.trim() === '') {
      throw DomainError.invalid("attribute 'displayName' is required and must not be empty", {
        field: 'displayName',
      });
    }

    const members = Array.isArray(document.members) ? document.members : undefined;
    const memberIds = members?.map((member, index) => {
      if (!isScimObject(member) || typeof member.value !== 'string') {
        throw DomainError.invalid(`members[${index}] needs a 'value' with the member's id`, {
          field: 'members',
        });
      }
      return member.value;
    });

    return {
      displayName,
      externalId: typeof document.externalId === 'string' ? document.externalId : null,
      memberIds,
    };
  }

  private async find(
    em: EntityManager,
    organizationId: string,
    id: string,
    lock = false,
  ): Promise<Group> {
    const group = isUuid(id)
      ? await em.findOne(
          Group,
          { organizationId, id },
          lock ? { lockMode: LockMode.PESSIMISTIC_WRITE } : {},
        )
      : null;

    if (!group) {
      throw DomainError.notFound('Group', id);
    }

    return group;
  }
}
