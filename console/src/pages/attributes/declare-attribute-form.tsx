import { useState, type FormEvent } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';

import { execute, fieldError } from '../../api/client';
import { ErrorList } from '../../components/error-list';
import { TextField } from '../../components/text-field';
import type { ScimAttributeType } from '../../gql/graphql';
import { ATTRIBUTE_TYPES, ATTRIBUTES_QUERY_KEY } from './attribute-types';
import { DeclareAttributeMutation } from './operations';

const FIELDS = ['schema', 'name', 'type', 'description'];

/** Declares a new attribute of a custom User extension. */
export function DeclareAttributeForm() {
  const queryClient = useQueryClient();
  const [schema, setSchema] = useState('urn:ietf:params:scim:schemas:extension:custom:2.0:User');
  const [name, setName] = useState('');
  const [type, setType] = useState<ScimAttributeType>('STRING');
  const [description, setDescription] = useState('');
  const [required, setRequired] = useState(false);
  const [caseExact, setCaseExact] = useState(false);
  const [declared, setDeclared] = useState('');

  const declare = useMutation({
    mutationFn: () =>
      execute(DeclareAttributeMutation, {
        input: { schema, name, type, description: description || null, required, caseExact },
      }),
    onSuccess: async (result) => {
      setDeclared(result.declareScimExtensionAttribute.path);
      setName('');
      setDescription('');
      await queryClient.invalidateQueries({ queryKey: ATTRIBUTES_QUERY_KEY });
    },
  });

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setDeclared('');
    declare.mutate();
  };

  return (
    <section aria-labelledby="declare-heading">
      <h2 id="declare-heading">Declare an attribute</h2>
      <form onSubmit={onSubmit} noValidate>
        <TextField
          label="Extension schema"
          value={schema}
          onChange={setSchema}
          hint="urn:ietf:params:scim:schemas:extension:<Name>:2.0:User, as Entra ID's mapping uses it."
          error={fieldError(declare.error, 'schema')}
          required
        />
        <TextField
          label="Attribute name"
          value={name}
          onChange={setName}
          hint="A letter, then letters, digits, - or _; at most 128 characters."
          error={fieldError(declare.error, 'name')}
          required
        />
        <div className="field">
          <label htmlFor="attribute-type">Type</label>
          <select
            id="attribute-type"
            value={type}
            onChange={(event) => setType(event.target.value as ScimAttributeType)}
          >
            {ATTRIBUTE_TYPES.map((option) => (
              <option key={option.value} value={option.value}>
                {option.label}
              </option>
            ))}
          </select>
        </div>
        <TextField
          label="Description"
          value={description}
          onChange={setDescription}
          error={fieldError(declare.error, 'description')}
        />
        <label className="choice">
          <input
            type="checkbox"
            checked={required}
            onChange={(event) => setRequired(event.target.checked)}
          />{' '}
          Required: SCIM creates and replacements must carry a value
        </label>
        <label className="choice">
          <input
            type="checkbox"
            checked={caseExact}
            onChange={(event) => setCaseExact(event.target.checked)}
          />{' '}
          Case-exact: filters and sorting respect case
        </label>
        <ErrorList error={declare.error} shownFields={FIELDS} />
        {declared ? <p role="status">Declared {declared}.</p> : null}
        <button type="submit" disabled={declare.isPending}>
          Declare attribute
        </button>
      </form>
    </section>
  );
}
