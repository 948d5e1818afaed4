import type { ServiceProviderKey } from '../../config';
import type { SamlAttributeMapping, SamlIntegration } from '../../entities/saml-integration.entity';
import { describeCertificate, type CertificateInfo } from './certificate';
import {
  serviceProviderEndpoints,
  serviceProviderMetadataXml,
  type ServiceProviderEndpoints,
} from './service-provider';

export interface IdentityProviderView {
  entityId: string | null;
  signOnUrl: string | null;
  logoutUrl: string | null;
  certificate: CertificateInfo | null;
  nextCertificate: CertificateInfo | null;
}

/** A SAML integration as admins see it, with the values Roster generates. */
export interface SamlIntegrationView {
  id: string;
  name: string;
  description: string | null;
  enabled: boolean;
  allowIdpInitiated: boolean;
  justInTimeProvisioning: boolean;
  createdAt: Date;
  updatedAt: Date;
  serviceProvider: ServiceProviderEndpoints & { metadataXml: string };
  identityProvider: IdentityProviderView;
  attributeMapping: SamlAttributeMapping[];
}

/** Builds the admin's view of an integration of the organization with this slug. */
export function viewSamlIntegration(
  integration: SamlIntegration,
  publicUrl: string,
  slug: string,
  signingKey?: ServiceProviderKey,
): SamlIntegrationView {
  const certificate = integration.idpCertificate;
  const nextCertificate = integration.idpNextCertificate;

  return {
    id: integration.id,
    name: integration.name,
    description: integration.description ?? null,
    enabled: integration.enabled,
    allowIdpInitiated: integration.allowIdpInitiated,
    justInTimeProvisioning: integration.justInTimeProvisioning,
    createdAt: integration.createdAt,
    updatedAt: integration.updatedAt,
    serviceProvider: {
      ...serviceProviderEndpoints(publicUrl, slug),
      metadataXml: serviceProviderMetadataXml(publicUrl, slug, signingKey),
    },
    identityProvider: {
      entityId: integration.idpEntityId ?? null,
      signOnUrl: integration.idpSignOnUrl ?? null,
      logoutUrl: integration.idpLogoutUrl ?? null,
      certificate: certificate ? describeCertificate(certificate) : null,
      nextCertificate: nextCertificate ? describeCertificate(nextCertificate) : null,
    },
    attributeMapping: integration.attributeMapping,
  };
}
