import { useMutation, useQueryClient } from '@tanstack/react-query';

import type { SamlIntegrationFieldsFragment } from '../../gql/graphql';

/** Runs a mutation that returns the integration and puts the result in the page's cache. */
export function useSamlMutation<Variables>(
  mutate: (variables: Variables) => Promise<SamlIntegrationFieldsFragment>,
) {
  const queryClient = useQueryClient();

  return useMutation({
    mutationFn: mutate,
    onSuccess: (integration) => {
      queryClient.setQueryData(['samlIntegration'], { samlIntegration: integration });
    },
  });
}
