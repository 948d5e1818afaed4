import type { EntityManager } from '@mikro-orm/postgresql';

import { systemActor, type AdminActor } from '../domain/actor';
import { findUserByUserName } from '../domain/auth/find-user';
import { DomainError } from '../domain/errors';
import { OrganizationService } from '../domain/organizations/organization.service';
import type { TokenView } from '../domain/tokens/token-view';
import { TokenService } from '../domain/tokens/token.service';
import type { DomainDeps } from '../domain/deps';
import { requireOption } from './cli-args';
import type { CliContext } from './cli-context';
import { parseExpiresIn } from './expires-in';
import { formatTime, printJson, printLine, printTable } from './output';
import { UsageError } from './usage';

const SCOPES = { scim: 'SCIM', api: 'API' } as const;

/** `roster token create`: creates a token and prints its secret, the only time it is shown. */
export async function createToken({ em, deps, command }: CliContext): Promise<void> {
  const actor = await organizationActor(em, deps, requireOption(command, 'org'));
  const title = requireOption(command, 'title');
  const email = requireOption(command, 'user');
  const scopeName = requireOption(command, 'scope').toLowerCase();
  const scope = SCOPES[scopeName as keyof typeof SCOPES];
  if (!scope) {
    throw new UsageError(`invalid --scope '${scopeName}': use scim or api`);
  }
  const expiry = parseExpiresIn(command.options['expires-in']?.trim() || '90d');

  const user = await findUserByUserName(em, actor.organizationId, email);
  if (!user) {
    throw new DomainError('NOT_FOUND', `user '${email}' not found in organization`);
  }

  const { token, secret } = await new TokenService(em, deps).create(actor, {
    title,
    description: command.options.description,
    userId: user.id,
    scope,
    ...expiry,
  });

  if (command.json) {
    printJson({ token, secret });
    return;
  }

  const expires = token.expiresAt ? formatTime(token.expiresAt) : 'never';
  printLine(
    `Created token ${token.id} "${token.title}" (scope ${token.scope}, acts as ` +
      `${token.userName}, expires ${expires}).`,
  );
  printLine(`Secret: ${secret}`);
  printLine('It is shown only now; Roster keeps only its hash.');
}

/** `roster token list`: prints every token of the organization, newest first. */
export async function listTokens({ em, deps, command }: CliContext): Promise<void> {
  const actor = await organizationActor(em, deps, requireOption(command, 'org'));
  const service = new TokenService(em, deps);
  const tokens: TokenView[] = [];

  for (let after: string | null = null; ;) {
    const page = await service.list(actor, { first: 100, after });
    tokens.push(...page.edges.map((edge) => edge.node));
    if (!page.pageInfo.hasNextPage) {
      break;
    }
    after = page.pageInfo.endCursor;
  }

  if (command.json) {
    printJson(tokens);
    return;
  }

  printTable(
    ['ID', 'TITLE', 'SCOPE', 'STATUS', 'USER', 'CREATED', 'EXPIRES', 'LAST USED', 'PREFIX'],
    tokens.map((token) => [
      token.id,
      token.title,
      token.scope,
      token.status,
      token.userName,
      formatTime(token.createdAt),
      token.expiresAt ? formatTime(token.expiresAt) : 'never',
      formatTime(token.lastUsedAt),
      token.displayPrefix,
    ]),
  );
}

/** `roster token revoke`: revokes one token. */
export async function revokeToken({ em, deps, command }: CliContext): Promise<void> {
  const actor = await organizationActor(em, deps, requireOption(command, 'org'));
  const [id, ...extra] = command.positionals;
  if (!id || extra.length > 0) {
    throw new UsageError('token revoke needs exactly one TOKEN_ID');
  }

  const token = await new TokenService(em, deps).revoke(actor, id);

  if (command.json) {
    printJson(token);
    return;
  }
  printLine(`Revoked token ${token.id} "${token.title}" at ${formatTime(token.revokedAt)}.`);
}

async function organizationActor(
  em: EntityManager,
  deps: DomainDeps,
  slug: string,
): Promise<AdminActor> {
  const organization = await new OrganizationService(em, deps).findBySlug(slug);
  if (!organization) {
    throw new DomainError('NOT_FOUND', `organization '${slug}' not found`);
  }

  return systemActor(organization.id, 'CLI');
}
