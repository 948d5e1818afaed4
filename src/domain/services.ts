import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';

import { ApplicationService } from './applications/application.service';
import { RecordService } from './applications/record.service';
import { AuditService } from './audit/audit.service';
import { AccountService } from './auth/account.service';
import { SessionService } from './auth/session.service';
import { SignInService } from './auth/sign-in.service';
import { DirectoryChanges } from './changes/directory-change';
import type { DomainDeps } from './deps';
import { ExtensionAttributeService } from './extensions/extension-attribute.service';
import { GroupService } from './groups/group.service';
import { OrganizationService } from './organizations/organization.service';
import { ProvisioningEventService } from './provisioning/event.service';
import { SamlIntegrationService } from './saml/saml-integration.service';
import { SsoSignInService } from './saml/sign-in/sso-sign-in.service';
import { SsoSignOutService } from './saml/sign-in/sso-sign-out.service';
import {
  RequestRegistries,
  type RegistrySource,
  type SchemaVersionRead,
} from './request-registries';
import { SchemaRegistryProvider } from './schema-registry.service';
import { RecordSyncListener } from './scim-settings/record-sync.listener';
import { ResyncSignal } from './scim-settings/resync-signal';
import { ScimSettingsService } from './scim-settings/scim-settings.service';
import { ServerInfoService } from './server-info.service';
import { TokenAuthenticator } from './tokens/token-authenticator';
import { TokenService } from './tokens/token.service';
import { UserRoleService } from './users/user-role.service';
import { UserService } from './users/user.service';

/** Services that keep state for the whole process (caches, rate counters, listeners). */
export interface SharedServices {
  registries: SchemaRegistryProvider;
  tokenAuthenticator: TokenAuthenticator;
  /** Listeners for user and group changes, called inside the changing transaction. */
  changes: DirectoryChanges;
  /** Wakes the background resync runner when a resync starts. */
  resyncSignal: ResyncSignal;
}

/** Creates the process-wide services; without `orm`, registries hold the built-in schemas only. */
export function createSharedServices(deps: DomainDeps, orm?: MikroORM): SharedServices {
  const registries = new SchemaRegistryProvider(orm);
  const changes = new DirectoryChanges();
  changes.subscribe(new RecordSyncListener(deps, registries));

  return {
    registries,
    tokenAuthenticator: new TokenAuthenticator(deps),
    changes,
    resyncSignal: new ResyncSignal(),
  };
}

/**
 * The domain services of one request, sharing its EntityManager fork (and so its
 * transaction). Each service is created on first use.
 */
export class Services {
  private readonly cache = new Map<string, unknown>();

  constructor(
    readonly em: EntityManager,
    readonly deps: DomainDeps,
    readonly shared: SharedServices,
    /** The organization's schema version, when the request has read it with its token. */
    private readonly schemaVersion?: SchemaVersionRead,
  ) {}

  /** The schema registries for this request, which may use the version read with its token. */
  get registries(): RegistrySource {
    return this.memo(
      'registries',
      () => new RequestRegistries(this.shared.registries, this.schemaVersion),
    );
  }

  get serverInfo(): ServerInfoService {
    return this.memo('serverInfo', () => new ServerInfoService(this.em));
  }

  get accounts(): AccountService {
    return this.memo('accounts', () => new AccountService(this.em, this.deps));
  }

  get audit(): AuditService {
    return this.memo('audit', () => new AuditService(this.em));
  }

  get organizations(): OrganizationService {
    return this.memo('organizations', () => new OrganizationService(this.em, this.deps));
  }

  get provisioningEvents(): ProvisioningEventService {
    return this.memo('provisioningEvents', () => new ProvisioningEventService(this.em));
  }

  get samlIntegrations(): SamlIntegrationService {
    return this.memo('samlIntegrations', () => new SamlIntegrationService(this.em, this.deps));
  }

  /** SAML sign-in; JIT-created and updated users go through the SCIM user rules. */
  get ssoSignIn(): SsoSignInService {
    return this.memo(
      'ssoSignIn',
      () =>
        new SsoSignInService(
          this.em,
          this.deps,
          (em) => new UserService(em, this.deps, this.shared.registries, this.shared.changes),
        ),
    );
  }

  get ssoSignOut(): SsoSignOutService {
    return this.memo('ssoSignOut', () => new SsoSignOutService(this.em, this.deps));
  }

  get sessions(): SessionService {
    return this.memo('sessions', () => new SessionService(this.em, this.deps));
  }

  /** Password sign-in; needs `deps.signInThrottle`, which `createApp` provides. */
  get signIn(): SignInService {
    return this.memo('signIn', () => {
      const throttle = this.deps.signInThrottle;
      if (!throttle) {
        throw new Error('password sign-in needs DomainDeps.signInThrottle; createApp sets it');
      }
      return new SignInService(this.em, this.deps, throttle);
    });
  }

  get tokens(): TokenService {
    return this.memo('tokens', () => new TokenService(this.em, this.deps));
  }

  get users(): UserService {
    return this.memo(
      'users',
      () => new UserService(this.em, this.deps, this.registries, this.shared.changes),
    );
  }

  get userRoles(): UserRoleService {
    return this.memo('userRoles', () => new UserRoleService(this.em, this.deps));
  }

  get extensionAttributes(): ExtensionAttributeService {
    return this.memo(
      'extensionAttributes',
      () => new ExtensionAttributeService(this.em, this.deps, this.shared.registries),
    );
  }

  get groups(): GroupService {
    return this.memo(
      'groups',
      () => new GroupService(this.em, this.deps, this.registries, this.shared.changes),
    );
  }

  get applications(): ApplicationService {
    return this.memo('applications', () => new ApplicationService(this.em, this.deps));
  }

  get records(): RecordService {
    return this.memo('records', () => new RecordService(this.em, this.deps, this.applications));
  }

  get scimSettings(): ScimSettingsService {
    return this.memo(
      'scimSettings',
      () => new ScimSettingsService(this.em, this.deps, this.shared.registries, this.applications),
    );
  }

  private memo<T>(key: string, create: () => T): T {
    if (!this.cache.has(key)) {
      this.cache.set(key, create());
    }

    return this.cache.get(key) as T;
  }
}
