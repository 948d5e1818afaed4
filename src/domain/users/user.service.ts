import { hash } from '@node-rs/argon2';
import { UniqueConstraintViolationException } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';

import { User } from '../../entities/user.entity';
import { normalizeResource, type ScimObject } from '../../scim/schemas';
import type { DomainDeps } from '../deps';
import { DomainError } from '../errors';
import { newId } from '../ids';
import { runListQuery, type ListPage, type ListQuery } from '../query/list-query';
import { userTargets } from '../query/user-targets';
import { matchesEtag } from '../resource-meta';
import type { RegistrySource } from '../request-registries';
import { toDomainError } from '../scim-input-error';
import { inTransaction } from '../transaction';
import type { PatchOperation } from '../../scim/patch';
import type { DirectoryChanges, ProvisioningWarning } from '../changes/directory-change';
import { ExtensionDiscovery } from '../extensions/extension-discovery';
import { assertRequiredExtensionValues } from '../extensions/extension-values';
import { writesUndeclaredAttribute } from '../extensions/patch-discovery';
import { lockSchemaSettings } from '../extensions/schema-store';
import { assertValueLimits } from '../value-limits';
import { mergeExtensions, undeclaredExtensions } from './undeclared-extensions';
import { patchUserDocument } from './user-patch';
import { applyDocumentToUser, userToDocument } from './user-document';
import {
  assertManager,
  assertUserName,
  assertUserNameFree,
  isUuid,
  managerIdOf,
  userNameTaken,
} from './user-rules';
import {
  buildUserView,
  loadUserView,
  USER_VIEW_COLUMNS,
  userViewFromRow,
  type UserViewRow,
} from './user-view-loader';
import { assertAnotherActiveAdmin } from './last-admin';
import type { UserView } from './user-view';

export interface WriteOptions {
  /** The client's `If-Match` value; unless it names the current version, the write fails (412). */
  ifMatch?: string | null;
}

/** A validated User document and the warnings that its write reports to change listeners. */
export interface UserDocument {
  document: ScimObject;
  warnings: ProvisioningWarning[];
}

/** Users of one organization: the rules behind SCIM /Users and the GraphQL user mutations. */
export class UserService {
  private readonly discovery: ExtensionDiscovery;

  constructor(
    private readonly em: EntityManager,
    private readonly deps: DomainDeps,
    private readonly registries: RegistrySource,
    private readonly changes: DirectoryChanges,
  ) {
    this.discovery = new ExtensionDiscovery(deps, registries);
  }

  private get publicUrl(): string {
    return this.deps.config.publicUrl;
  }

  /**
   * Validates a SCIM User body against the organization's schemas and returns its canonical
   * document. Custom extension attributes that are not declared yet are declared within `tx`
   * as discovered strings, each reported by a warning.
   */
  async toDocument(
    tx: EntityManager,
    organizationId: string,
    resource: ScimObject,
  ): Promise<UserDocument> {
    const registry = await this.registries.forOrganization(organizationId, tx);

    let document: ScimObject;
    try {
      const normalized = normalizeResource(resource, registry, 'User');
      document = mergeExtensions(normalized.document, undeclaredExtensions(normalized.undeclared));
    } catch (error) {
      throw toDomainError(error);
    }

    const discovery = await this.discovery.declareUndeclared(
      tx,
      organizationId,
      document,
      registry,
    );
    assertRequiredExtensionValues(discovery.document, discovery.registry);
    assertValueLimits(discovery.document, this.deps.config.scimMaxValueBytes);

    return { document: discovery.document, warnings: discovery.warnings };
  }

  /** Returns one user with its manager's name and groups, in one query, or NOT_FOUND. */
  async get(organizationId: string, id: string): Promise<UserView> {
    const view = isUuid(id)
      ? await loadUserView(this.em, organizationId, id, this.publicUrl)
      : undefined;

    if (!view) {
      throw DomainError.notFound('User', id);
    }

    return view;
  }

