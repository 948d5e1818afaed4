import { useState, type FormEvent } from 'react';

import { execute } from '../../api/client';
import { ErrorList } from '../../components/error-list';
import type { SamlIntegrationFieldsFragment, SamlUserField } from '../../gql/graphql';
import { UpdateSamlIntegrationMutation } from './operations';
import { useSamlMutation } from './use-saml-mutation';

const USER_FIELDS: { value: SamlUserField; label: string }[] = [
  { value: 'EMAIL', label: 'Email' },
  { value: 'GIVEN_NAME', label: 'Given name' },
  { value: 'FAMILY_NAME', label: 'Family name' },
  { value: 'DISPLAY_NAME', label: 'Display name' },
  { value: 'GROUPS', label: 'Groups' },
];

interface Row {
  key: number;
  attribute: string;
  field: SamlUserField;
}

/** Edits which claim of the SAML assertion fills which user field. */
export function AttributeMappingForm({
  integration,
}: {
  integration: SamlIntegrationFieldsFragment;
}) {
  const [rows, setRows] = useState<Row[]>(() =>
    integration.attributeMapping.map((mapping, key) => ({ key, ...mapping })),
  );
  const [nextKey, setNextKey] = useState(integration.attributeMapping.length);
  const [saved, setSaved] = useState(false);

  const save = useSamlMutation(async () => {
    const attributeMapping = rows.map(({ attribute, field }) => ({ attribute, field }));
    const result = await execute(UpdateSamlIntegrationMutation, {
      id: integration.id,
      input: { attributeMapping },
    });
    return result.updateSamlIntegration;
  });

  const change = (key: number, patch: Partial<Row>) => {
    setSaved(false);
    setRows((current) => current.map((row) => (row.key === key ? { ...row, ...patch } : row)));
  };

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate(undefined, { onSuccess: () => setSaved(true) });
  };

  return (
    <section aria-labelledby="mapping-heading">
      <h2 id="mapping-heading">3. Map assertion attributes</h2>
      <p>Each claim that Entra ID sends in the SAML assertion fills one user field.</p>
      <form onSubmit={onSubmit} noValidate>
        <table>
          <thead>
            <tr>
              <th scope="col">Claim name</th>
              <th scope="col">User field</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row, index) => (
              <tr key={row.key}>
                <td>
                  <input
                    aria-label={`Claim name, row ${index + 1}`}
                    value={row.attribute}
                    onChange={(event) => change(row.key, { attribute: event.target.value })}
                  />
                </td>
                <td>
                  <select
                    aria-label={`User field, row ${index + 1}`}
                    value={row.field}
                    onChange={(event) =>
                      change(row.key, { field: event.target.value as SamlUserField })
                    }
                  >
                    {USER_FIELDS.map((field) => (
                      <option key={field.value} value={field.value}>
                        {field.label}
                      </option>
                    ))}
                  </select>
                </td>
                <td>
                  <button
                    type="button"
                    className="secondary"
                    aria-label={`Remove row ${index + 1}`}
                    onClick={() => {
                      setSaved(false);
                      setRows((current) => current.filter((other) => other.key !== row.key));
                    }}
                  >
                    Remove
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <ErrorList error={save.error} />
        {saved ? <p role="status">Mapping saved.</p> : null}
        <div className="actions">
          <button
            type="button"
            className="secondary"
            onClick={() => {
              setRows((current) => [...current, { key: nextKey, attribute: '', field: 'EMAIL' }]);
              setNextKey(nextKey + 1);
            }}
          >
            Add a claim
          </button>
          <button type="submit" disabled={save.isPending}>
            Save mapping
          </button>
        </div>
      </form>
    </section>
  );
}
