import type { EntityManager } from '@mikro-orm/postgresql';
import type { Profile } from '@node-saml/node-saml';

import { Organization } from '../../../entities/organization.entity';
import { SamlIntegration } from '../../../entities/saml-integration.entity';
import { User } from '../../../entities/user.entity';
import type { Actor } from '../../actor';
import { recordAudit } from '../../audit/audit.service';
import { SessionService, type StartedSession } from '../../auth/session.service';
import type { DomainDeps } from '../../deps';
import type { Principal } from '../../principal';
import type { UserService } from '../../users/user.service';
import { serviceProviderEndpoints, type ServiceProviderEndpoints } from '../service-provider';
import { readAssertion, readResponse, type AssertionFacts } from './assertion';
import { AuthnRequestStore } from './authn-request-store';
import { checkResponse } from './response-checks';
import { acceptedCertificates, createSamlClient, newSamlId } from './saml-client';
import { identityOf, type SsoIdentity } from './sso-identity';
import { SsoRejection } from './sso-rejection';
import { createSsoUser, findSsoUser, updateSsoUser } from './sso-user';
import { safeReturnPath } from './return-path';
import { rejectionOf } from './signature-errors';
import { UsedAssertionStore } from './used-assertion-store';

/** An organization whose SAML integration is enabled. */
interface SsoTarget {
  organization: Organization;
  integration: SamlIntegration;
  endpoints: ServiceProviderEndpoints;
}

export interface SamlResponseInput {
  slug: string;
  /** The `SAMLResponse` form field, base64. */
  samlResponse: string | undefined;
  /** The `RelayState` form field. */
  relayState: string | undefined;
  requestId: string;
}

/** A started SAML session, and the path to open next. */
export interface SsoSignedIn extends StartedSession {
  principal: Principal;
  /** The path the sign-in named, or null to let the caller choose. */
  returnTo: string | null;
}

/**
 * SAML single sign-on for the people of an organization. It sends AuthnRequests and accepts
 * the identity provider's responses at the assertion consumer service.
 */
export class SsoSignInService {
  constructor(
    private readonly em: EntityManager,
    private readonly deps: DomainDeps,
    private readonly usersFor: (em: EntityManager) => UserService,
  ) {}

  /** Returns whether the organization with this slug accepts SAML sign-in. */
  async isEnabled(slug: string): Promise<boolean> {
    try {
      await this.target(slug);
      return true;
    } catch (error) {
      if (error instanceof SsoRejection) {
        return false;
      }
      throw error;
    }
  }

  /**
   * Builds the HTTP-Redirect URL of a new AuthnRequest, signed when Roster has a
   * service-provider key, and stores its id for the response. `returnTo` is a path of
   * Roster's to open after sign-in.
   */
  async startLogin(slug: string, returnTo: string | null): Promise<string> {
    const { organization, integration, endpoints } = await this.target(slug);
    const id = newSamlId();

    const client = createSamlClient({
      integration,
      endpoints,
      signingKey: this.deps.config.samlServiceProviderKey,
      certificates: [integration.idpCertificate!],
      requestId: id,
    });
    const url = await client.getAuthorizeUrlAsync('', undefined, {});

    await new AuthnRequestStore(this.em).save(
      organization.id,
      { id, returnTo: safeReturnPath(returnTo) },
      this.deps.now(),
    );
    return url;
  }

  /**
   * Checks a SAML response and starts a session for the user it names. Raises SsoRejection
   * with the reason of the first failed check; rejections of a known organization are also
   * recorded in the audit trail as SIGN_IN_FAILED.
   */
  async acceptResponse(input: SamlResponseInput): Promise<SsoSignedIn> {
    const target = await this.target(input.slug);

    try {
      return await this.accept(target, input);
    } catch (error) {
      if (error instanceof SsoRejection) {
        await this.recordFailure(target.organization.id, error, input.requestId);
      }
      throw error;
    }
  }

