import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';

import { execute } from '../../api/client';
import { EmptyState } from '../../components/empty-state';
import { ErrorList } from '../../components/error-list';
import { usePageTitle } from '../../components/page-title';
import type { ExtensionAttributeFieldsFragment } from '../../gql/graphql';
import { ATTRIBUTE_TYPES, ATTRIBUTES_QUERY_KEY } from './attribute-types';
import { DeclareAttributeForm } from './declare-attribute-form';
import { DiscoveryLimitForm } from './discovery-limit-form';
import { EditAttributeDialog } from './edit-attribute-dialog';
import { ExtensionAttributesQuery } from './operations';
import { RemoveAttributeDialog } from './remove-attribute-dialog';

const TYPE_LABELS = Object.fromEntries(ATTRIBUTE_TYPES.map((type) => [type.value, type.label]));

/** Custom attributes: the organization's SCIM extension attributes, for Entra ID's mappings. */
export function AttributesPage() {
  usePageTitle('Custom attributes');
  const [editing, setEditing] = useState<ExtensionAttributeFieldsFragment | null>(null);
  const [removing, setRemoving] = useState<ExtensionAttributeFieldsFragment | null>(null);
  const attributes = useQuery({
    queryKey: ATTRIBUTES_QUERY_KEY,
    queryFn: () => execute(ExtensionAttributesQuery),
  });

  const list = attributes.data?.scimExtensionAttributes ?? [];

  return (
    <>
      <h1>Custom attributes</h1>
      <p>
        Declare the attributes of your own SCIM extension here, then map Entra ID attributes to them
        in Entra ID&apos;s provisioning attribute mappings, using the path shown.
      </p>
      <ErrorList error={attributes.error} />
      {attributes.isPending ? <p className="loading">Loading…</p> : null}
      {attributes.isSuccess && list.length === 0 ? (
        <EmptyState title="No custom attributes yet">
          <p>
            Declare one below. A value that Entra ID sends for an undeclared attribute of a custom
            extension also declares it, as a string, while discovery allows.
          </p>
        </EmptyState>
      ) : null}
      {list.length > 0 ? (
        <table>
          <caption className="visually-hidden">Custom attributes</caption>
          <thead>
            <tr>
              <th scope="col">Path</th>
              <th scope="col">Type</th>
              <th scope="col">Required</th>
              <th scope="col">Case-exact</th>
              <th scope="col">Origin</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {list.map((attribute) => (
              <tr key={attribute.id}>
                <th scope="row">
                  <code className="wrap">{attribute.path}</code>
                  {attribute.description ? (
                    <div className="hint">{attribute.description}</div>
                  ) : null}
                </th>
                <td>{TYPE_LABELS[attribute.type]}</td>
                <td>{attribute.required ? 'Yes' : 'No'}</td>
                <td>{attribute.caseExact ? 'Yes' : 'No'}</td>
                <td>{attribute.discovered ? 'Discovered' : 'Declared'}</td>
                <td className="row-actions">
                  <button
                    type="button"
                    className="secondary"
                    aria-label={`Edit ${attribute.name}`}
                    onClick={() => setEditing(attribute)}
                  >
                    Edit
                  </button>
                  <button
                    type="button"
                    className="danger"
                    aria-label={`Remove ${attribute.name}`}
                    onClick={() => setRemoving(attribute)}
                  >
                    Remove
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      <DeclareAttributeForm />
      {attributes.data ? (
        <DiscoveryLimitForm settings={attributes.data.scimDiscoverySettings} />
      ) : null}
      {editing ? (
        <EditAttributeDialog attribute={editing} onClose={() => setEditing(null)} />
      ) : null}
      {removing ? (
        <RemoveAttributeDialog attribute={removing} onClose={() => setRemoving(null)} />
      ) : null}
    </>
  );
}
