import type { EntityManager } from '@mikro-orm/postgresql';

import { isScimObject, type ScimObject, type ScimValue } from '../../scim/schemas';

/** Users read and rewritten per round trip. */
const BATCH_SIZE = 500;

/** The attribute whose stored values change, with its canonical URN and name. */
export interface StoredAttribute {
  urn: string;
  name: string;
}

/**
 * Returns the new value of one user's attribute (undefined removes it), or raises an error
 * that names the user.
 */
export type ValueConverter = (value: ScimValue, userId: string) => ScimValue | undefined;

/**
 * Rewrites every stored value of a custom extension attribute in the organization's users,
 * under the canonical URN and name, matching stored keys without regard to case. Each user
 * whose document changes gets a new version. Returns the number of users changed.
 *
 * NOTE: these rewrites publish no DirectoryChanges, so change listeners do not see them.
 */
export async function rewriteStoredValues(
  tx: EntityManager,
  organizationId: string,
  attribute: StoredAttribute,
  convert: ValueConverter,
  now: Date,
): Promise<number> {
  let after = '00000000-0000-0000-0000-000000000000';
  let changed = 0;

  for (;;) {
    const rows = await tx.execute<{ id: string; extensions: Record<string, ScimObject> }[]>(
      `select id, extensions from users
        where organization_id = ? and id > ?
          and exists (select 1 from jsonb_object_keys(extensions) as stored_urn
                       where lower(stored_urn) = lower(?))
        order by id limit ?`,
      [organizationId, after, attribute.urn, BATCH_SIZE],
    );

    for (const row of rows) {
      const rewritten = rewriteUserExtensions(row.extensions, attribute, (value) =>
        convert(value, row.id),
      );
      if (rewritten === undefined || JSON.stringify(rewritten) === JSON.stringify(row.extensions)) {
        continue;
      }

      await tx.execute(
        `update users set extensions = cast(? as jsonb), version = version + 1, updated_at = ?
          where organization_id = ? and id = ?`,
        [JSON.stringify(rewritten), now, organizationId, row.id],
      );
      changed += 1;
    }

    if (rows.length < BATCH_SIZE) {
      return changed;
    }
    after = rows[rows.length - 1].id;
  }
}

/** Returns the user's new extensions, or undefined when the attribute has no stored value. */
function rewriteUserExtensions(
  extensions: Record<string, ScimObject>,
  attribute: StoredAttribute,
  convert: (value: ScimValue) => ScimValue | undefined,
): Record<string, ScimObject> | undefined {
  const urnLower = attribute.urn.toLowerCase();
  const nameLower = attribute.name.toLowerCase();
  const result: Record<string, ScimObject> = {};
  let stored: ScimValue | undefined;

  for (const [urn, values] of Object.entries(extensions)) {
    if (urn.toLowerCase() !== urnLower || !isScimObject(values)) {
      result[urn] = values;
      continue;
    }

    const kept: ScimObject = { ...result[attribute.urn] };
    for (const [name, value] of Object.entries(values)) {
      if (name.toLowerCase() === nameLower) {
        stored = value;
      } else {
        kept[name] = value;
      }
    }
    result[attribute.urn] = kept;
  }

  if (stored === undefined) {
    return undefined;
  }

  const converted = convert(stored);
  if (converted !== undefined) {
    result[attribute.urn] = { ...result[attribute.urn], [attribute.name]: converted };
  }
  if (Object.keys(result[attribute.urn]).length === 0) {
    delete result[attribute.urn];
  }

  return result;
}
