import type { EntityManager } from '@mikro-orm/postgresql';
import { SamlStatusError, type Profile } from '@node-saml/node-saml';

import { Organization } from '../../../entities/organization.entity';
import { SamlIntegration } from '../../../entities/saml-integration.entity';
import { Session } from '../../../entities/session.entity';
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
  returnTo: string;
}

const UNSPECIFIED_NAME_ID_FORMAT = 'urn:oasis:names:tc:SAML:1.1:nameid-format:unspecified';

/**
 * SAML single sign-on for people of an organization: sends AuthnRequests, accepts the
 * identity provider's responses at the assertion consumer service, and signs out.
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

  /**
   * Ends the session of a cookie secret, if it belongs to this organization, and returns the
   * URL of a logout request to the identity provider when the session came from SAML and the
   * integration has a logout URL; otherwise null.
   */
  async signOut(slug: string, secret: string | undefined, requestId: string) {
    const organization = await this.em.findOne(Organization, { slug: slug.toLowerCase() });
    const sessions = new SessionService(this.em, this.deps);
    const principal = organization && secret ? await sessions.resume(secret) : undefined;

    if (!organization || !principal || principal.organizationId !== organization.id) {
      return { signedOut: false, logoutUrl: null };
    }

    const session = await this.em.findOne(Session, {
      organizationId: organization.id,
      id: principal.sessionId!,
    });
    await this.em.transactional(async (tx) => {
      await new SessionService(tx, this.deps).end(organization.id, principal.sessionId!);
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

    const integration = await this.em.findOne(SamlIntegration, {
      organizationId: organization.id,
    });
    if (!integration?.enabled || !integration.idpLogoutUrl || !session?.samlNameId) {
      return { signedOut: true, logoutUrl: null };
    }

    const client = createSamlClient({
      integration,
      endpoints: serviceProviderEndpoints(this.deps.config.publicUrl, organization.slug),
      signingKey: this.deps.config.samlServiceProviderKey,
      certificates: [integration.idpCertificate!],
    });
    const logoutUrl = await client.getLogoutUrlAsync(
      {
        issuer: integration.idpEntityId ?? '',
        nameID: session.samlNameId,
        nameIDFormat: session.samlNameIdFormat ?? UNSPECIFIED_NAME_ID_FORMAT,
        sessionIndex: session.samlSessionIndex ?? undefined,
      } as Profile,
      '',
      {},
    );
    return { signedOut: true, logoutUrl };
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
   * Consumes the AuthnRequest the response answers and returns the path to open next. The
   * request id is taken from the signed SubjectConfirmationData; the Response's InResponseTo
   * must agree with it. A response answering no request is IdP-initiated, accepted only when
   * the integration allows it, and then the RelayState may name the path.
   */
  private async checkInResponseTo(
    target: SsoTarget,
    responseInResponseTo: string | null,
    confirmationInResponseTo: string | null,
    relayState: string | undefined,
    now: Date,
  ): Promise<string> {
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
      return safeReturnPath(relayState ?? null) ?? '/';
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

    return request.returnTo ?? '/';
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

function actorOfSession(principal: Principal): Actor {
  return {
    organizationId: principal.organizationId,
    via: 'SESSION',
    userId: principal.userId,
    tokenId: null,
  };
}

/**
 * Maps a node-saml validation error to a rejection. node-saml raises plain Errors, so the
 * message decides; every message about signatures means the signature did not verify.
 */
function rejectionOf(error: Error, certificateCount: number): SsoRejection {
  const message = error.message.split('\n')[0].slice(0, 300);

  if (error instanceof SamlStatusError) {
    return new SsoRejection('IDP_ERROR_STATUS', message);
  }
  if (/signature/i.test(message)) {
    return new SsoRejection(
      'INVALID_SIGNATURE',
      `${message}: neither the response nor the assertion is signed by the ` +
        `${certificateCount === 1 ? 'configured certificate' : 'current or next certificate'}` +
        ', or the signed content was changed',
    );
  }
  if (/decryption|EncryptedAssertion/i.test(message)) {
    return new SsoRejection(
      'MALFORMED_SAML_RESPONSE',
      'the assertion is encrypted, which Roster does not support; turn off token encryption',
    );
  }

  return new SsoRejection('MALFORMED_SAML_RESPONSE', message);
}

/**
 * Returns `path` when it is a path on Roster's own origin (starts with one `/`, no
 * backslash or control character), else null, so that no sign-in redirects to another site.
 */
export function safeReturnPath(path: string | null): string | null {
  if (!path || path.length > 2000) {
    return null;
  }
  if (!path.startsWith('/') || path.startsWith('//') || /[\\\u0000-\u001f]/.test(path)) {
    return null;
  }

  return path;
}