  private async accept(target: SsoTarget, input: SamlResponseInput): Promise<SsoSignedIn> {
    const { organization, integration, endpoints } = target;
    const now = this.deps.now();

    if (!input.samlResponse) {
      throw new SsoRejection('MISSING_SAML_RESPONSE', 'the POST has no SAMLResponse form field');
    }

    const { assertion, response } = await this.verifySignature(target, input.samlResponse, now);
    const checked = checkResponse(response, assertion, {
      idpEntityId: integration.idpEntityId ?? '',
      entityId: endpoints.entityId,
      acsUrl: endpoints.acsUrl,
      now,
      clockSkewMs: this.deps.config.samlClockSkewSeconds * 1000,
    });

    if (!assertion.id) {
      throw new SsoRejection('MALFORMED_SAML_RESPONSE', 'the assertion has no ID');
    }
    const fresh = await new UsedAssertionStore(this.em).markUsed(
      organization.id,
      assertion.id,
      now,
      checked.acceptableUntil,
    );
    if (!fresh) {
      throw new SsoRejection(
        'REPLAYED_ASSERTION',
        `assertion ${assertion.id} was already used for a sign-in`,
      );
    }

    const returnTo = await this.checkInResponseTo(
      target,
      response.inResponseTo,
      checked.confirmation.inResponseTo,
      input.relayState,
      now,
    );

    if (!assertion.nameId) {
      throw new SsoRejection('MISSING_NAME_ID', 'the assertion has no NameID');
    }
    const identity = identityOf(
      { ...assertion, nameId: assertion.nameId },
      integration.attributeMapping,
    );

    const signedIn = await this.startSession(target, identity, assertion, input.requestId);
    return { ...signedIn, returnTo };
  }

  /** Verifies the response's or the assertion's XML signature with node-saml. */
  private async verifySignature(target: SsoTarget, samlResponse: string, now: Date) {
    const certificates = acceptedCertificates(target.integration, now);
    if (certificates.length === 0) {
      throw new SsoRejection(
        'INVALID_SIGNATURE',
        'no configured identity provider certificate is within its validity period',
      );
    }

    const client = createSamlClient({
      integration: target.integration,
      endpoints: target.endpoints,
      certificates,
    });

    let profile: Profile | null;
    try {
      ({ profile } = await client.validatePostResponseAsync({ SAMLResponse: samlResponse }));
    } catch (error) {
      throw rejectionOf(error as Error, certificates.length);
    }
    if (!profile?.getAssertionXml || !profile.getSamlResponseXml) {
      throw new SsoRejection(
        'IDP_ERROR_STATUS',
        'the identity provider answered without an assertion (passive sign-in failed)',
      );
    }

    return {
      assertion: readAssertion(profile.getAssertionXml()),
      response: readResponse(profile.getSamlResponseXml()),
    };
  }

  /**
   * Consumes the AuthnRequest that the response names and returns the path to open next. The
   * request id comes from the signed SubjectConfirmationData, and the Response's InResponseTo
   * must equal it. A response naming no request is IdP-initiated, accepted only when the
   * integration allows it, and then the RelayState may name the path.
   */
  private async checkInResponseTo(
    target: SsoTarget,
    responseInResponseTo: string | null,
    confirmationInResponseTo: string | null,
    relayState: string | undefined,
    now: Date,
  ): Promise<string | null> {
    if (responseInResponseTo !== null && responseInResponseTo !== confirmationInResponseTo) {
      throw new SsoRejection(
        'UNKNOWN_IN_RESPONSE_TO',
        `the Response's InResponseTo '${responseInResponseTo}' differs from the assertion's ` +
          `'${confirmationInResponseTo ?? 'missing'}'`,
      );
    }

    if (confirmationInResponseTo === null) {
      if (!target.integration.allowIdpInitiated) {
        throw new SsoRejection(
          'IDP_INITIATED_NOT_ALLOWED',
          'the response answers no AuthnRequest (IdP-initiated sign-in), which the ' +
            'integration does not allow',
        );
      }
      return safeReturnPath(relayState ?? null);
    }

    const request = await new AuthnRequestStore(this.em).consume(
      target.organization.id,
      confirmationInResponseTo,
      now,
    );
    if (!request) {
      throw new SsoRejection(
        'UNKNOWN_IN_RESPONSE_TO',
        `InResponseTo '${confirmationInResponseTo.slice(0, 100)}' names no outstanding ` +
          'AuthnRequest: unknown, already answered, or older than 10 minutes',
      );
    }

    return request.returnTo;
  }

