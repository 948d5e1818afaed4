import { useState, type FormEvent } from 'react';

import { execute, fieldError } from '../../api/client';
import { EmptyState } from '../../components/empty-state';
import { ErrorList } from '../../components/error-list';
import { TextField } from '../../components/text-field';
import { CreateSamlIntegrationMutation } from './operations';
import { useSamlMutation } from './use-saml-mutation';

/** Shown until the organization has an integration: a name is all it takes to start. */
export function CreateSamlForm() {
  const [name, setName] = useState('Microsoft Entra ID');
  const [description, setDescription] = useState('');

  const create = useSamlMutation(async () => {
    const input = { name, description: description || null };
    const result = await execute(CreateSamlIntegrationMutation, { input });
    return result.createSamlIntegration;
  });

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate(undefined);
  };

  return (
    <EmptyState title="No SAML integration yet">
      <p>
        Create the integration to get the values to enter in Entra ID (Enterprise applications →
        your application → Single sign-on → SAML). SCIM provisioning needs SAML single sign-on
        enabled first.
      </p>
      <form onSubmit={onSubmit} noValidate>
        <TextField
          label="Name"
          value={name}
          onChange={setName}
          error={fieldError(create.error, 'name')}
          required
        />
        <TextField
          label="Description"
          value={description}
          onChange={setDescription}
          error={fieldError(create.error, 'description')}
        />
        <ErrorList error={create.error} shownFields={['name', 'description']} />
        <button type="submit" disabled={create.isPending}>
          Create SAML integration
        </button>
      </form>
    </EmptyState>
  );
}
