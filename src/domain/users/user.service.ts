import { hash } from '@node-rs/argon2';
import { LockMode } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';

import { User } from '../../entities/user.entity';
import { normalizeResource, type ScimObject } from '../../scim/schemas';
import type { DomainDeps } from '../deps';
import { DomainError } from '../errors';
import { newId } from '../ids';
import { etagOf } from '../resource-meta';
import type { SchemaRegistryProvider } from '../schema-registry.service';
import { toDomainError } from '../scim-input-error';
import { runListQuery, type ListPage, type ListQuery } from '../query/list-query';
import { userTargets } from '../query/user-targets';
import { inTransaction } from '../transaction';
import { applyDocumentToUser, userToDocument } from './user-document';
import {
  assertManager,
  assertUserName,
  assertUserNameFree,
  isUuid,
  managerIdOf,
} from './user-rules';
import { loadUserViews } from './user-view-loader';
import type { UserView } from './user-view';

export interface WriteOptions {
  /** The client's `If-Match` value; the write fails with 412 unless it names the current version. */
  ifMatch?: string | null;
}

/** Users of one organization: the rules behind SCIM /Users and the GraphQL user mutations. */
export class UserService {
  constructor(
    private readonly em: EntityManager,
    private readonly deps: DomainDeps,
    private readonly registries: SchemaRegistryProvider,
  ) {}

  /**
   * Validates a SCIM User body against the organization's schemas and returns its canonical
   * document.
   */
  async toDocument(organizationId: string, resource: ScimObject): Promise<ScimObject> {
    const registry = await this.registries.forOrganization(organizationId);

    try {
      const normalized = normalizeResource(resource, registry, 'User');
      return { ...normalized.document, ...undeclaredExtensions(normalized.undeclared) };
    } catch (error) {
      throw toDomainError(error);
    }
  }

  /** Returns one user, or NOT_FOUND. */
  async get(organizationId: string, id: string): Promise<UserView> {
    const user = await this.find(this.em, organizationId, id);
    return this.view(this.em, organizationId, user);
  }

  /** Lists users matching a SCIM filter, sorted and paged in SQL. */
  async list(organizationId: string, query: ListQuery): Promise<ListPage<UserView>> {
    const registry = await this.registries.forOrganization(organizationId);
    const page = await runListQuery(
      this.em,
      { entity: User, table: 'users', targets: userTargets(registry) },
      organizationId,
      query,
      this.deps.config.scimMaxResults,
    );
    const views = await loadUserViews(
      this.em,
      organizationId,
      page.resources,
      this.deps.config.publicUrl,
    );

    return { ...page, resources: views };
  }

  /** Creates a user from a SCIM body; `password` is hashed, never stored in clear. */
  async create(organizationId: string, resource: ScimObject): Promise<UserView> {
    const document = await this.toDocument(organizationId, resource);

    return inTransaction(this.em, async (tx) => {
      const { password, rest } = splitPassword(document);
      const userName = assertUserName(rest);
      const id = newId();

      await assertUserNameFree(tx, organizationId, userName);
      await assertManager(tx, organizationId, managerIdOf(rest), id);

      const now = this.deps.now();
      const user = tx.create(User, {
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
      await tx.flush();

      return this.view(tx, organizationId, user);
    });
  }

  /** Replaces every attribute of a user (RFC 7644 §3.5.1); omitted attributes are cleared. */
  async replace(
    organizationId: string,
    id: string,
    resource: ScimObject,
    options: WriteOptions = {},
  ): Promise<UserView> {
    const document = await this.toDocument(organizationId, resource);

    return inTransaction(this.em, async (tx) => {
      const user = await this.findForUpdate(tx, organizationId, id, options);
      const { password, rest } = splitPassword(document);
      const userName = assertUserName(rest);

      await assertUserNameFree(tx, organizationId, userName, id);
      await assertManager(tx, organizationId, managerIdOf(rest), id);

      await this.write(tx, user, rest, password);
      return this.view(tx, organizationId, user);
    });
  }

  /** Deletes a user with its memberships; groups it left get a new version. */
  async delete(organizationId: string, id: string, options: WriteOptions = {}): Promise<void> {
    await inTransaction(this.em, async (tx) => {
      const user = await this.findForUpdate(tx, organizationId, id, options);
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
    });
  }

  /**
   * Stores a new document in the user. The version and lastModified change only when an
   * attribute or the password really changed.
   */
  async write(
    tx: EntityManager,
    user: User,
    document: ScimObject,
    password: string | undefined,
  ): Promise<boolean> {
    const before = JSON.stringify(userToDocument(user));
    applyDocumentToUser(user, document);
    const changed = JSON.stringify(userToDocument(user)) !== before || password !== undefined;

    if (password !== undefined) {
      user.passwordHash = await hash(password);
    }
    if (changed) {
      user.version += 1;
      user.updatedAt = this.deps.now();
    }

    await tx.flush();
    return changed;
  }

  /** Loads a user, locking its row until the transaction ends, and checks `If-Match`. */
  async findForUpdate(
    tx: EntityManager,
    organizationId: string,
    id: string,
    options: WriteOptions,
  ): Promise<User> {
    const user = await this.find(tx, organizationId, id, true);

    if (options.ifMatch && !matchesEtag(options.ifMatch, user.version)) {
      throw new DomainError(
        'PRECONDITION_FAILED',
        `user ${id} is at version ${etagOf(user.version)}, not ${options.ifMatch}; ` +
          'read it again and retry',
      );
    }

    return user;
  }

  async view(em: EntityManager, organizationId: string, user: User): Promise<UserView> {
    const [view] = await loadUserViews(em, organizationId, [user], this.deps.config.publicUrl);
    return view;
  }

  private async find(
    em: EntityManager,
    organizationId: string,
    id: string,
    lock = false,
  ): Promise<User> {
    const user = isUuid(id)
      ? await em.findOne(
          User,
          { organizationId, id },
          lock ? { lockMode: LockMode.PESSIMISTIC_WRITE } : {},
        )
      : null;

    if (!user) {
      throw DomainError.notFound('User', id);
    }

    return user;
  }
}

/** `If-Match` may list several tags or `*` (RFC 7232 §3.1). */
export function matchesEtag(ifMatch: string, version: number): boolean {
  const current = etagOf(version);
  const strong = current.slice(2);

  return ifMatch
    .split(',')
    .map((tag) => tag.trim())
    .some((tag) => tag === '*' || tag === current || tag === strong);
}

/**
 * Keeps simple values sent under custom extension URNs that no schema declares yet, so that
 * nothing Entra ID sends is lost; complex or multi-valued values there are rejected.
 */
function undeclaredExtensions(undeclared: Record<string, Record<string, unknown>>): ScimObject {
  const result: ScimObject = {};

  for (const [urn, values] of Object.entries(undeclared)) {
    const kept: ScimObject = {};
    for (const [name, value] of Object.entries(values)) {
      if (value === null || value === undefined) {
        continue;
      }
      if (typeof value === 'object') {
        throw DomainError.invalid(
          `attribute '${urn}:${name}' is not declared, so it may only hold a single ` +
            'string, number or boolean',
          { field: `${urn}:${name}` },
        );
      }
      kept[name] = String(value);
    }
    if (Object.keys(kept).length > 0) {
      result[urn] = kept;
    }
  }

  return result;
}

function splitPassword(document: ScimObject): { password?: string; rest: ScimObject } {
  const { password, ...rest } = document;
  return { password: typeof password === 'string' ? password : undefined, rest };
}