  /** Lists users matching a SCIM filter, sorted and paged in SQL. */
  async list(organizationId: string, query: ListQuery): Promise<ListPage<UserView>> {
    const registry = await this.registries.forOrganization(organizationId, this.em);

    return runListQuery(
      this.em,
      {
        table: 'users',
        targets: userTargets(registry),
        columns: `u.*, ${USER_VIEW_COLUMNS}`,
        mapRow: (row) => userViewFromRow(this.em, row as UserViewRow, this.publicUrl),
      },
      organizationId,
      query,
      this.deps.config,
    );
  }

  /** Creates a user from a SCIM body; `password` is hashed, never stored in clear. */
  async create(organizationId: string, resource: ScimObject): Promise<UserView> {
    return inTransaction(this.em, async (tx) => {
      const { document, warnings } = await this.toDocument(tx, organizationId, resource);
      const { password, rest } = splitPassword(document);
      const userName = assertUserName(rest);
      const id = newId();
      const manager = await assertManager(tx, organizationId, managerIdOf(rest), id);

      const now = this.deps.now();
      const user = Object.assign(new User(), {
        organizationId,
        id,
        userName,
        role: 'MEMBER',
        version: 1,
        createdAt: now,
        updatedAt: now,
      });
      applyDocumentToUser(user, rest);
      if (password !== undefined) {
        user.passwordHash = await hash(password);
      }
      await this.insert(tx, user);

      const view = buildUserView(user, this.publicUrl, {
        managerDisplay: manager?.display,
        groups: [],
      });
      await this.changes.publish(
        tx,
        {
          resourceType: 'User',
          kind: 'created',
          organizationId,
          id,
          after: view.document,
          view,
          passwordChanged: password !== undefined,
        },
        warnings,
      );
      return view;
    });
  }

  /** Replaces every attribute of a user (RFC 7644 §3.5.1); omitted attributes are cleared. */
  async replace(
    organizationId: string,
    id: string,
    resource: ScimObject,
    options: WriteOptions = {},
  ): Promise<UserView> {
    return inTransaction(this.em, async (tx) => {
      const { document, warnings } = await this.toDocument(tx, organizationId, resource);
      const current = await this.loadForUpdate(tx, organizationId, id, options);
      const { password, rest } = splitPassword(document);
      assertUserName(rest);

      return this.write(tx, current, rest, password, warnings);
    });
  }

  /**
   * Applies SCIM PATCH operations (RFC 7644 §3.5.2) under a row lock: all of them or none.
   * A PATCH that changes nothing keeps the version and lastModified.
   */
  async patch(
    organizationId: string,
    id: string,
    operations: PatchOperation[],
    options: WriteOptions = {},
  ): Promise<UserView> {
    return inTransaction(this.em, async (tx) => {
      const registry = await this.registries.forOrganization(organizationId, tx);
      if (writesUndeclaredAttribute(operations, registry)) {
        // Discovery locks the schema settings; take that lock before the user's row lock.
        await lockSchemaSettings(tx, organizationId, this.deps.now());
      }

      const current = await this.loadForUpdate(tx, organizationId, id, options);
      const patched = patchUserDocument(current, operations, registry);

      if (!patched) {
        return current;
      }

      const { document, warnings } = await this.discovery.declareUndeclared(
        tx,
        organizationId,
        patched.document,
        registry,
      );
      assertValueLimits(document, this.deps.config.scimMaxValueBytes);
      return this.write(tx, current, document, patched.password, warnings);
    });
  }

  /** Deletes a user with its memberships; groups it left get a new version. */
  async delete(organizationId: string, id: string, options: WriteOptions = {}): Promise<void> {
    await inTransaction(this.em, async (tx) => {
      const { user, document } = await this.loadForUpdate(tx, organizationId, id, options);
      if (user.role === 'ADMIN' && user.active) {
        await assertAnotherActiveAdmin(tx, organizationId, id, 'delete');
      }
      const now = this.deps.now();

      await tx.execute(
        `update groups set version = version + 1, updated_at = ?
          where organization_id = ? and id in (
            select group_id from group_members where organization_id = ? and member_id = ?)`,
        [now, organizationId, organizationId, id],
      );
      await tx.execute('delete from group_members where organization_id = ? and member_id = ?', [
        organizationId,
        id,
      ]);
      await tx.execute(
        `update users set manager_id = null, version = version + 1, updated_at = ?
          where organization_id = ? and manager_id = ?`,
        [now, organizationId, id],
      );

      tx.remove(user);
      await tx.flush();
      await this.changes.publish(tx, {
        resourceType: 'User',
        kind: 'deleted',
        organizationId,
        id,
        before: document,
        passwordChanged: false,
      });
    });
  }

