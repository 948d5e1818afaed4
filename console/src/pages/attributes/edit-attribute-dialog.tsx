import { useState, type FormEvent } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';

import { execute, fieldError } from '../../api/client';
import { Dialog } from '../../components/dialog';
import { ErrorList } from '../../components/error-list';
import { TextField } from '../../components/text-field';
import type { ExtensionAttributeFieldsFragment, ScimAttributeType } from '../../gql/graphql';
import { ATTRIBUTE_TYPES, ATTRIBUTES_QUERY_KEY } from './attribute-types';
import { UpdateAttributeMutation } from './operations';

interface EditAttributeDialogProps {
  attribute: ExtensionAttributeFieldsFragment;
  onClose: () => void;
}

/** Changes an attribute's type, description and flags; a new type converts stored values. */
export function EditAttributeDialog({ attribute, onClose }: EditAttributeDialogProps) {
  const queryClient = useQueryClient();
  const [type, setType] = useState<ScimAttributeType>(attribute.type);
  const [description, setDescription] = useState(attribute.description);
  const [required, setRequired] = useState(attribute.required);
  const [caseExact, setCaseExact] = useState(attribute.caseExact);

  const update = useMutation({
    mutationFn: () =>
      execute(UpdateAttributeMutation, {
        id: attribute.id,
        input: { type, description, required, caseExact },
      }),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: ATTRIBUTES_QUERY_KEY });
      onClose();
    },
  });

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    update.mutate();
  };

  return (
    <Dialog title={`Edit ${attribute.name}`} onClose={onClose}>
      <p>
        <code className="wrap">{attribute.path}</code>
      </p>
      <form onSubmit={onSubmit} noValidate>
        <div className="field">
          <label htmlFor="edit-attribute-type">Type</label>
          <select
            id="edit-attribute-type"
            value={type}
            onChange={(event) => setType(event.target.value as ScimAttributeType)}
          >
            {ATTRIBUTE_TYPES.map((option) => (
              <option key={option.value} value={option.value}>
                {option.label}
              </option>
            ))}
          </select>
          <p className="hint">Every stored value must convert to the new type.</p>
          {fieldError(update.error, 'type') ? (
            <p className="field-error">{fieldError(update.error, 'type')}</p>
          ) : null}
        </div>
        <TextField
          label="Description"
          value={description}
          onChange={setDescription}
          error={fieldError(update.error, 'description')}
        />
        <label className="choice">
          <input
            type="checkbox"
            checked={required}
            onChange={(event) => setRequired(event.target.checked)}
          />{' '}
          Required
        </label>
        <label className="choice">
          <input
            type="checkbox"
            checked={caseExact}
            onChange={(event) => setCaseExact(event.target.checked)}
          />{' '}
          Case-exact
        </label>
        <ErrorList error={update.error} shownFields={['type', 'description']} />
        <div className="actions">
          <button type="submit" disabled={update.isPending}>
            Save attribute
          </button>
          <button type="button" className="secondary" onClick={onClose}>
            Cancel
          </button>
        </div>
      </form>
    </Dialog>
  );
}
