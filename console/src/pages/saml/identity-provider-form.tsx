import { useState, type ChangeEvent, type FormEvent } from 'react';

import { execute, fieldError } from '../../api/client';
import { ErrorList } from '../../components/error-list';
import { TextField } from '../../components/text-field';
import type { SamlIntegrationFieldsFragment } from '../../gql/graphql';
import { CertificateSummary } from './certificate-summary';
import { ImportSamlMetadataMutation, UpdateSamlIntegrationMutation } from './operations';
import { useSamlMutation } from './use-saml-mutation';

const FIELDS = [
  'name',
  'description',
  'idpEntityId',
  'idpSignOnUrl',
  'idpLogoutUrl',
  'idpCertificate',
  'idpNextCertificate',
];

/** Edits the identity provider's values, pasted from Entra ID or read from its metadata. */
export function IdentityProviderForm({
  integration,
}: {
  integration: SamlIntegrationFieldsFragment;
}) {
  const provider = integration.identityProvider;
  const [name, setName] = useState(integration.name);
  const [description, setDescription] = useState(integration.description ?? '');
  const [entityId, setEntityId] = useState(provider.entityId ?? '');
  const [signOnUrl, setSignOnUrl] = useState(provider.signOnUrl ?? '');
  const [logoutUrl, setLogoutUrl] = useState(provider.logoutUrl ?? '');
  const [certificate, setCertificate] = useState('');
  const [nextCertificate, setNextCertificate] = useState('');
  const [saved, setSaved] = useState(false);

  const update = useSamlMutation(async () => {
    const input = {
      name,
      description: description || null,
      idpEntityId: entityId || null,
      idpSignOnUrl: signOnUrl || null,
      idpLogoutUrl: logoutUrl || null,
      // An empty box keeps the stored certificate: the form never shows the PEM.
      ...(certificate.trim() ? { idpCertificate: certificate } : {}),
      ...(nextCertificate.trim() ? { idpNextCertificate: nextCertificate } : {}),
    };
    const result = await execute(UpdateSamlIntegrationMutation, { id: integration.id, input });
    return result.updateSamlIntegration;
  });

  const importMetadata = useSamlMutation(async (xml: string) => {
    const result = await execute(ImportSamlMetadataMutation, { id: integration.id, xml });
    return result.importSamlIdentityProviderMetadata;
  });

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setSaved(false);
    update.mutate(undefined, {
      onSuccess: () => {
        setCertificate('');
        setNextCertificate('');
        setSaved(true);
      },
    });
  };

  const onMetadataFile = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    if (!file) {
      return;
    }
    setSaved(false);
    importMetadata.mutate(await file.text(), {
      onSuccess: (imported) => {
        setEntityId(imported.identityProvider.entityId ?? '');
        setSignOnUrl(imported.identityProvider.signOnUrl ?? '');
        setLogoutUrl(imported.identityProvider.logoutUrl ?? '');
      },
    });
    event.target.value = '';
  };

  const error = update.error;

  return (
    <section aria-labelledby="idp-heading">
      <h2 id="idp-heading">2. Enter Entra ID&apos;s values</h2>
      <div className="field">
        <label htmlFor="idp-metadata-file">Federation Metadata XML from Entra ID</label>
        <input
          id="idp-metadata-file"
          type="file"
          accept=".xml,text/xml"
          onChange={onMetadataFile}
        />
        <p className="hint">Fills the identifier, URLs and certificate below from the file.</p>
        <ErrorList error={importMetadata.error} />
        {importMetadata.isSuccess ? <p role="status">Metadata imported.</p> : null}
      </div>
      <form onSubmit={onSubmit} noValidate>
        <TextField label="Name" value={name} onChange={setName} error={fieldError(error, 'name')} />
        <TextField
          label="Description"
          value={description}
          onChange={setDescription}
          error={fieldError(error, 'description')}
        />
        <TextField
          label="Microsoft Entra Identifier"
          value={entityId}
          onChange={setEntityId}
          placeholder="https://sts.windows.net/<tenant id>/"
          error={fieldError(error, 'idpEntityId')}
        />
        <TextField
          label="Login URL"
          type="url"
          value={signOnUrl}
          onChange={setSignOnUrl}
          placeholder="https://login.microsoftonline.com/<tenant id>/saml2"
          error={fieldError(error, 'idpSignOnUrl')}
        />
        <TextField
          label="Logout URL"
          type="url"
          value={logoutUrl}
          onChange={setLogoutUrl}
          error={fieldError(error, 'idpLogoutUrl')}
        />
        {provider.certificate ? (
          <CertificateSummary title="Signing certificate" certificate={provider.certificate} />
        ) : (
          <p className="warning">No signing certificate yet: paste Entra ID&apos;s below.</p>
        )}
        <TextField
          label={provider.certificate ? 'Replace the signing certificate' : 'Signing certificate'}
          multiline
          value={certificate}
          onChange={setCertificate}
          hint="Certificate (Base64) from Entra ID, PEM or base64. Leave empty to keep the current one."
          error={fieldError(error, 'idpCertificate')}
        />
        {provider.nextCertificate ? (
          <CertificateSummary title="Next certificate" certificate={provider.nextCertificate} />
        ) : null}
        <TextField
          label="Next signing certificate"
          multiline
          value={nextCertificate}
          onChange={setNextCertificate}
          hint="Optional: Entra ID's new certificate while it rotates keys."
          error={fieldError(error, 'idpNextCertificate')}
        />
        <ErrorList error={error} shownFields={FIELDS} />
        {saved ? <p role="status">Saved.</p> : null}
        <button type="submit" disabled={update.isPending}>
          Save identity provider
        </button>
      </form>
    </section>
  );
}
