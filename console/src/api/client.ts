import type { TypedDocumentString } from '../gql/graphql';

/** One error of a GraphQL response, as Roster formats it. */
export interface GraphQLErrorItem {
  message: string;
  extensions?: {
    code?: string;
    /** The input field the error concerns, such as `title` or `input.idpSignOnUrl`. */
    field?: string;
    retryAfterSeconds?: number;
  };
}

/** A request that returned GraphQL errors, or failed before it got a GraphQL response. */
export class GraphQLRequestError extends Error {
  override name = 'GraphQLRequestError';

  constructor(readonly errors: GraphQLErrorItem[]) {
    super(errors.map((error) => error.message).join('; '));
  }

  /** The first error's `extensions.code`, such as FORBIDDEN or BAD_USER_INPUT. */
  get code(): string | undefined {
    return this.errors[0]?.extensions?.code;
  }
}

/**
 * Sends one operation to `/graphql` with the session cookie. The `X-Roster-CSRF` header shows
 * the server that the request comes from a page of its own origin.
 */
export async function execute<Result, Variables>(
  document: TypedDocumentString<Result, Variables>,
  ...[variables]: Variables extends Record<string, never> ? [] : [Variables]
): Promise<Result> {
  let response: Response;
  try {
    response = await fetch('/graphql', {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'Content-Type': 'application/json', 'X-Roster-CSRF': '1' },
      body: JSON.stringify({ query: document.toString(), variables }),
    });
  } catch {
    throw new GraphQLRequestError([
      { message: 'Roster did not respond; check your connection and try again' },
    ]);
  }

  const body = (await response.json().catch(() => undefined)) as
    { data?: Result; errors?: GraphQLErrorItem[] } | undefined;

  if (!body) {
    throw new GraphQLRequestError([
      { message: `Roster returned HTTP ${response.status} without a GraphQL response` },
    ]);
  }
  if (body.errors?.length) {
    throw new GraphQLRequestError(body.errors);
  }

  return body.data as Result;
}

/**
 * Returns the message of the error about `field` (matched on its last path segment, so
 * `input.title` and `title` match), for showing next to that field.
 */
export function fieldError(error: unknown, field: string): string | undefined {
  if (!(error instanceof GraphQLRequestError)) {
    return undefined;
  }

  const match = error.errors.find((item) => {
    const named = item.extensions?.field;
    return named !== undefined && (named === field || named.split('.').pop() === field);
  });

  return match?.message;
}

/** Returns the messages of errors that name no field in `shownFields`. */
export function otherErrors(error: unknown, shownFields: string[] = []): string[] {
  if (!error) {
    return [];
  }
  if (!(error instanceof GraphQLRequestError)) {
    return [error instanceof Error ? error.message : String(error)];
  }

  return error.errors
    .filter((item) => {
      const named = item.extensions?.field?.split('.').pop();
      return named === undefined || !shownFields.includes(named);
    })
    .map((item) => item.message);
}
