import { useState, type FormEvent } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';

import { execute, fieldError, GraphQLRequestError } from '../../api/client';
import { ErrorList } from '../../components/error-list';
import { TextField } from '../../components/text-field';
import type { DeprovisionAction, ScimSettingsPageQuery } from '../../gql/graphql';
import { mappingRowErrors } from './mapping-errors';
import { UpdateScimSettingsMutation } from './operations';

type PageData = ScimSettingsPageQuery;
type Application = PageData['applications']['edges'][number]['node'];

interface Row {
  key: number;
  source: string;
  field: string;
}

const DEPROVISION_ACTIONS: { value: DeprovisionAction; label: string }[] = [
  { value: 'SET_STATUS', label: 'Keep the record and set its status field' },
  { value: 'ARCHIVE', label: 'Archive the record (restored on reactivation)' },
  { value: 'DELETE', label: 'Delete the record (reactivation creates a new one)' },
];

const POLICY_FIELDS = ['statusField', 'activeStatus', 'inactiveStatus', 'deletedStatus'];

/** Edits the target application, the mapping rows and the deprovisioning policy together. */
export function MappingForm({ data }: { data: PageData }) {
  const settings = data.scimSettings;
  const applications = data.applications.edges.map((edge) => edge.node);
  const queryClient = useQueryClient();
  const [targetId, setTargetId] = useState(settings.targetApplicationId ?? '');
  const [rows, setRows] = useState<Row[]>(() =>
    settings.mappings.map((mapping, key) => ({ key, ...mapping })),
  );
  const [nextKey, setNextKey] = useState(settings.mappings.length);
  const policy = settings.deprovisioning;
  const [action, setAction] = useState<DeprovisionAction>(policy.action);
  const [statusField, setStatusField] = useState(policy.statusField ?? '');
  const [activeStatus, setActiveStatus] = useState(policy.activeStatus ?? '');
  const [inactiveStatus, setInactiveStatus] = useState(policy.inactiveStatus ?? '');
  const [deletedStatus, setDeletedStatus] = useState(policy.deletedStatus ?? '');

  const target: Application | undefined = applications.find((app) => app.id === targetId);

  const save = useMutation({
    mutationFn: () =>
      execute(UpdateScimSettingsMutation, {
        input: {
          targetApplicationId: targetId || null,
          mappings: rows.map(({ source, field }) => ({ source, field })),
          deprovisioning: {
            action,
            statusField: statusField || null,
            activeStatus: activeStatus || null,
            inactiveStatus: inactiveStatus || null,
            deletedStatus: deletedStatus || null,
          },
        },
      }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['scimSettingsPage'] }),
  });

  const rowProblem =
    save.error instanceof GraphQLRequestError &&
    save.error.errors[0]?.extensions?.field?.startsWith('mappings[')
      ? save.error.message
      : undefined;
  const rowErrors = mappingRowErrors(rowProblem);

  const change = (key: number, patch: Partial<Row>) => {
    setRows((current) => current.map((row) => (row.key === key ? { ...row, ...patch } : row)));
  };

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate();
  };

  return (
    <form onSubmit={onSubmit} noValidate>
      <section aria-labelledby="target-heading">
        <h2 id="target-heading">Target application</h2>
        {applications.length === 0 ? (
          <p className="notice">
            The organization has no application yet. Create one in the platform (or with the
            createApplication mutation), then choose it here.
          </p>
        ) : null}
        <div className="field">
          <label htmlFor="target-application">Application that receives user records</label>
          <select
            id="target-application"
            value={targetId}
            onChange={(event) => setTargetId(event.target.value)}
          >
            <option value="">None: keep users in Roster only</option>
            {applications.map((app) => (
              <option key={app.id} value={app.id}>
                {app.name}
              </option>
            ))}
          </select>
          {fieldError(save.error, 'targetApplicationId') ? (
            <p className="field-error">{fieldError(save.error, 'targetApplicationId')}</p>
          ) : null}
        </div>
      </section>
      <section aria-labelledby="mapping-heading">
        <h2 id="mapping-heading">Attribute mapping</h2>
        <p>
          Each row copies a SCIM attribute, such as emails[type eq &quot;work&quot;].value or
          urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department, into a field.
        </p>
        <table>
          <caption className="visually-hidden">Attribute mapping</caption>
          <thead>
            <tr>
              <th scope="col">SCIM attribute</th>
              <th scope="col">Application field</th>
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
                    aria-label={`SCIM attribute, row ${index + 1}`}
                    aria-invalid={rowErrors.has(index) ? true : undefined}
                    aria-describedby={rowErrors.has(index) ? `mapping-${row.key}-error` : undefined}
                    value={row.source}
                    onChange={(event) => change(row.key, { source: event.target.value })}
                  />
                  {rowErrors.has(index) ? (
                    <p className="field-error" id={`mapping-${row.key}-error`}>
                      {rowErrors.get(index)}
                    </p>
                  ) : null}
                </td>
                <td>
                  <select
                    aria-label={`Application field, row ${index + 1}`}
                    value={row.field}
                    onChange={(event) => change(row.key, { field: event.target.value })}
                  >
                    <option value="">Choose a field</option>
                    {(target?.fields ?? []).map((field) => (
                      <option key={field.key} value={field.key}>
                        {field.name} ({field.type.toLowerCase()})
                      </option>
                    ))}
                  </select>
                </td>
                <td>
                  <button
                    type="button"
                    className="secondary"
                    aria-label={`Remove mapping row ${index + 1}`}
                    onClick={() => setRows(rows.filter((other) => other.key !== row.key))}
                  >
                    Remove
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <button
          type="button"
          className="secondary"
          onClick={() => {
            setRows([...rows, { key: nextKey, source: '', field: '' }]);
            setNextKey(nextKey + 1);
          }}
        >
          Add a mapping row
        </button>
      </section>
      <section aria-labelledby="deprovisioning-heading">
        <h2 id="deprovisioning-heading">Deprovisioning</h2>
        <fieldset>
          <legend>When Entra ID deactivates or deletes a user</legend>
          {DEPROVISION_ACTIONS.map((option) => (
            <label className="choice" key={option.value}>
              <input
                type="radio"
                name="deprovision-action"
                value={option.value}
                checked={action === option.value}
                onChange={() => setAction(option.value)}
              />{' '}
              {option.label}
            </label>
          ))}
        </fieldset>
        {action === 'SET_STATUS' ? (
          <>
            <TextField
              label="Status field"
              value={statusField}
              onChange={setStatusField}
              error={fieldError(save.error, 'statusField')}
            />
            <TextField
              label="Status of active users"
              value={activeStatus}
              onChange={setActiveStatus}
              error={fieldError(save.error, 'activeStatus')}
            />
            <TextField
              label="Status of deactivated users"
              value={inactiveStatus}
              onChange={setInactiveStatus}
              error={fieldError(save.error, 'inactiveStatus')}
            />
            <TextField
              label="Status of deleted users"
              value={deletedStatus}
              onChange={setDeletedStatus}
              error={fieldError(save.error, 'deletedStatus')}
            />
          </>
        ) : null}
      </section>
      <ErrorList
        error={rowErrors.size > 0 ? undefined : save.error}
        shownFields={['targetApplicationId', ...POLICY_FIELDS]}
      />
      {save.isSuccess ? <p role="status">SCIM settings saved.</p> : null}
      <button type="submit" disabled={save.isPending}>
        Save SCIM settings
      </button>
    </form>
  );
}
