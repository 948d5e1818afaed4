import type { TestServer } from './test-server';

export interface GraphQLErrorBody {
  message: string;
  extensions?: { code?: string; field?: string; retryAfterSeconds?: number };
}

export interface GraphQLResponse<T = Record<string, any>> {
  status: number;
  data?: T | null;
  errors?: GraphQLErrorBody[];
  /** The Set-Cookie header, if any. */
  setCookie: string | null;
}

export interface Credentials {
  /** A session cookie value (`roster_session=…`) or nothing. */
  cookie?: string;
  /** An API token secret sent as `Authorization: Bearer …`. */
  token?: string;
  /** Whether to send `X-Roster-CSRF: 1`; true unless set to false. */
  csrf?: boolean;
}

/** Every raw response body received by `graphql()`, to scan for leaked secrets. */
export const responseBodies: string[] = [];

/** Posts one GraphQL operation to the server over HTTP and records the raw response. */
export async function graphql<T = Record<string, any>>(
  server: TestServer,
  query: string,
  variables: Record<string, unknown> = {},
  credentials: Credentials = {},
): Promise<GraphQLResponse<T>> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (credentials.csrf !== false) {
    headers['x-roster-csrf'] = '1';
  }
  if (credentials.cookie) {
    headers.cookie = credentials.cookie;
  }
  if (credentials.token) {
    headers.authorization = `Bearer ${credentials.token}`;
  }

  const response = await fetch(`${server.url}/graphql`, {
    method: 'POST',
    headers,
    body: JSON.stringify({ query, variables }),
  });
  const text = await response.text();
  responseBodies.push(text);
  const body = JSON.parse(text) as { data?: T | null; errors?: GraphQLErrorBody[] };

  return {
    status: response.status,
    data: body.data,
    errors: body.errors,
    setCookie: response.headers.get('set-cookie'),
  };
}

/** Returns the `name=value` part of a Set-Cookie header, for the Cookie header. */
export function cookieFrom(setCookie: string | null): string {
  if (!setCookie) {
    throw new Error('the response set no cookie');
  }

  return setCookie.split(';')[0];
}

/** Returns the only error's code, failing the test when there is not exactly one error. */
export function errorCode(response: GraphQLResponse): string | undefined {
  expect(response.errors).toHaveLength(1);
  return response.errors?.[0].extensions?.code;
}
