import { SessionService } from '../../src/domain/auth/session.service';
import type { DomainDeps } from '../../src/domain/deps';
import { newId } from '../../src/domain/ids';
import { OrganizationService } from '../../src/domain/organizations/organization.service';
import { User } from '../../src/entities/user.entity';
import { createLogger } from '../../src/logger';
import { cookieFrom, graphql } from './graphql-client';
import type { TestServer } from './test-server';

export const SIGN_IN = `
  mutation SignIn($input: SignInInput!) {
    signIn(input: $input) { expiresAt viewer { id userName role passwordChangeRequired } }
  }`;

export const CHANGE_PASSWORD = `
  mutation ChangePassword($input: ChangePasswordInput!) {
    changePassword(input: $input) { id passwordChangeRequired }
  }`;

/** A signed-in admin whose one-time password has been replaced. */
export interface AdminSession {
  organizationId: string;
  slug: string;
  userId: string;
  email: string;
  password: string;
  cookie: string;
}

/** Domain collaborators for helpers that write directly, on the server's clock. */
export function testDeps(server: TestServer): DomainDeps {
  return { config: server.config, logger: createLogger('silent'), now: () => new Date() };
}

/** Signs in over GraphQL and returns the session cookie. */
export async function signIn(
  server: TestServer,
  organization: string,
  email: string,
  password: string,
): Promise<string> {
  const response = await graphql(server, SIGN_IN, { input: { organization, email, password } });
  if (response.errors) {
    throw new Error(`sign-in failed: ${JSON.stringify(response.errors)}`);
  }

  return cookieFrom(response.setCookie);
}

/** Signs in with a one-time password, replaces it, and returns the session. */
export async function completeFirstSignIn(
  server: TestServer,
  organization: { organizationId: string; slug: string; email: string; oneTimePassword: string },
): Promise<AdminSession> {
  const cookie = await signIn(
    server,
    organization.slug,
    organization.email,
    organization.oneTimePassword,
  );
  const password = `new-password-${newId()}`;
  const changed = await graphql(
    server,
    CHANGE_PASSWORD,
    { input: { currentPassword: organization.oneTimePassword, newPassword: password } },
    { cookie },
  );
  if (changed.errors) {
    throw new Error(`password change failed: ${JSON.stringify(changed.errors)}`);
  }

  return {
    organizationId: organization.organizationId,
    slug: organization.slug,
    userId: changed.data!.changePassword.id,
    email: organization.email,
    password,
    cookie,
  };
}

/** Signs in as the bootstrap admin of organization `default`, password changed. */
export function defaultAdminSession(server: TestServer): Promise<AdminSession> {
  return completeFirstSignIn(server, {
    organizationId: server.bootstrap.organizationId,
    slug: 'default',
    email: server.bootstrap.adminEmail,
    oneTimePassword: server.bootstrap.oneTimePassword,
  });
}

/** Creates another organization, as `roster org create` does, and signs its admin in. */
export async function otherOrganizationSession(server: TestServer): Promise<AdminSession> {
  const slug = `other-${newId().slice(-12)}`;
  const created = await new OrganizationService(
    server.orm.em.fork(),
    testDeps(server),
  ).createWithAdmin('CLI', {
    slug,
    name: `Other ${slug}`,
    adminEmail: `admin@${slug}.example.com`,
  });

  return completeFirstSignIn(server, {
    organizationId: created.organization.id,
    slug,
    email: created.admin.userName,
    oneTimePassword: created.oneTimePassword,
  });
}

/**
 * Creates a member of an organization and starts a session for them the way SAML sign-in
 * will, returning the cookie.
 */
export async function memberSession(server: TestServer, organizationId: string): Promise<string> {
  const em = server.orm.em.fork();
  const member = em.create(User, {
    organizationId,
    id: newId(),
    userName: `member-${newId()}@example.com`,
    role: 'MEMBER',
  });
  await em.flush();

  const started = await new SessionService(em, testDeps(server)).start(
    organizationId,
    member.id,
    'SAML',
  );
  return `roster_session=${started.secret}`;
}

/** Creates an admin user without a password, to act as a token's owner. */
export async function createAdminUser(server: TestServer, organizationId: string): Promise<string> {
  const em = server.orm.em.fork();
  const admin = em.create(User, {
    organizationId,
    id: newId(),
    userName: `admin-${newId()}@example.com`,
    role: 'ADMIN',
  });
  await em.flush();

  return admin.id;
}

/** Starts a session for a user and moves its absolute timeout into the past. */
export async function expiredSession(
  server: TestServer,
  organizationId: string,
  userId: string,
): Promise<string> {
  const em = server.orm.em.fork();
  const started = await new SessionService(em, testDeps(server)).start(
    organizationId,
    userId,
    'PASSWORD',
  );
  await em.execute('update sessions set expires_at = ? where organization_id = ? and id = ?', [
    new Date(Date.now() - 1000),
    organizationId,
    started.session.id,
  ]);

  return `roster_session=${started.secret}`;
}
