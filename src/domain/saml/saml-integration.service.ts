import type { EntityManager } from '@mikro-orm/postgresql';

import { Organization } from '../../entities/organization.entity';
import { SamlIntegration, type SamlAttributeMapping } from '../../entities/saml-integration.entity';
import type { AdminActor } from '../actor';
import type { AuditAction } from '../audit/audit-action';
import { recordAudit } from '../audit/audit.service';
import type { DomainDeps } from '../deps';
import { DomainError } from '../errors';
import { isUuid, newId } from '../ids';
import { DEFAULT_ATTRIBUTE_MAPPING, normalizeAttributeMapping } from './attribute-mapping';
import { parseCertificate } from './certificate';
import { parseIdentityProviderMetadata } from './federation-metadata';
import { viewSamlIntegration, type SamlIntegrationView } from './saml-integration-view';

const MAX_NAME_LENGTH = 100;
const MAX_DESCRIPTION_LENGTH = 1000;
const MAX_ENTITY_ID_LENGTH = 1024;
const MAX_URL_LENGTH = 2048;

/**
 * Changes to an integration. An absent field stays as it is; null clears an optional one.
 * Certificates are PEM text (or base64 DER).
 */
export interface SamlIntegrationChanges {
  name?: string | null;
  description?: string | null;
  idpEntityId?: string | null;
  idpSignOnUrl?: string | null;
  idpLogoutUrl?: string | null;
  idpCertificate?: string | null;
  idpNextCertificate?: string | null;
  attributeMapping?: SamlAttributeMapping[] | null;
  allowIdpInitiated?: boolean | null;
  justInTimeProvisioning?: boolean | null;
}

/**
 * Manages an organization's SAML integration with its identity provider. An organization has
 * at most one; a second create raises CONFLICT.
 */
export class SamlIntegrationService {
  constructor(
    private readonly em: EntityManager,
    private readonly deps: DomainDeps,
  ) {}

  /** Returns the organization's integration, or null when it has none. */
  async get(actor: AdminActor): Promise<SamlIntegrationView | null> {
    const integration = await this.em.findOne(SamlIntegration, {
      organizationId: actor.organizationId,
    });

    return integration ? this.view(integration) : null;
  }

  /** Creates the organization's integration, disabled, with Entra's claim names by default. */
  async create(actor: AdminActor, changes: SamlIntegrationChanges): Promise<SamlIntegrationView> {
    if (changes.name === undefined || changes.name === null) {
      throw DomainError.invalid('name is required', { field: 'name' });
    }

    return this.em.transactional(async (tx) => {
      const now = this.deps.now();
      const existing = await tx.count(SamlIntegration, { organizationId: actor.organizationId });
      if (existing > 0) {
        throw DomainError.conflict(
          'this organization already has a SAML integration; change it with ' +
            'updateSamlIntegration, or delete it first',
        );
      }

      const integration = tx.create(SamlIntegration, {
        organizationId: actor.organizationId,
        id: newId(),
        name: '',
        enabled: false,
        attributeMapping: DEFAULT_ATTRIBUTE_MAPPING,
        createdAt: now,
        updatedAt: now,
      });
      const changed = this.apply(integration, changes, now);
      await tx.flush();

      await this.audit(tx, actor, 'SAML_INTEGRATION_CREATED', integration, { fields: changed });
      return this.view(integration, tx);
    });
  }

  /** Changes the given fields; an enabled integration must stay complete. */
  async update(
    actor: AdminActor,
    id: string,
    changes: SamlIntegrationChanges,
  ): Promise<SamlIntegrationView> {
    return this.em.transactional(async (tx) => {
      const now = this.deps.now();
      const integration = await findIntegration(tx, actor.organizationId, id);
      const changed = this.apply(integration, changes, now);

      if (integration.enabled) {
        assertComplete(integration, now);
      }
      if (changed.length > 0) {
        integration.updatedAt = now;
        await tx.flush();
        await this.audit(tx, actor, 'SAML_INTEGRATION_UPDATED', integration, { fields: changed });
      }

      return this.view(integration, tx);
    });
  }

