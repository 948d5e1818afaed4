import { useState, type FormEvent } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';

import { execute, fieldError } from '../../api/client';
import { ErrorList } from '../../components/error-list';
import { TextField } from '../../components/text-field';
import type { ExtensionAttributesQuery } from '../../gql/graphql';
import { ATTRIBUTES_QUERY_KEY } from './attribute-types';
import { SetDiscoveryLimitMutation } from './operations';

type DiscoverySettings = ExtensionAttributesQuery['scimDiscoverySettings'];

/** Sets how many attributes SCIM requests may declare by themselves; empty means the default. */
export function DiscoveryLimitForm({ settings }: { settings: DiscoverySettings }) {
  const queryClient = useQueryClient();
  const [limit, setLimit] = useState(settings.discoveryLimitOverride?.toString() ?? '');
  const [invalid, setInvalid] = useState(false);

  const save = useMutation({
    mutationFn: (value: number | null) => execute(SetDiscoveryLimitMutation, { limit: value }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ATTRIBUTES_QUERY_KEY }),
  });

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const trimmed = limit.trim();
    const value = trimmed === '' ? null : Number(trimmed);
    const isWhole = value === null || Number.isInteger(value);
    setInvalid(!isWhole);
    if (isWhole) {
      save.mutate(value);
    }
  };

  const error = invalid ? 'Enter a whole number, or nothing for the default.' : undefined;

  return (
    <section aria-labelledby="discovery-heading">
      <h2 id="discovery-heading">Discovery</h2>
      <p>
        {settings.discoveredCount} of at most {settings.discoveryLimit} attributes were declared by
        SCIM requests. 0 stops SCIM requests from declaring attributes.
      </p>
      <form onSubmit={onSubmit} noValidate>
        <TextField
          label="Discovery limit"
          value={limit}
          onChange={setLimit}
          hint="0 to 10000; leave empty for the server's default."
          error={error ?? fieldError(save.error, 'limit')}
        />
        <ErrorList error={save.error} shownFields={['limit']} />
        {save.isSuccess ? <p role="status">Limit saved.</p> : null}
        <button type="submit" disabled={save.isPending}>
          Save limit
        </button>
      </form>
    </section>
  );
}
