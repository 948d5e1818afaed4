import type { GroupView } from '../../domain/groups/group-view';
import type { GroupType } from '../types/group.type';

/** The GraphQL Group object; `view` stays on it for the field resolvers. */
export type GroupObject = GroupType & { view: GroupView };

export function toGroupObject(view: GroupView): GroupObject {
  return {
    id: view.group.id,
    displayName: view.group.displayName,
    externalId: view.group.externalId,
    meta: view.meta,
    view,
  };
}
