import { useMutation, useQueryClient } from '@tanstack/react-query';

import { execute } from '../../api/client';
import { Dialog } from '../../components/dialog';
import { ErrorList } from '../../components/error-list';
import type { ExtensionAttributeFieldsFragment } from '../../gql/graphql';
import { ATTRIBUTES_QUERY_KEY } from './attribute-types';
import { RemoveAttributeMutation } from './operations';

/** Asks before removing: the attribute's values are deleted from every user. */
export function RemoveAttributeDialog({
  attribute,
  onClose,
}: {
  attribute: ExtensionAttributeFieldsFragment;
  onClose: () => void;
}) {
  const queryClient = useQueryClient();
  const remove = useMutation({
    mutationFn: () => execute(RemoveAttributeMutation, { id: attribute.id }),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: ATTRIBUTES_QUERY_KEY });
      onClose();
    },
  });

  return (
    <Dialog title={`Remove ${attribute.name}?`} onClose={onClose}>
      <p>
        Removing <code className="wrap">{attribute.path}</code> deletes its value from every user.
        Entra ID mappings that target it fail until you remove them in Entra ID too.
      </p>
      <ErrorList error={remove.error} />
      <div className="actions">
        <button
          type="button"
          className="danger"
          disabled={remove.isPending}
          onClick={() => remove.mutate()}
        >
          Remove attribute
        </button>
        <button type="button" className="secondary" onClick={onClose}>
          Cancel
        </button>
      </div>
    </Dialog>
  );
}
