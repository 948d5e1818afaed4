import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';

import { execute } from '../../api/client';
import { CopyButton } from '../../components/copy-button';
import { EmptyState } from '../../components/empty-state';
import { ErrorList } from '../../components/error-list';
import { usePageTitle } from '../../components/page-title';
import { MappingForm } from './mapping-form';
import { ScimSettingsPageQuery } from './operations';
import { ResyncSection } from './resync-section';

/**
 * Returns the SCIM base URL. The API has no field for it, but the service-provider metadata
 * URL is PUBLIC_URL + /sso/<organization>/metadata, and SCIM is at PUBLIC_URL + /scim/v2.
 */
function scimBaseUrl(metadataUrl: string): string {
  return metadataUrl.replace(/\/sso\/[^/]+\/metadata$/, '/scim/v2');
}

/** SCIM settings: where Entra ID sends users, and which application fields they fill. */
export function ScimSettingsPage() {
  usePageTitle('SCIM settings');
  const page = useQuery({
    queryKey: ['scimSettingsPage'],
    queryFn: () => execute(ScimSettingsPageQuery),
  });

  if (page.isPending) {
    return <p className="loading">Loading…</p>;
  }
  if (page.error) {
    return (
      <>
        <h1>SCIM settings</h1>
        <ErrorList error={page.error} />
      </>
    );
  }

  const saml = page.data.samlIntegration;
  const settings = page.data.scimSettings;

  return (
    <>
      <h1>SCIM settings</h1>
      {saml?.enabled ? (
        <section aria-labelledby="connect-heading">
          <h2 id="connect-heading">Connect Entra ID</h2>
          <p>
            In Entra ID, open the enterprise application → Provisioning, set the mode to Automatic,
            and paste this Tenant URL with a SCIM token from <Link to="/tokens">Tokens</Link> as the
            Secret Token.
          </p>
          <dl className="copy-list">
            <div>
              <dt>Tenant URL</dt>
              <dd>
                <code>{scimBaseUrl(saml.serviceProvider.metadataUrl)}</code>
                <CopyButton
                  text={scimBaseUrl(saml.serviceProvider.metadataUrl)}
                  label="Tenant URL"
                />
              </dd>
            </div>
          </dl>
        </section>
      ) : (
        <EmptyState title="SAML single sign-on is not enabled">
          <p>
            Enable SAML SSO before creating a SCIM token: set it up under{' '}
            <Link to="/integrations/saml">Integrations → SAML</Link>.
          </p>
        </EmptyState>
      )}
      <MappingForm data={page.data} />
      <ResyncSection
        latest={settings.latestResync}
        recommended={settings.resyncRecommended}
        hasTarget={settings.targetApplicationId !== null}
      />
    </>
  );
}
