import { useQuery } from '@tanstack/react-query';

import { execute } from '../../api/client';
import { ErrorList } from '../../components/error-list';
import { usePageTitle } from '../../components/page-title';
import { AttributeMappingForm } from './attribute-mapping-form';
import { CreateSamlForm } from './create-saml-form';
import { EnableSwitch } from './enable-switch';
import { IdentityProviderForm } from './identity-provider-form';
import { SamlIntegrationQuery } from './operations';
import { ServiceProviderSection } from './service-provider-section';

export const SAML_QUERY_KEY = ['samlIntegration'];

/** Integrations → SAML: single sign-on with Entra ID, in the order an admin sets it up. */
export function SamlPage() {
  usePageTitle('SAML single sign-on');
  const saml = useQuery({
    queryKey: SAML_QUERY_KEY,
    queryFn: () => execute(SamlIntegrationQuery),
  });

  if (saml.isPending) {
    return <p className="loading">Loading…</p>;
  }
  if (saml.error) {
    return <ErrorList error={saml.error} />;
  }

  const integration = saml.data.samlIntegration;

  return (
    <>
      <h1>SAML single sign-on</h1>
      {integration ? (
        <>
          <EnableSwitch integration={integration} />
          <ServiceProviderSection serviceProvider={integration.serviceProvider} />
          <IdentityProviderForm integration={integration} />
          <AttributeMappingForm integration={integration} />
        </>
      ) : (
        <CreateSamlForm />
      )}
    </>
  );
}
