import { useMutation, useQueryClient } from '@tanstack/react-query';

import { execute } from '../../api/client';
import { Dialog } from '../../components/dialog';
import { ErrorList } from '../../components/error-list';
import type { TokenFieldsFragment } from '../../gql/graphql';
import { RevokeTokenMutation } from './operations';

/** Asks before revoking: whatever uses the token fails from that moment. */
export function RevokeTokenDialog({
  token,
  onClose,
}: {
  token: TokenFieldsFragment;
  onClose: () => void;
}) {
  const queryClient = useQueryClient();
  const revoke = useMutation({
    mutationFn: () => execute(RevokeTokenMutation, { id: token.id }),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: ['tokens'] });
      onClose();
    },
  });

  const consequence =
    token.scope === 'SCIM'
      ? 'Entra ID provisioning with this token fails from now on, until you give it a new one.'
      : 'Scripts that call the API with this token fail from now on.';

  return (
    <Dialog title={`Revoke token "${token.title}"?`} onClose={onClose}>
      <p>{consequence} A revoked token cannot be restored.</p>
      <ErrorList error={revoke.error} />
      <div className="actions">
        <button
          type="button"
          className="danger"
          disabled={revoke.isPending}
          onClick={() => revoke.mutate()}
        >
          Revoke token
        </button>
        <button type="button" className="secondary" onClick={onClose}>
          Cancel
        </button>
      </div>
    </Dialog>
  );
}
