import { User } from '../../../src/entities/user.entity';
import { systemActor } from '../../../src/domain/actor';
import type { DomainDeps } from '../../../src/domain/deps';
import { lockSchemaSettings } from '../../../src/domain/extensions/schema-store';
import { newId } from '../../../src/domain/ids';
import { TokenAuthenticator } from '../../../src/domain/tokens/token-authenticator';
import { TokenService } from '../../../src/domain/tokens/token.service';
import { createLogger } from '../../../src/logger';
import { startTestServer, type TestServer } from '../../helpers/test-server';

describe('TokenAuthenticator.check', () => {
  let server: TestServer;
  let deps: DomainDeps;
  let clock: Date;

  beforeAll(async () => {
    server = await startTestServer();
    clock = new Date();
    deps = { config: server.config, logger: createLogger('silent'), now: () => clock };
  });

  afterAll(async () => {
    await server.close();
  });

  async function version(): Promise<string | null> {
    const rows = await server.orm.em
      .fork()
      .execute<{ version: string }[]>(
        'select version from scim_schema_settings where organization_id = ?',
        [server.bootstrap.organizationId],
      );
    return rows[0]?.version ?? null;
  }

  const actor = () => systemActor(server.bootstrap.organizationId, 'SYSTEM');

  async function createToken(scope: 'SCIM' | 'API', expiresInMs = 3600_000) {
    const em = server.orm.em.fork();
    return new TokenService(em, deps).create(actor(), {
      title: `token ${newId()}`,
      userId: server.bootstrap.adminUserId,
      scope,
      expiration: 'DATE',
      expiresAt: new Date(clock.getTime() + expiresInMs),
      skipSsoCheck: true,
    });
  }

  it('accepts a valid secret and returns the acting admin', async () => {
    const { token, secret } = await createToken('SCIM');

    const result = await new TokenAuthenticator(deps).check(server.orm.em.fork(), secret, 'SCIM');

    expect(result).toEqual({
      ok: true,
      principal: {
        organizationId: server.bootstrap.organizationId,
        userId: server.bootstrap.adminUserId,
        role: 'ADMIN',
        via: 'token',
        tokenId: token.id,
        tokenTitle: token.title,
      },
      schemaVersion: {
        organizationId: server.bootstrap.organizationId,
        version: await version(),
        readAt: expect.any(Number),
      },
      syncTarget: null,
    });
  });

  it("reads the organization's current schema version with the token", async () => {
    const { secret } = await createToken('SCIM');
    const changed = await server.orm.em
      .fork()
      .transactional((tx) => lockSchemaSettings(tx, server.bootstrap.organizationId, clock));

    const result = await new TokenAuthenticator(deps).check(server.orm.em.fork(), secret, 'SCIM');

    expect(result).toMatchObject({
      ok: true,
      schemaVersion: { organizationId: server.bootstrap.organizationId, version: changed.version },
    });
  });

  it('returns the SCIM target application', async () => {
    const { secret } = await createToken('SCIM');
    const organizationId = server.bootstrap.organizationId;
    const applicationId = newId();
    await server.orm.em.fork().execute(
      `insert into applications (organization_id, id, name, created_at, updated_at)
       values (?, ?, ?, now(), now())`,
      [organizationId, applicationId, `Target ${applicationId}`],
    );
    await server.orm.em.fork().execute(
      `insert into scim_settings (organization_id, target_application_id, updated_at)
       values (?, ?, now())
       on conflict (organization_id) do update set target_application_id = excluded.target_application_id`,
      [organizationId, applicationId],
    );

    const result = await new TokenAuthenticator(deps).check(server.orm.em.fork(), secret, 'SCIM');

    expect(result).toMatchObject({ ok: true, syncTarget: applicationId });
  });

  it('rejects an unknown secret', async () => {
    const result = await new TokenAuthenticator(deps).check(
      server.orm.em.fork(),
      'roster_scim_not-a-real-secret-value-0000000000000',
      'SCIM',
    );

    expect(result).toEqual({ ok: false, reason: 'unknown' });
  });

  it('rejects a token used outside its scope', async () => {
    const { token, secret } = await createToken('API');

    const result = await new TokenAuthenticator(deps).check(server.orm.em.fork(), secret, 'SCIM');

    expect(result).toMatchObject({ ok: false, reason: 'wrong-scope', tokenId: token.id });
  });

  it('rejects a revoked token at once', async () => {
    const { token, secret } = await createToken('SCIM');
    await new TokenService(server.orm.em.fork(), deps).revoke(actor(), token.id);

    const result = await new TokenAuthenticator(deps).check(server.orm.em.fork(), secret, 'SCIM');

    expect(result).toMatchObject({ ok: false, reason: 'revoked', tokenId: token.id });
  });

  it('rejects an expired token', async () => {
    const { token, secret } = await createToken('SCIM', 1000);
    const later = new Date(clock.getTime() + 2000);
    const authenticator = new TokenAuthenticator({ ...deps, now: () => later });

    const result = await authenticator.check(server.orm.em.fork(), secret, 'SCIM');

    expect(result).toMatchObject({ ok: false, reason: 'expired', tokenId: token.id });
  });

  it('rejects a token whose owner is deactivated or no longer an admin', async () => {
    const em = server.orm.em.fork();
    const owner = em.create(User, {
      organizationId: server.bootstrap.organizationId,
      id: newId(),
      userName: `owner-${newId()}@example.com`,
      role: 'ADMIN',
    });
    await em.flush();
    const { secret } = await new TokenService(em, deps).create(actor(), {
      title: 'owned',
      userId: owner.id,
      scope: 'SCIM',
      expiration: 'DATE',
      expiresAt: new Date(clock.getTime() + 3600_000),
      skipSsoCheck: true,
    });
    const authenticator = new TokenAuthenticator(deps);

    owner.active = false;
    await em.flush();
    const inactive = await authenticator.check(server.orm.em.fork(), secret, 'SCIM');

    owner.active = true;
    owner.role = 'MEMBER';
    await em.flush();
    const member = await authenticator.check(server.orm.em.fork(), secret, 'SCIM');

    expect(inactive).toMatchObject({ ok: false, reason: 'owner-inactive' });
    expect(member).toMatchObject({ ok: false, reason: 'owner-not-admin' });
  });

  it('writes lastUsedAt at most once a minute', async () => {
    const { token, secret } = await createToken('SCIM');
    const authenticator = new TokenAuthenticator(deps);
    const readLastUsed = async () =>
      (
        await server.orm.em
          .fork()
          .execute('select last_used_at from api_tokens where id = ?', [token.id])
      )[0].last_used_at;

    await authenticator.check(server.orm.em.fork(), secret, 'SCIM');
    const first = await readLastUsed();
    clock = new Date(clock.getTime() + 30_000);
    await authenticator.check(server.orm.em.fork(), secret, 'SCIM');
    const afterHalfMinute = await readLastUsed();
    clock = new Date(clock.getTime() + 31_000);
    await authenticator.check(server.orm.em.fork(), secret, 'SCIM');
    const afterMinute = await readLastUsed();

    expect(first).not.toBeNull();
    expect(new Date(afterHalfMinute).getTime()).toBe(new Date(first).getTime());
    expect(new Date(afterMinute).getTime()).toBeGreaterThan(new Date(first).getTime());
  });
});
