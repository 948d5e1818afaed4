import type { AttributePath } from '../../scim/filter';
import {
  ENTERPRISE_USER_SCHEMA,
  type AttributeDefinition,
  type SchemaRegistry,
} from '../../scim/schemas';
import {
  ENTERPRISE_STRING_ATTRIBUTES,
  USER_MULTI_VALUED_ATTRIBUTES,
  USER_NAME_PARTS,
  USER_STRING_ATTRIBUTES,
} from '../users/user-fields';
import { invalidFilter } from './compare';
import type { ElementSource, SqlExpression } from './expressions';
import { extensionField } from './extension-field';
import { jsonElements } from './json-elements';
import type { SqlFragment } from './sql-fragment';
import { describePath, type FilterTarget, type FilterTargets } from './targets';

const ALIAS = 'u';

function snake(name: string): string {
  return name.replace(/[A-Z]/g, (match) => `_${match.toLowerCase()}`);
}

function column(name: string, definition: AttributeDefinition, label: string): SqlExpression {
  return {
    sql: `${ALIAS}.${snake(name)}`,
    params: [],
    type: definition.type,
    caseExact: definition.caseExact,
    label,
  };
}

const META_COLUMNS: Record<string, string> = {
  created: 'created_at',
  lastmodified: 'updated_at',
};

/**
 * Groups a user belongs to directly, from the membership table.
 * NOTE: filters on `groups` match direct memberships only, while the rendered `groups`
 * attribute also lists groups reached through nesting.
 */
const GROUP_ELEMENTS: ElementSource = {
  from: `group_members as membership
           join groups as member_group on member_group.organization_id = membership.organization_id
            and member_group.id = membership.group_id`,
  correlation: `membership.organization_id = ${ALIAS}.organization_id
            and membership.member_id = ${ALIAS}.id`,
  params: [],
  label: 'groups',
  defaultSubAttribute: 'value',
  subAttribute: (name) => {
    const lower = name.toLowerCase();
    if (lower === 'value') {
      const sql = 'membership.group_id';
      return {
        sql,
        params: [],
        type: 'string',
        caseExact: true,
        uuid: true,
        label: 'groups.value',
      };
    }
    if (lower === 'display') {
      const sql = 'member_group.display_name';
      return { sql, params: [], type: 'string', caseExact: false, label: 'groups.display' };
    }
    if (lower === 'type') {
      return {
        sql: `'direct'`,
        params: [],
        type: 'string',
        caseExact: false,
        label: 'groups.type',
      };
    }
    return undefined;
  },
};

/**
 * Returns the condition implied by `emails.value eq x` that the GIN index
 * `users_emails_values` serves.
 */
function emailValueHint(subAttribute: string, value: string): SqlFragment | undefined {
  if (subAttribute.toLowerCase() !== 'value') {
    return undefined;
  }

  return { sql: `(scim_lower_values(${ALIAS}.emails) @> array[lower(?)])`, params: [value] };
}

/** Filter targets of /Users: columns of `users u`, its JSON arrays and its memberships. */
export function userTargets(registry: SchemaRegistry): FilterTargets {
  return {
    alias: ALIAS,
    resolve(path: AttributePath): FilterTarget {
      const resolved = registry.resolve('User', path);
      if (!resolved) {
        throw invalidFilter(
          `unknown attribute '${describePath(path)}' in filter; GET /Schemas lists the User ` +
            'attributes',
        );
      }

      const { attribute, subAttribute, schema } = resolved;
      const label = resolved.path;
      const name = attribute.name;

      if (!schema) {
        return commonTarget(name, subAttribute, label);
      }

      if (schema.id === ENTERPRISE_USER_SCHEMA) {
        return enterpriseTarget(attribute, subAttribute, label);
      }

      if (resolved.inExtension) {
        // NOTE: no index serves custom extension attributes, so these filters and sorts read
        // every user of the organization.
        const field = extensionField(ALIAS, schema.id, attribute, label);
        return { kind: 'scalar', expression: field };
      }

      if ((USER_STRING_ATTRIBUTES as readonly string[]).includes(name) || name === 'active') {
        return { kind: 'scalar', expression: column(name, attribute, label) };
      }

      if (name === 'name') {
        return nameTarget(attribute, subAttribute, label);
      }

      if (name === 'groups') {
        return { kind: 'elements', source: GROUP_ELEMENTS, subAttribute: subAttribute?.name };
      }

      if ((USER_MULTI_VALUED_ATTRIBUTES as readonly string[]).includes(name)) {
        const source = jsonElements(`${ALIAS}.${snake(name)}`, attribute);
        if (name === 'emails') {
          source.equalityHint = emailValueHint;
        }
        return { kind: 'elements', source, subAttribute: subAttribute?.name };
      }

      throw invalidFilter(`attribute '${label}' cannot be used in filters`);
    },
  };
}

function commonTarget(
  name: string,
  subAttribute: AttributeDefinition | undefined,
  label: string,
): FilterTarget {
  if (name === 'id') {
    const sql = `${ALIAS}.id`;
    return {
      kind: 'scalar',
      expression: { sql, params: [], type: 'string', caseExact: true, uuid: true, label },
    };
  }
  if (name === 'externalId') {
    const sql = `${ALIAS}.external_id`;
    return {
      kind: 'scalar',
      expression: { sql, params: [], type: 'string', caseExact: true, label },
    };
  }

  const metaColumn = subAttribute ? META_COLUMNS[subAttribute.name.toLowerCase()] : undefined;
  if (metaColumn) {
    const sql = `${ALIAS}.${metaColumn}`;
    return {
      kind: 'scalar',
      expression: { sql, params: [], type: 'dateTime', caseExact: true, label },
    };
  }
  if (subAttribute?.name === 'resourceType') {
    return {
      kind: 'scalar',
      expression: { sql: `'User'`, params: [], type: 'string', caseExact: true, label },
    };
  }

  throw invalidFilter(`attribute '${label}' cannot be used in filters`);
}

function nameTarget(
  attribute: AttributeDefinition,
  subAttribute: AttributeDefinition | undefined,
  label: string,
): FilterTarget {
  const parts = attribute.subAttributes ?? [];
  const expressionOf = (part: AttributeDefinition) =>
    column(USER_NAME_PARTS[part.name as keyof typeof USER_NAME_PARTS], part, `name.${part.name}`);

  if (subAttribute) {
    return { kind: 'scalar', expression: expressionOf(subAttribute) };
  }

  return { kind: 'complex', label, parts: parts.map(expressionOf) };
}

function enterpriseTarget(
  attribute: AttributeDefinition,
  subAttribute: AttributeDefinition | undefined,
  label: string,
): FilterTarget {
  const property =
    ENTERPRISE_STRING_ATTRIBUTES[attribute.name as keyof typeof ENTERPRISE_STRING_ATTRIBUTES];
  if (property) {
    return { kind: 'scalar', expression: column(property, attribute, label) };
  }

  // `manager` alone means its value, as in Entra ID's `manager eq "<id>"`.
  if (attribute.name === 'manager' && (!subAttribute || subAttribute.name === 'value')) {
    const sql = `${ALIAS}.manager_id`;
    return {
      kind: 'scalar',
      expression: { sql, params: [], type: 'string', caseExact: true, uuid: true, label },
    };
  }

  throw invalidFilter(`attribute '${label}' cannot be used in filters`);
}
