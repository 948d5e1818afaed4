import { createToken } from './scim-client';
import type { TestServer } from './test-server';

/** A parsed GraphQL response; tests read nested data freely. */
export interface ApiResponse {
  data: Record<string, any> | null | undefined;
  errors?: { message: string; extensions: Record<string, unknown> }[];
}

/** Sends GraphQL operations to a test server as an integrator would. */
export type ApiClient = (
  query: string,
  variables?: Record<string, unknown>,
) => Promise<ApiResponse>;

/** Creates an API token for the bootstrap admin and returns a client that sends it. */
export async function connectApi(server: TestServer, organizationId?: string, userId?: string) {
  const { secret } = await createToken(server, { scope: 'API', organizationId, userId });

  const client: ApiClient = async (query, variables = {}) => {
    const response = await fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${secret}` },
      body: JSON.stringify({ query, variables }),
    });

    return (await response.json()) as ApiResponse;
  };

  return client;
}

/** Returns the data of a response, failing with its errors when there are any. */
export function dataOf(response: ApiResponse): Record<string, any> {
  if (response.errors?.length) {
    throw new Error(`GraphQL errors: ${JSON.stringify(response.errors)}`);
  }

  return response.data!;
}
