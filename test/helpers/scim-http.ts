import { randomBytes } from 'node:crypto';

import { GROUP_SCHEMA, PATCH_OP_SCHEMA, USER_SCHEMA } from '../../src/scim/schemas/urns';
import { createToken } from './scim-client';
import type { TestServer } from './test-server';

/** A parsed SCIM JSON body; tests read nested members freely. */
export type ScimJson = Record<string, any>;

/** One HTTP exchange with the SCIM API. */
export interface ScimResponse {
  status: number;
  headers: Headers;
  /** The parsed JSON body, or undefined when the body is empty. */
  body: ScimJson | undefined;
}

export interface ScimRequestOptions {
  body?: unknown;
  headers?: Record<string, string>;
}

/** Sends requests to `/scim/v2` of a test server with a SCIM token of its bootstrap admin. */
export interface ScimHttp {
  request(method: string, path: string, options?: ScimRequestOptions): Promise<ScimResponse>;
  get(path: string): Promise<ScimResponse>;
  post(path: string, body: unknown): Promise<ScimResponse>;
  patch(
    path: string,
    operations: unknown[],
    headers?: Record<string, string>,
  ): Promise<ScimResponse>;
}

/**
 * Creates a SCIM token acting as `server.bootstrap.adminUserId` and returns a client that
 * sends it as the bearer token.
 */
export async function connectScim(server: TestServer): Promise<ScimHttp> {
  const { secret } = await createToken(server);

  const request = async (method: string, path: string, options: ScimRequestOptions = {}) => {
    const response = await fetch(`${server.url}/scim/v2${path}`, {
      method,
      headers: {
        authorization: `Bearer ${secret}`,
        ...(options.body === undefined ? {} : { 'content-type': 'application/scim+json' }),
        ...options.headers,
      },
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
    });
    const text = await response.text();

    return {
      status: response.status,
      headers: response.headers,
      body: text === '' ? undefined : (JSON.parse(text) as ScimJson),
    };
  };

  return {
    request,
    get: (path) => request('GET', path),
    post: (path, body) => request('POST', path, { body }),
    patch: (path, operations, headers) =>
      request('PATCH', path, { body: patchRequest(operations), headers }),
  };
}

/** Builds a PatchOp request body (RFC 7644 §3.5.2) with the given operations. */
export function patchRequest(operations: unknown[]): ScimJson {
  return { schemas: [PATCH_OP_SCHEMA], Operations: operations };
}

/** Returns a name that no other test of the run uses, such as `ada-3f9a1c2b`. */
export function uniqueName(prefix: string): string {
  return `${prefix}-${randomBytes(4).toString('hex')}`;
}

/** Creates a user through `POST /Users` and returns the created resource. */
export async function createUser(scim: ScimHttp, attributes: ScimJson = {}): Promise<ScimJson> {
  const response = await scim.post('/Users', {
    schemas: [USER_SCHEMA],
    userName: `${uniqueName('user')}@example.test`,
    active: true,
    ...attributes,
  });

  if (response.status !== 201) {
    throw new Error(`POST /Users failed with ${response.status}: ${JSON.stringify(response.body)}`);
  }

  return response.body!;
}

/** Creates a group through `POST /Groups` and returns the created resource. */
export async function createGroup(scim: ScimHttp, attributes: ScimJson = {}): Promise<ScimJson> {
  const response = await scim.post('/Groups', {
    schemas: [GROUP_SCHEMA],
    displayName: uniqueName('Group'),
    ...attributes,
  });

  if (response.status !== 201) {
    throw new Error(
      `POST /Groups failed with ${response.status}: ${JSON.stringify(response.body)}`,
    );
  }

  return response.body!;
}

/** Reads a resource with GET and throws unless the status is 200. */
export async function readResource(scim: ScimHttp, path: string): Promise<ScimJson> {
  const response = await scim.get(path);

  if (response.status !== 200) {
    throw new Error(`GET ${path} failed with ${response.status}: ${JSON.stringify(response.body)}`);
  }

  return response.body!;
}

/** Reads a group's member ids back with GET, sorted. */
export async function readMemberIds(scim: ScimHttp, groupId: string): Promise<string[]> {
  const group = await readResource(scim, `/Groups/${groupId}`);
  const members = (group.members ?? []) as { value: string }[];

  return members.map((member) => member.value).sort();
}

/** Finds resources with `filter` through `GET /{collection}?filter=` and returns their ids. */
export async function findIds(
  scim: ScimHttp,
  collection: 'Users' | 'Groups',
  filter: string,
): Promise<string[]> {
  const list = await readResource(scim, `/${collection}?filter=${encodeURIComponent(filter)}`);

  return (list.Resources as ScimJson[]).map((resource) => resource.id as string);
}
