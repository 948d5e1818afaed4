import type { EntityManager } from '@mikro-orm/postgresql';

import type { Group } from '../../entities/group.entity';
import {
  applyPatch,
  splitMemberOperations,
  type MemberStep,
  type PatchOperation,
  type RemoveAllMembersStep,
} from '../../scim/patch';
import type { SchemaRegistry, ScimObject } from '../../scim/schemas';
import { DomainError } from '../errors';
import { toDomainError } from '../scim-input-error';
import { assertValueLimits } from '../value-limits';
import { combineDeltas, GroupMembers, type MembershipDelta } from './group-members';

export interface GroupPatchOutcome {
  /** Whether any attribute or membership changed. */
  changed: boolean;
  /** Members added and removed by the whole request. */
  delta: MembershipDelta;
  /** The new displayName when it changed, for the uniqueness check. */
  renamedTo?: string;
}

/**
 * Applies PATCH operations to a locked group. Membership operations run in order as set
 * operations on `group_members`. The other operations patch a document of displayName and
 * externalId in memory, and the entity takes the result. The caller flushes.
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
  let delta: MembershipDelta = { added: [], removed: [] };

  for (const step of split(operations, registry)) {
    if (step.kind === 'document') {
      documentOperations.push(step.operation);
      documentIndexes.push(step.index);
      continue;
    }

    const stepDelta = await atOperation(step.index, () =>
      applyMemberStep(members, organizationId, id, step, now),
    );
    delta = combineDeltas(delta, stepDelta);
  }

  const documentChange = patchAttributes(
    group,
    documentOperations,
    documentIndexes,
    registry,
    maxValueBytes,
  );

  const membershipChanged = delta.added.length > 0 || delta.removed.length > 0;

  return {
    changed: membershipChanged || documentChange.changed,
    delta,
    renamedTo: documentChange.renamedTo,
  };
}

/** Applies one membership step as a set operation and returns the members it changed. */
function applyMemberStep(
  members: GroupMembers,
  organizationId: string,
  groupId: string,
  step: MemberStep | RemoveAllMembersStep,
  now: Date,
): Promise<MembershipDelta> {
  switch (step.kind) {
    case 'addMembers':
      return members.add(organizationId, groupId, step.ids, now);
    case 'removeMembers':
      return members.remove(organizationId, groupId, step.ids);
    case 'replaceMembers':
      return members.replace(organizationId, groupId, step.ids, now);
    case 'removeAllMembers':
      return members.removeAll(organizationId, groupId);
    default: {
      const unexpected: never = step;
      throw new Error(`unsupported patch step ${JSON.stringify(unexpected)}`);
    }
  }
}

/**
 * Prefixes input errors of a membership step, such as an unknown member id, with the position
 * of its operation, as `applyPatch` does for the other operations.
 */
async function atOperation<T>(index: number, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof DomainError && error.code === 'BAD_USER_INPUT') {
      throw new DomainError(error.code, `Operations[${index}]: ${error.message}`, error.details);
    }
    throw error;
  }
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
