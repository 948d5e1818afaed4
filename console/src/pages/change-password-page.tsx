import { useState, type FormEvent } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';

import { execute, fieldError } from '../api/client';
import { ChangePasswordMutation } from '../api/operations';
import type { Viewer } from '../auth/viewer';
import { ErrorList } from '../components/error-list';
import { useSignOut } from '../components/layout';
import { usePageTitle } from '../components/page-title';
import { TextField } from '../components/text-field';

const MIN_LENGTH = 12;

/** Replaces the one-time password, which the server requires before anything else. */
export function ChangePasswordPage({ viewer }: { viewer: Viewer }) {
  usePageTitle('Choose a password');
  const queryClient = useQueryClient();
  const signOut = useSignOut();
  const [currentPassword, setCurrentPassword] = useState('');
  const [newPassword, setNewPassword] = useState('');
  const [confirmation, setConfirmation] = useState('');
  const [mismatch, setMismatch] = useState(false);

  const change = useMutation({
    mutationFn: () => execute(ChangePasswordMutation, { input: { currentPassword, newPassword } }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['viewer'] }),
  });

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const differs = newPassword !== confirmation;
    setMismatch(differs);
    if (!differs) {
      change.mutate();
    }
  };

  return (
    <main className="narrow" id="main">
      <h1>Choose a password</h1>
      <p>
        {viewer.userName} signed in with a one-time password. Choose your own password of at least{' '}
        {MIN_LENGTH} characters to continue.
      </p>
      <form onSubmit={onSubmit} noValidate>
        <input type="hidden" name="username" autoComplete="username" value={viewer.userName} />
        <TextField
          label="One-time password"
          type="password"
          value={currentPassword}
          onChange={setCurrentPassword}
          error={fieldError(change.error, 'currentPassword')}
          autoComplete="current-password"
          required
        />
        <TextField
          label="New password"
          type="password"
          value={newPassword}
          onChange={setNewPassword}
          hint={`At least ${MIN_LENGTH} characters.`}
          error={fieldError(change.error, 'newPassword')}
          autoComplete="new-password"
          required
        />
        <TextField
          label="Confirm password"
          type="password"
          value={confirmation}
          onChange={setConfirmation}
          error={mismatch ? 'The two passwords differ.' : undefined}
          autoComplete="new-password"
          required
        />
        <ErrorList error={change.error} shownFields={['currentPassword', 'newPassword']} />
        <div className="actions">
          <button type="submit" disabled={change.isPending}>
            Save password
          </button>
          <button type="button" className="secondary" onClick={() => signOut.mutate()}>
            Sign out
          </button>
        </div>
      </form>
    </main>
  );
}
