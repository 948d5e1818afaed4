import { useState, type FormEvent } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';

import { execute, fieldError } from '../../api/client';
import { useViewer } from '../../auth/viewer';
import { Dialog } from '../../components/dialog';
import { ErrorList } from '../../components/error-list';
import { TextField } from '../../components/text-field';
import type { TokenExpiration, TokenScope } from '../../gql/graphql';
import { CreateTokenMutation, TokenOwnersQuery } from './operations';

const EXPIRATIONS: { value: TokenExpiration; label: string }[] = [
  { value: 'DAYS_30', label: '30 days' },
  { value: 'DAYS_60', label: '60 days' },
  { value: 'DAYS_90', label: '90 days' },
  { value: 'DAYS_180', label: '180 days' },
  { value: 'DAYS_365', label: '365 days' },
  { value: 'DATE', label: 'On a date' },
  { value: 'NEVER', label: 'Never' },
];

const FIELDS = ['title', 'description', 'userId', 'scope', 'expiration', 'expiresAt'];

interface CreateTokenDialogProps {
  samlEnabled: boolean;
  onClose: () => void;
  onCreated: (title: string, secret: string) => void;
}

/** Title, description, owner, scope and expiry of a new token. */
export function CreateTokenDialog({ samlEnabled, onClose, onCreated }: CreateTokenDialogProps) {
  const viewer = useViewer();
  const queryClient = useQueryClient();
  const [title, setTitle] = useState('');
  const [description, setDescription] = useState('');
  const [userId, setUserId] = useState(viewer.id);
  const [scope, setScope] = useState<TokenScope>(samlEnabled ? 'SCIM' : 'API');
  const [expiration, setExpiration] = useState<TokenExpiration>('DAYS_365');
  const [expiresOn, setExpiresOn] = useState('');

  const owners = useQuery({ queryKey: ['tokenOwners'], queryFn: () => execute(TokenOwnersQuery) });
  const admins = (owners.data?.users.resources ?? []).filter((user) => user.role === 'ADMIN');

  const create = useMutation({
    mutationFn: () =>
      execute(CreateTokenMutation, {
        input: {
          title,
          description: description || null,
          userId,
          scope,
          expiration,
          expiresAt: expiration === 'DATE' && expiresOn ? endOfDay(expiresOn) : null,
        },
      }),
    onSuccess: async (result) => {
      await queryClient.invalidateQueries({ queryKey: ['tokens'] });
      onCreated(result.createToken.token.title, result.createToken.secret);
    },
  });

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate();
  };

  const error = create.error;
  const neverAllowed = viewer.organization.allowNeverExpiringTokens;

  return (
    <Dialog title="Create token" onClose={onClose}>
      <form onSubmit={onSubmit} noValidate>
        <TextField
          label="Title"
          value={title}
          onChange={setTitle}
          hint="1 to 100 characters, such as Entra ID provisioning."
          error={fieldError(error, 'title')}
          required
        />
        <TextField
          label="Description"
          value={description}
          onChange={setDescription}
          error={fieldError(error, 'description')}
        />
        <div className="field">
          <label htmlFor="token-owner">Acts as</label>
          <select id="token-owner" value={userId} onChange={(e) => setUserId(e.target.value)}>
            <option value={viewer.id}>{viewer.userName} (you)</option>
            {admins
              .filter((admin) => admin.id !== viewer.id)
              .map((admin) => (
                <option key={admin.id} value={admin.id}>
                  {admin.userName}
                </option>
              ))}
          </select>
          <p className="hint">An active admin; the token stops working if they leave.</p>
          {fieldError(error, 'userId') ? (
            <p className="field-error">{fieldError(error, 'userId')}</p>
          ) : null}
        </div>
        <fieldset>
          <legend>Scope</legend>
          <label className="choice">
            <input
              type="radio"
              name="scope"
              value="SCIM"
              checked={scope === 'SCIM'}
              onChange={() => setScope('SCIM')}
            />
            SCIM: Entra ID provisioning at /scim/v2
          </label>
          <label className="choice">
            <input
              type="radio"
              name="scope"
              value="API"
              checked={scope === 'API'}
              onChange={() => setScope('API')}
            />
            API: scripts that call /graphql
          </label>
          {scope === 'SCIM' && !samlEnabled ? (
            <p className="field-error">Enable SAML SSO before creating a SCIM token.</p>
          ) : null}
          {fieldError(error, 'scope') ? (
            <p className="field-error">{fieldError(error, 'scope')}</p>
          ) : null}
        </fieldset>
        <div className="field">
          <label htmlFor="token-expiration">Expires</label>
          <select
            id="token-expiration"
            value={expiration}
            onChange={(event) => setExpiration(event.target.value as TokenExpiration)}
          >
            {EXPIRATIONS.filter((option) => option.value !== 'NEVER' || neverAllowed).map(
              (option) => (
                <option key={option.value} value={option.value}>
                  {option.label}
                </option>
              ),
            )}
          </select>
          {fieldError(error, 'expiration') ? (
            <p className="field-error">{fieldError(error, 'expiration')}</p>
          ) : null}
        </div>
        {expiration === 'DATE' ? (
          <TextField
            label="Expiry date"
            type="date"
            value={expiresOn}
            onChange={setExpiresOn}
            hint="At most 365 days ahead; the token ends at the end of that day (UTC)."
            error={fieldError(error, 'expiresAt')}
            required
          />
        ) : null}
        <ErrorList error={error} shownFields={FIELDS} />
        <div className="actions">
          <button type="submit" disabled={create.isPending}>
            Create token
          </button>
          <button type="button" className="secondary" onClick={onClose}>
            Cancel
          </button>
        </div>
      </form>
    </Dialog>
  );
}

/** Returns the last second of a calendar day, in UTC, as an ISO timestamp. */
function endOfDay(date: string): string {
  return `${date}T23:59:59.000Z`;
}
