import type { AttributePath } from '../../scim/filter';
import type { SchemaRegistry } from '../../scim/schemas';
import { invalidFilter } from './compare';
import type { ElementSource } from './expressions';
import { describePath, type FilterTarget, type FilterTargets } from './targets';

const ALIAS = 'g';

/** Members of a group, from the membership table. */
const MEMBER_ELEMENTS: ElementSource = {
  from: 'group_members as membership',
  correlation: `membership.organization_id = ${ALIAS}.organization_id
            and membership.group_id = ${ALIAS}.id`,
  params: [],
  label: 'members',
  defaultSubAttribute: 'value',
  subAttribute: (name) => {
    const lower = name.toLowerCase();
    if (lower === 'value') {
      const sql = 'membership.member_id';
      return {
        sql,
        params: [],
        type: 'string',
        caseExact: true,
        uuid: true,
        label: 'members.value',
      };
    }
    if (lower === 'type') {
      const sql = 'membership.member_type';
      return { sql, params: [], type: 'string', caseExact: false, label: 'members.type' };
    }
    if (lower === 'display') {
      const sql = `coalesce(
        (select coalesce(member_user.display_name, member_user.user_name) from users member_user
          where member_user.organization_id = membership.organization_id
            and member_user.id = membership.member_id),
        (select member_group.display_name from groups member_group
          where member_group.organization_id = membership.organization_id
            and member_group.id = membership.member_id))`;
      return { sql, params: [], type: 'string', caseExact: false, label: 'members.display' };
    }
    return undefined;
  },
};

/** Filter targets of /Groups: columns of `groups g` and its members. */
export function groupTargets(registry: SchemaRegistry): FilterTargets {
  return {
    alias: ALIAS,
    resolve(path: AttributePath): FilterTarget {
      const resolved = registry.resolve('Group', path);
      if (!resolved) {
        throw invalidFilter(
          `unknown attribute '${describePath(path)}' in filter; groups have id, externalId, ` +
            'displayName, members and meta',
        );
      }

      const name = resolved.attribute.name;
      const sub = resolved.subAttribute?.name;
      const label = resolved.path;

      switch (name) {
        case 'id':
          return scalar(`${ALIAS}.id`, 'string', true, label, true);
        case 'externalId':
          return scalar(`${ALIAS}.external_id`, 'string', true, label);
        case 'displayName':
          return scalar(`${ALIAS}.display_name`, 'string', false, label);
        case 'members':
          return { kind: 'elements', source: MEMBER_ELEMENTS, subAttribute: sub };
        case 'meta':
          if (sub === 'created') {
            return scalar(`${ALIAS}.created_at`, 'dateTime', true, label);
          }
          if (sub === 'lastModified') {
            return scalar(`${ALIAS}.updated_at`, 'dateTime', true, label);
          }
          if (sub === 'resourceType') {
            return scalar(`'Group'`, 'string', true, label);
          }
          break;
      }

      throw invalidFilter(`attribute '${label}' cannot be used in filters`);
    },
  };
}

function scalar(
  sql: string,
  type: 'string' | 'dateTime',
  caseExact: boolean,
  label: string,
  uuid = false,
): FilterTarget {
  return { kind: 'scalar', expression: { sql, params: [], type, caseExact, uuid, label } };
}