  /**
   * Finds (or, with just-in-time provisioning, creates) the user, writes the mapped
   * attributes, and starts the session, in one transaction.
   */
  private async startSession(
    target: SsoTarget,
    identity: SsoIdentity,
    assertion: AssertionFacts,
    requestId: string,
  ): Promise<Omit<SsoSignedIn, 'returnTo'>> {
    const { organization, integration } = target;

    return this.em.transactional(async (tx) => {
      const users = this.usersFor(tx);
      let user = await findSsoUser(tx, organization.id, identity);
      let created = false;

      if (!user && integration.justInTimeProvisioning) {
        const id = await createSsoUser(users, organization.id, identity);
        user = await tx.findOneOrFail(User, { organizationId: organization.id, id });
        created = true;
      }
      if (!user) {
        throw new SsoRejection(
          'UNKNOWN_USER',
          'no user of the organization has this NameID as userName or the mapped email',
          { nameId: identity.nameId },
        );
      }
      if (!user.active) {
        throw new SsoRejection('USER_DEACTIVATED', `user ${user.id} is deactivated`, {
          nameId: identity.nameId,
          userId: user.id,
        });
      }
      if (!created) {
        await updateSsoUser(tx, users, user, identity);
      }

      const sessions = new SessionService(tx, this.deps);
      await sessions.deleteExpired(organization.id, user.id);
      const started = await sessions.start(organization.id, user.id, 'SAML', {
        nameId: identity.nameId,
        nameIdFormat: identity.nameIdFormat,
        sessionIndex: assertion.sessionIndex,
      });

      const principal: Principal = {
        organizationId: organization.id,
        userId: user.id,
        role: user.role,
        via: 'session',
        sessionId: started.session.id,
        passwordChangeRequired: false,
      };
      await recordAudit(
        tx,
        { ...actorOfSession(principal), requestId },
        {
          action: 'SIGNED_IN',
          targetType: 'USER',
          targetId: user.id,
          detail: { method: 'SAML', sessionId: started.session.id, createdUser: created },
        },
        this.deps.now(),
      );

      return { ...started, principal };
    });
  }

  /** Finds the organization and its enabled integration, or raises the rejection. */
  private async target(slug: string): Promise<SsoTarget> {
    const organization = await this.em.findOne(Organization, { slug: slug.toLowerCase() });
    if (!organization) {
      throw new SsoRejection('ORGANIZATION_NOT_FOUND', `no organization has the slug '${slug}'`);
    }

    const integration = await this.em.findOne(SamlIntegration, {
      organizationId: organization.id,
    });
    if (!integration?.enabled) {
      throw new SsoRejection(
        'SSO_NOT_ENABLED',
        `organization '${organization.slug}' has no enabled SAML integration`,
      );
    }

    return {
      organization,
      integration,
      endpoints: serviceProviderEndpoints(this.deps.config.publicUrl, organization.slug),
    };
  }

  private async recordFailure(
    organizationId: string,
    rejection: SsoRejection,
    requestId: string,
  ): Promise<void> {
    const actor: Actor = {
      organizationId,
      via: 'ANONYMOUS',
      userId: null,
      tokenId: null,
      requestId,
    };

    await this.em.transactional((tx) =>
      recordAudit(
        tx,
        actor,
        {
          action: 'SIGN_IN_FAILED',
          targetType: 'USER',
          targetId: (rejection.logFields.userId as string | undefined) ?? null,
          detail: { method: 'SAML', reason: rejection.reason },
        },
        this.deps.now(),
      ),
    );
  }
}

/** Describes a session's principal as the actor of the audit trail. */
export function actorOfSession(principal: Principal): Actor {
  return {
    organizationId: principal.organizationId,
    via: 'SESSION',
    userId: principal.userId,
    tokenId: null,
  };
}
