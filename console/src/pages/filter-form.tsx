import { useState, type FormEvent } from 'react';

import { fieldError, GraphQLRequestError } from '../api/client';
import { TextField } from '../components/text-field';

interface FilterFormProps {
  /** The filter in effect, from the URL. */
  filter: string;
  onSearch: (filter: string) => void;
  error: unknown;
  examples: string;
}

/**
 * Renders a SCIM filter box (RFC 7644 §3.4.2.2). The server rejects a malformed filter with
 * BAD_USER_INPUT, and its message appears under the box.
 */
export function FilterForm({ filter, onSearch, error, examples }: FilterFormProps) {
  const [draft, setDraft] = useState(filter);

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    onSearch(draft.trim());
  };

  const message =
    fieldError(error, 'filter') ??
    (error instanceof GraphQLRequestError && error.code === 'BAD_USER_INPUT'
      ? error.message
      : undefined);

  return (
    <form className="filter-form" role="search" onSubmit={onSubmit} noValidate>
      <TextField
        label="SCIM filter"
        type="search"
        value={draft}
        onChange={setDraft}
        hint={examples}
        error={message}
      />
      <div className="actions">
        <button type="submit">Search</button>
        {filter ? (
          <button
            type="button"
            className="secondary"
            onClick={() => {
              setDraft('');
              onSearch('');
            }}
          >
            Clear
          </button>
        ) : null}
      </div>
    </form>
  );
}
