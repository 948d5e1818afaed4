import type { EntityManager } from '@mikro-orm/postgresql';

import { ENTERPRISE_USER_SCHEMA, isScimObject, type ScimObject } from '../../scim/schemas';
import { DomainError } from '../errors';

/** Rejects a document without a usable userName (RFC 7643 §4.1.1: required). */
export function assertUserName(document: ScimObject): string {
  const userName = document.userName;

  if (typeof userName !== 'string' || userName.trim() === '') {
    throw DomainError.invalid("attribute 'userName' is required and must not be empty", {
      field: 'userName',
    });
  }

  return userName;
}

/** Rejects a userName that another user of the organization has, ignoring case. */
export async function assertUserNameFree(
  em: EntityManager,
  organizationId: string,
  userName: string,
  exceptUserId?: string,
): Promise<void> {
  const rows = await em.execute<{ id: string }[]>(
    `select id from users where organization_id = ? and lower(user_name) = lower(?) limit 1`,
    [organizationId, userName],
  );
  const holder = rows[0];

  if (holder && holder.id !== exceptUserId) {
    throw userNameTaken(userName);
  }
}

/** The conflict reported for a userName that another user has. */
export function userNameTaken(userName: string): DomainError {
  return DomainError.conflict(
    `userName '${userName}' is already used by another user; userName is unique per ` +
      'organization, ignoring case',
    'userName',
  );
}

/** The manager id of a document's enterprise extension, if any. */
export function managerIdOf(document: ScimObject): string | undefined {
  const enterprise = document[ENTERPRISE_USER_SCHEMA];
  const manager = isScimObject(enterprise) ? enterprise.manager : undefined;

  return isScimObject(manager) && typeof manager.value === 'string' ? manager.value : undefined;
}

const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Whether a string has the form of a Roster id; other strings can never match a row. */
export function isUuid(value: string): boolean {
  return UUID_PATTERN.test(value);
}

/**
 * Rejects a manager that is not a user of the organization, or the user itself. Returns the
 * manager's display name when there is a manager.
 */
export async function assertManager(
  em: EntityManager,
  organizationId: string,
  managerId: string | undefined,
  userId: string,
): Promise<{ display: string } | undefined> {
  if (managerId === undefined) {
    return undefined;
  }

  const field = `${ENTERPRISE_USER_SCHEMA}:manager`;
  if (managerId === userId) {
    throw DomainError.invalid('a user cannot be their own manager', { field });
  }

  const rows = isUuid(managerId)
    ? await em.execute<{ display: string }[]>(
        `select coalesce(display_name, user_name) as display from users
          where organization_id = ? and id = ?`,
        [organizationId, managerId],
      )
    : [];
  if (rows.length === 0) {
    throw DomainError.invalid(
      `manager '${managerId}' is not a user in this organization; create the manager first`,
      { field },
    );
  }

  return rows[0];
}