  /**
   * Fills the identity provider's values from its SAML metadata XML: entity ID, sign-on and
   * logout URLs, and the signing certificate (a second one becomes the next certificate).
   */
  async importIdentityProviderMetadata(
    actor: AdminActor,
    id: string,
    xml: string,
  ): Promise<SamlIntegrationView> {
    const metadata = parseIdentityProviderMetadata(xml);
    const [certificate, nextCertificate] = metadata.certificates;

    return this.update(actor, id, {
      idpEntityId: metadata.entityId,
      idpSignOnUrl: metadata.signOnUrl,
      idpLogoutUrl: metadata.logoutUrl,
      idpCertificate: certificate,
      idpNextCertificate: nextCertificate ?? null,
    });
  }

  /**
   * Enables or disables sign-in through the integration. Enabling needs the identity
   * provider's entity ID, sign-on URL, a valid certificate and an EMAIL mapping.
   */
  async setEnabled(actor: AdminActor, id: string, enabled: boolean): Promise<SamlIntegrationView> {
    return this.em.transactional(async (tx) => {
      const now = this.deps.now();
      const integration = await findIntegration(tx, actor.organizationId, id);

      if (enabled) {
        assertComplete(integration, now);
      }
      if (integration.enabled !== enabled) {
        integration.enabled = enabled;
        integration.updatedAt = now;
        await tx.flush();

        const action = enabled ? 'SAML_INTEGRATION_ENABLED' : 'SAML_INTEGRATION_DISABLED';
        await this.audit(tx, actor, action, integration, {});
      }

      return this.view(integration, tx);
    });
  }

  /**
   * Deletes the integration and returns its id.
   *
   * NOTE: SCIM tokens created while it was enabled keep working; revoke them separately.
   */
  async delete(actor: AdminActor, id: string): Promise<string> {
    return this.em.transactional(async (tx) => {
      const integration = await findIntegration(tx, actor.organizationId, id);

      tx.remove(integration);
      await tx.flush();
      await this.audit(tx, actor, 'SAML_INTEGRATION_DELETED', integration, {
        wasEnabled: integration.enabled,
      });

      return integration.id;
    });
  }

  /** Applies changes after checking them; returns the names of the fields that changed. */
  private apply(
    integration: SamlIntegration,
    changes: SamlIntegrationChanges,
    now: Date,
  ): string[] {
    const next: Partial<SamlIntegration> = {};

    if (changes.name !== undefined) {
      next.name = requiredText(changes.name, 'name', MAX_NAME_LENGTH);
    }
    if (changes.description !== undefined) {
      next.description = optionalText(changes.description, 'description', MAX_DESCRIPTION_LENGTH);
    }
    if (changes.idpEntityId !== undefined) {
      next.idpEntityId = optionalText(changes.idpEntityId, 'idpEntityId', MAX_ENTITY_ID_LENGTH);
    }
    if (changes.idpSignOnUrl !== undefined) {
      next.idpSignOnUrl = optionalHttpsUrl(changes.idpSignOnUrl, 'idpSignOnUrl');
    }
    if (changes.idpLogoutUrl !== undefined) {
      next.idpLogoutUrl = optionalHttpsUrl(changes.idpLogoutUrl, 'idpLogoutUrl');
    }
    if (changes.idpCertificate !== undefined) {
      next.idpCertificate = changes.idpCertificate
        ? parseCertificate(changes.idpCertificate, 'idpCertificate', now).pem
        : null;
    }
    if (changes.idpNextCertificate !== undefined) {
      next.idpNextCertificate = changes.idpNextCertificate
        ? parseCertificate(changes.idpNextCertificate, 'idpNextCertificate', now).pem
        : null;
    }
    if (changes.attributeMapping !== undefined) {
      next.attributeMapping = normalizeAttributeMapping(changes.attributeMapping ?? []);
    }
    // null on a switch means "leave it", as for the required name.
    if (changes.allowIdpInitiated !== undefined && changes.allowIdpInitiated !== null) {
      next.allowIdpInitiated = changes.allowIdpInitiated;
    }
    if (changes.justInTimeProvisioning !== undefined && changes.justInTimeProvisioning !== null) {
      next.justInTimeProvisioning = changes.justInTimeProvisioning;
    }

    const changed = Object.entries(next)
      .filter(
        ([key, value]) =>
          JSON.stringify(integration[key as keyof SamlIntegration]) !== JSON.stringify(value),
      )
      .map(([key]) => key);
    Object.assign(integration, next);

    return changed;
  }

