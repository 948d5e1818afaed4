import type { EntityManager } from '@mikro-orm/postgresql';

import type { ScimObject } from '../../scim/schemas';
import type { GroupView } from '../groups/group-view';
import type { UserView } from '../users/user-view';

/** A user was created, changed or deleted; documents are canonical SCIM documents. */
export interface UserChange {
  resourceType: 'User';
  kind: 'created' | 'updated' | 'deleted';
  organizationId: string;
  id: string;
  /** The document before the change; absent for created. */
  before?: ScimObject;
  /** The document after the change; absent for deleted. */
  after?: ScimObject;
  /** The user after the change; absent for deleted. */
  view?: UserView;
  passwordChanged: boolean;
}

/** A group was created, changed or deleted, or its members changed. */
export interface GroupChange {
  resourceType: 'Group';
  kind: 'created' | 'updated' | 'deleted';
  organizationId: string;
  id: string;
  before?: { displayName: string; externalId: string | null };
  after?: { displayName: string; externalId: string | null };
  /** The group after the change; absent for deleted. */
  view?: GroupView;
  membersAdded: string[];
  membersRemoved: string[];
}

export type DirectoryChange = UserChange | GroupChange;

/** Something a listener could not apply as asked; recorded with the change, never fatal. */
export interface ProvisioningWarning {
  code: 'ATTRIBUTE_DISCOVERED' | 'UNDECLARED_ATTRIBUTE' | 'MAPPING_CONVERSION';
  /** The SCIM attribute path or the field concerned. */
  attribute: string;
  message: string;
}

/**
 * Reacts to directory changes inside the transaction that makes them, so that what it writes
 * commits or rolls back with the change.
 */
export interface DirectoryListener {
  /** `warnings` is shared by the listeners of one change; a listener may add to it. */
  onChange(
    tx: EntityManager,
    change: DirectoryChange,
    warnings: ProvisioningWarning[],
  ): Promise<void>;
}

/**
 * Delivers each change to every registered listener, in registration order, then to the
 * listeners added with `subscribeLast`.
 */
export class DirectoryChanges {
  private readonly listeners: DirectoryListener[] = [];
  private readonly lastListeners: DirectoryListener[] = [];

  /** Adds a listener; done once at start-up. */
  subscribe(listener: DirectoryListener): void {
    this.listeners.push(listener);
  }

  /** Adds a listener that runs after every `subscribe`d one, to see all their warnings. */
  subscribeLast(listener: DirectoryListener): void {
    this.lastListeners.push(listener);
  }

  /** Returns the warnings the listeners added, in order. */
  async publish(
    tx: EntityManager,
    change: DirectoryChange,
    warnings: ProvisioningWarning[] = [],
  ): Promise<ProvisioningWarning[]> {
    for (const listener of [...this.listeners, ...this.lastListeners]) {
      await listener.onChange(tx, change, warnings);
    }
    return warnings;
  }
}
