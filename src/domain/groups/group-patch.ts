import type { EntityManager } from '@mikro-orm/postgresql';

import type { Group } from '../../entities/group.entity';
import { applyPatch, splitMemberOperations, type PatchOperation } from '../../scim/patch';
import type { SchemaRegistry, ScimObject } from '../../scim/schemas';
import { DomainError } from '../errors';
import { toDomainError } from '../scim-input-error';
import { assertValueLimits } from '../value-limits';
import { GroupMembers } from './group-members';

export interface GroupPatchOutcome {
  /** Whether any attribute or membership changed. */
  changed: boolean;
  /** The new displayName when it changed, for the uniqueness check. */
  renamedTo?: string;
}

/**
 * Applies PATCH operations to a locked group. Membership operations run in order as set
 * operations on `group_members`; the other operations patch the displayName and externalId
 * document in memory, and the entity takes the result. The caller flushes.
 */
export async function patchGroup(
  tx: EntityManager,
  group: Group,
  operations: PatchOperation[],
  registry: SchemaRegistry,
  now: Date,
  maxValueBytes: number,
): Promise<GroupPatchOutcome> {
  const members = new GroupMembers(tx);
  const { organizationId, id } = group;
  const documentOperations: PatchOperation[] = [];
  const documentIndexes: number[] = [];
  let membershipChanges = 0;

  for (const step of split(operations, registry)) {
    switch (step.kind) {
      case 'document':
        documentOperations.push(step.operation);
        documentIndexes.push(step.index);
        break;
      case 'addMembers':
        membershipChanges += await members.add(organizationId, id, step.ids, now);
        break;
      case 'removeMembers':
        membershipChanges += await members.remove(organizationId, id, step.ids);
        break;
      case 'replaceMembers':
        membershipChanges += await members.replace(organizationId, id, step.ids, now);
        break;
      case 'removeAllMembers':
        membershipChanges += await members.removeAll(organizationId, id);
        break;
      default: {
        const unexpected: never = step;
        throw new Error(`unsupported patch step ${JSON.stringify(unexpected)}`);
      }
    }
  }

  const documentChange = patchAttributes(
    group,
    documentOperations,
    documentIndexes,
    registry,
    maxValueBytes,
  );

  return {
    changed: membershipChanges > 0 || documentChange.changed,
    renamedTo: documentChange.renamedTo,
  };
}

function split(operations: PatchOperation[], registry: SchemaRegistry) {
  try {
    return splitMemberOperations(operations, registry);
  } catch (error) {
    throw toDomainError(error);
  }
}

function patchAttributes(
  group: Group,
  operations: PatchOperation[],
  operationIndexes: number[],
  registry: SchemaRegistry,
  maxValueBytes: number,
): { changed: boolean; renamedTo?: string } {
  if (operations.length === 0) {
    return { changed: false };
  }

  const document: ScimObject = { displayName: group.displayName };
  if (group.externalId) {
    document.externalId = group.externalId;
  }

  let result;
  try {
    result = applyPatch(document, operations, {
      registry,
      resourceType: 'Group',
      acceptUndeclaredExtensions: false,
      operationIndexes,
    });
  } catch (error) {
    throw toDomainError(error);
  }

  if (!result.changed) {
    return { changed: false };
  }

  assertValueLimits(result.document, maxValueBytes);
  const displayName = result.document.displayName;
  if (typeof displayName !== 'string' || displayName.trim() === '') {
    throw new DomainError('BAD_USER_INPUT', "a group's displayName cannot be removed", {
      scimType: 'mutability',
      field: 'displayName',
    });
  }

  const renamed = displayName !== group.displayName;
  group.displayName = displayName;
  group.externalId =
    typeof result.document.externalId === 'string' ? result.document.externalId : null;

  return { changed: true, renamedTo: renamed ? displayName : undefined };
}