  private async audit(
    em: EntityManager,
    actor: AdminActor,
    action: AuditAction,
    integration: SamlIntegration,
    detail: Record<string, unknown>,
  ): Promise<void> {
    await recordAudit(
      em,
      actor,
      {
        action,
        targetType: 'SAML_INTEGRATION',
        targetId: integration.id,
        detail: { name: integration.name, ...detail },
      },
      this.deps.now(),
    );
  }

  private async view(integration: SamlIntegration, em = this.em): Promise<SamlIntegrationView> {
    const organization = await em.findOneOrFail(Organization, { id: integration.organizationId });
    const { publicUrl, samlServiceProviderKey } = this.deps.config;
    return viewSamlIntegration(integration, publicUrl, organization.slug, samlServiceProviderKey);
  }
}

async function findIntegration(
  em: EntityManager,
  organizationId: string,
  id: string,
): Promise<SamlIntegration> {
  const integration = isUuid(id) ? await em.findOne(SamlIntegration, { organizationId, id }) : null;

  if (!integration) {
    throw new DomainError('NOT_FOUND', `SAML integration '${id}' not found in this organization`, {
      field: 'id',
    });
  }

  return integration;
}

/** Raises BAD_USER_INPUT naming the first value that sign-in needs and the integration lacks. */
function assertComplete(integration: SamlIntegration, now: Date): void {
  const missing = (field: string, value: string) =>
    DomainError.invalid(
      `${field} is required while the integration is enabled: set ${value} with ` +
        'updateSamlIntegration or importSamlIdentityProviderMetadata',
      { field },
    );

  if (!integration.idpEntityId) {
    throw missing(
      'idpEntityId',
      "the identity provider's entity ID (Entra: Microsoft Entra Identifier)",
    );
  }
  if (!integration.idpSignOnUrl) {
    throw missing('idpSignOnUrl', "the identity provider's sign-on URL (Entra: Login URL)");
  }
  if (!integration.idpCertificate) {
    throw missing('idpCertificate', "the identity provider's signing certificate (Base64)");
  }
  parseCertificate(integration.idpCertificate, 'idpCertificate', now);

  if (!integration.attributeMapping.some((entry) => entry.field === 'EMAIL')) {
    throw DomainError.invalid(
      'attributeMapping needs an entry for field EMAIL while the integration is enabled',
      { field: 'attributeMapping' },
    );
  }
}

function requiredText(value: string | null, field: string, max: number): string {
  const text = value?.trim() ?? '';
  if (text.length === 0 || text.length > max) {
    throw DomainError.invalid(`${field} must have 1 to ${max} characters, got ${text.length}`, {
      field,
    });
  }

  return text;
}

function optionalText(value: string | null, field: string, max: number): string | null {
  const text = value?.trim() ?? '';
  if (text.length > max) {
    throw DomainError.invalid(`${field} must have at most ${max} characters, got ${text.length}`, {
      field,
    });
  }

  return text || null;
}

function optionalHttpsUrl(value: string | null, field: string): string | null {
  const text = optionalText(value, field, MAX_URL_LENGTH);
  if (text === null) {
    return null;
  }

  let url: URL | undefined;
  try {
    url = new URL(text);
  } catch {
    url = undefined;
  }
  if (url?.protocol !== 'https:') {
    throw DomainError.invalid(`${field} must be an https:// URL, got '${text}'`, { field });
  }

  return text;
}
