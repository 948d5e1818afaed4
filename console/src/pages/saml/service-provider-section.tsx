import { CopyButton } from '../../components/copy-button';
import type { SamlIntegrationFieldsFragment } from '../../gql/graphql';

type ServiceProvider = SamlIntegrationFieldsFragment['serviceProvider'];

/** Saves the metadata XML as a file, made in the page so that no extra request is needed. */
function downloadMetadata(xml: string): void {
  const url = URL.createObjectURL(new Blob([xml], { type: 'application/samlmetadata+xml' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = 'roster-sp-metadata.xml';
  document.body.append(link);
  link.click();
  link.remove();
  URL.revokeObjectURL(url);
}

/** Lists the values Roster generates, each under the name Entra ID gives it. */
export function ServiceProviderSection({ serviceProvider }: { serviceProvider: ServiceProvider }) {
  const rows = [
    { label: 'Identifier (Entity ID)', value: serviceProvider.entityId },
    { label: 'Reply URL (Assertion Consumer Service URL)', value: serviceProvider.acsUrl },
    { label: 'Sign on URL', value: serviceProvider.signOnUrl },
    { label: 'Logout URL', value: serviceProvider.logoutUrl },
    { label: 'Metadata URL', value: serviceProvider.metadataUrl },
  ];

  return (
    <section aria-labelledby="sp-heading">
      <h2 id="sp-heading">1. Enter these values in Entra ID</h2>
      <p>
        In Entra ID, open Basic SAML Configuration and paste each value, or upload the metadata
        file.
      </p>
      <dl className="copy-list">
        {rows.map((row) => (
          <div key={row.label}>
            <dt>{row.label}</dt>
            <dd>
              <code>{row.value}</code>
              <CopyButton text={row.value} label={row.label} />
            </dd>
          </div>
        ))}
      </dl>
      <button
        type="button"
        className="secondary"
        onClick={() => downloadMetadata(serviceProvider.metadataXml)}
      >
        Download metadata XML
      </button>
    </section>
  );
}