  /**
   * Stores a new document in a user loaded for update and returns its view. The userName and
   * manager rules run only when those attributes change; the version and lastModified change
   * only when an attribute or the password really changed. `warnings` go to the change
   * listeners with the change.
   */
  async write(
    tx: EntityManager,
    current: UserView,
    document: ScimObject,
    password: string | undefined,
    warnings: ProvisioningWarning[] = [],
  ): Promise<UserView> {
    const { user } = current;
    const userName = assertUserName(document);
    const organizationId = user.organizationId;

    if (userName.toLowerCase() !== user.userName.toLowerCase()) {
      await assertUserNameFree(tx, organizationId, userName, user.id);
    }

    let managerDisplay = current.manager?.displayName;
    const managerId = managerIdOf(document);
    if (managerId !== undefined && managerId !== user.managerId) {
      managerDisplay = (await assertManager(tx, organizationId, managerId, user.id))?.display;
    }

    const before = current.document;
    const wasActive = user.active;
    applyDocumentToUser(user, document);
    if (user.role === 'ADMIN' && wasActive && !user.active) {
      await assertAnotherActiveAdmin(tx, organizationId, user.id, 'deactivate');
    }
    const after = userToDocument(user);
    const changed = JSON.stringify(after) !== JSON.stringify(before) || password !== undefined;

    if (password !== undefined) {
      user.passwordHash = await hash(password);
    }
    if (changed) {
      user.version += 1;
      user.updatedAt = this.deps.now();
    }
    await this.flush(tx, userName);

    const view = buildUserView(user, this.publicUrl, { managerDisplay, groups: current.groups });
    if (changed) {
      await this.changes.publish(
        tx,
        {
          resourceType: 'User',
          kind: 'updated',
          organizationId,
          id: user.id,
          before,
          after,
          view,
          passwordChanged: password !== undefined,
        },
        warnings,
      );
    }
    return view;
  }

  /** Loads a user with its view, locking its row until the transaction ends; checks If-Match. */
  async loadForUpdate(
    tx: EntityManager,
    organizationId: string,
    id: string,
    options: WriteOptions,
  ): Promise<UserView> {
    const view = isUuid(id)
      ? await loadUserView(tx, organizationId, id, this.publicUrl, { forUpdate: true })
      : undefined;

    if (!view) {
      throw DomainError.notFound('User', id);
    }
    if (options.ifMatch && !matchesEtag(options.ifMatch, view.meta.version)) {
      throw new DomainError(
        'PRECONDITION_FAILED',
        `user ${id} is at version ${view.meta.version}, not ${options.ifMatch}; ` +
          'read it again and retry',
      );
    }

    return view;
  }

  /**
   * Inserts a new user with one statement. The user stays outside the unit of work, which
   * would otherwise compare every property again when the transaction flushes.
   */
  private async insert(tx: EntityManager, user: User): Promise<void> {
    await reportDuplicateUserName(user.userName, () => tx.insert(User, user));
  }

  /** Flushes, reporting a concurrent duplicate userName as a uniqueness conflict. */
  private async flush(tx: EntityManager, userName: string): Promise<void> {
    await reportDuplicateUserName(userName, () => tx.flush());
  }
}

/** Runs a write, and turns a violated userName unique index into a uniqueness conflict. */
async function reportDuplicateUserName(userName: string, write: () => Promise<unknown>) {
  try {
    await write();
  } catch (error) {
    if (error instanceof UniqueConstraintViolationException) {
      throw userNameTaken(userName);
    }
    throw error;
  }
}

function splitPassword(document: ScimObject): { password?: string; rest: ScimObject } {
  const { password, ...rest } = document;
  return { password: typeof password === 'string' ? password : undefined, rest };
}
