import type { EntityManager } from '@mikro-orm/postgresql';

import { User } from '../../../entities/user.entity';
import type { ScimObject } from '../../../scim/schemas';
import type { UserService } from '../../users/user.service';
import type { SsoIdentity } from './sso-identity';
import { SsoRejection } from './sso-rejection';

const CORE_USER_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:User';

/**
 * Finds the organization's user an identity names, comparing case-insensitively. The first
 * match is by userName equal to the NameID, because Entra sends the user principal name and
 * SCIM provisioning uses it as userName. The next is by userName or an email value equal to
 * the mapped email. Raises AMBIGUOUS_USER when the email matches several users.
 */
export async function findSsoUser(
  em: EntityManager,
  organizationId: string,
  identity: SsoIdentity,
): Promise<User | null> {
  const byNameId = await em.execute<{ id: string }[]>(
    'select id from users where organization_id = ? and lower(user_name) = lower(?)',
    [organizationId, identity.nameId],
  );
  let id = byNameId[0]?.id;

  if (!id && identity.email) {
    const byEmail = await em.execute<{ id: string }[]>(
      `select id from users
        where organization_id = ?
          and (lower(user_name) = lower(?) or scim_lower_values(emails) @> array[lower(?)])
        limit 2`,
      [organizationId, identity.email, identity.email],
    );
    if (byEmail.length > 1) {
      throw new SsoRejection(
        'AMBIGUOUS_USER',
        'the mapped email matches more than one user of the organization',
        { nameId: identity.nameId },
      );
    }
    id = byEmail[0]?.id;
  }

  return id ? em.findOne(User, { organizationId, id }) : null;
}

/**
 * Creates a member from an identity through the SCIM user rules, so change listeners see it:
 * userName is the NameID, plus the mapped email and names.
 */
export async function createSsoUser(
  users: UserService,
  organizationId: string,
  identity: SsoIdentity,
): Promise<string> {
  const resource: ScimObject = { schemas: [CORE_USER_SCHEMA], userName: identity.nameId };
  applyIdentity(resource, identity);

  const view = await users.create(organizationId, resource);
  return view.user.id;
}

/**
 * Writes the mapped display name, given and family name and primary email into a user
 * through the SCIM user rules. A sign-in that changes nothing writes nothing.
 */
export async function updateSsoUser(
  tx: EntityManager,
  users: UserService,
  user: User,
  identity: SsoIdentity,
): Promise<void> {
  const current = await users.loadForUpdate(tx, user.organizationId, user.id, {});
  const resource: ScimObject = { schemas: [CORE_USER_SCHEMA], ...current.document };
  applyIdentity(resource, identity);

  const { document, warnings } = await users.toDocument(tx, user.organizationId, resource);
  await users.write(tx, current, document, undefined, warnings);
}

function applyIdentity(resource: ScimObject, identity: SsoIdentity): void {
  if (identity.displayName) {
    resource.displayName = identity.displayName;
  }

  const name = { ...((resource.name as ScimObject | undefined) ?? {}) };
  if (identity.givenName) {
    name.givenName = identity.givenName;
  }
  if (identity.familyName) {
    name.familyName = identity.familyName;
  }
  if (Object.keys(name).length > 0) {
    resource.name = name;
  }

  if (identity.email) {
    resource.emails = withPrimaryEmail(
      (resource.emails as ScimObject[] | undefined) ?? [],
      identity.email,
    );
  }
}

/** Sets the primary email's value, or adds a primary work email when there is none. */
function withPrimaryEmail(emails: ScimObject[], email: string): ScimObject[] {
  const primary = emails.findIndex((entry) => entry.primary === true);
  if (primary >= 0) {
    return emails.map((entry, index) => (index === primary ? { ...entry, value: email } : entry));
  }
  if (emails.some((entry) => String(entry.value).toLowerCase() === email.toLowerCase())) {
    return emails;
  }

  return [...emails, { value: email, type: 'work', primary: true }];
}
