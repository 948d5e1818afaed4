import { useMutation, useQueryClient } from '@tanstack/react-query';

import { execute } from '../api/client';
import { useViewer } from '../auth/viewer';
import { ErrorList } from '../components/error-list';
import { graphql } from '../gql';
import type { UserRole } from '../gql/graphql';

const SetUserRoleMutation = graphql(`
  mutation SetUserRole($id: ID!, $role: UserRole!) {
    setUserRole(id: $id, role: $role) {
      id
      role
    }
  }
`);

/** Shows a user's role with a button that makes them an admin or a member. */
export function UserRoleControl({ userId, role }: { userId: string; role: UserRole }) {
  const viewer = useViewer();
  const queryClient = useQueryClient();
  const nextRole: UserRole = role === 'ADMIN' ? 'MEMBER' : 'ADMIN';

  const change = useMutation({
    mutationFn: () => execute(SetUserRoleMutation, { id: userId, role: nextRole }),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: ['user', userId] });
      if (userId === viewer.id) {
        await queryClient.invalidateQueries({ queryKey: ['viewer'] });
      }
    },
  });

  return (
    <>
      {role === 'ADMIN' ? 'Admin' : 'Member'}{' '}
      <button
        type="button"
        className="secondary"
        disabled={change.isPending}
        onClick={() => change.mutate()}
      >
        {nextRole === 'ADMIN' ? 'Make admin' : 'Make member'}
      </button>
      <ErrorList error={change.error} />
    </>
  );
}
