import type { EntityManager } from '@mikro-orm/postgresql';
import type { Profile } from '@node-saml/node-saml';

import { Organization } from '../../../entities/organization.entity';
import { SamlIntegration } from '../../../entities/saml-integration.entity';
import { Session } from '../../../entities/session.entity';
import { recordAudit } from '../../audit/audit.service';
import { SessionService } from '../../auth/session.service';
import type { DomainDeps } from '../../deps';
import { serviceProviderEndpoints } from '../service-provider';
import { createSamlClient } from './saml-client';
import { actorOfSession } from './sso-sign-in.service';

const UNSPECIFIED_NAME_ID_FORMAT = 'urn:oasis:names:tc:SAML:1.1:nameid-format:unspecified';

export interface SsoSignedOut {
  /** Whether the cookie named a session of this organization, which has now ended. */
  signedOut: boolean;
  /** The identity provider's logout URL with a LogoutRequest, or null. */
  logoutUrl: string | null;
}

/** Ends sessions at `/sso/<slug>/logout` and builds the logout request to the IdP. */
export class SsoSignOutService {
  constructor(
    private readonly em: EntityManager,
    private readonly deps: DomainDeps,
  ) {}

  /**
   * Ends the session of a cookie secret, whichever organization it belongs to, because the
   * browser has one session cookie for all of them. Returns the URL of a logout request to
   * the identity provider when the session came from this organization's SAML integration
   * and the integration has a logout URL; otherwise null.
   */
  async signOut(
    slug: string,
    secret: string | undefined,
    requestId: string,
  ): Promise<SsoSignedOut> {
    const principal = secret
      ? await new SessionService(this.em, this.deps).resume(secret)
      : undefined;
    if (!principal?.sessionId) {
      return { signedOut: false, logoutUrl: null };
    }

    const session = await this.em.findOne(Session, {
      organizationId: principal.organizationId,
      id: principal.sessionId,
    });
    await this.em.transactional(async (tx) => {
      await new SessionService(tx, this.deps).end(principal.organizationId, principal.sessionId!);
      await recordAudit(
        tx,
        { ...actorOfSession(principal), requestId },
        {
          action: 'SIGNED_OUT',
          targetType: 'USER',
          targetId: principal.userId,
          detail: { sessionId: principal.sessionId, method: session?.method ?? null },
        },
        this.deps.now(),
      );
    });

    const logoutUrl = session?.samlNameId
      ? await this.identityProviderLogoutUrl(slug, principal.organizationId, session)
      : null;
    return { signedOut: true, logoutUrl };
  }

  /** Builds the LogoutRequest redirect for a SAML session, or returns null without a URL. */
  private async identityProviderLogoutUrl(
    slug: string,
    organizationId: string,
    session: Session,
  ): Promise<string | null> {
    const organization = await this.em.findOne(Organization, { slug: slug.toLowerCase() });
    const integration = await this.em.findOne(SamlIntegration, { organizationId });
    if (organization?.id !== organizationId || !integration?.enabled) {
      return null;
    }
    if (!integration.idpLogoutUrl || !session.samlNameId) {
      return null;
    }

    const client = createSamlClient({
      integration,
      endpoints: serviceProviderEndpoints(this.deps.config.publicUrl, organization.slug),
      signingKey: this.deps.config.samlServiceProviderKey,
      certificates: [integration.idpCertificate!],
    });

    return client.getLogoutUrlAsync(
      {
        issuer: integration.idpEntityId ?? '',
        nameID: session.samlNameId,
        nameIDFormat: session.samlNameIdFormat ?? UNSPECIFIED_NAME_ID_FORMAT,
        sessionIndex: session.samlSessionIndex ?? undefined,
      } as Profile,
      '',
      {},
    );
  }
}
