import type { TokenScope } from '../../src/entities/api-token.entity';
import type { DomainDeps } from '../../src/domain/deps';
import { systemActor } from '../../src/domain/actor';
import { TokenService } from '../../src/domain/tokens/token.service';
import { createLogger } from '../../src/logger';
import type { TestServer } from './test-server';

export const SCIM_CONTENT_TYPE = 'application/scim+json; charset=utf-8';
export const USER_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:User';
export const GROUP_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:Group';
export const ENTERPRISE_SCHEMA = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
export const ERROR_SCHEMA = 'urn:ietf:params:scim:api:messages:2.0:Error';
export const LIST_SCHEMA = 'urn:ietf:params:scim:api:messages:2.0:ListResponse';
export const SEARCH_SCHEMA = 'urn:ietf:params:scim:api:messages:2.0:SearchRequest';
export const MICROSOFT_GROUP_SCHEMA =
  'http://schemas.microsoft.com/2006/11/ResourceManagement/ADSCIM/2.0/Group';

const DAY_MS = 24 * 3600 * 1000;

/* eslint-disable @typescript-eslint/no-explicit-any -- SCIM bodies are checked field by field. */

/** A response with its body parsed as JSON when there is one. */
export interface ScimResponse {
  status: number;
  headers: Headers;
  /** `content-type` header, or null. */
  contentType: string | null;
  /** Parsed JSON body, or undefined when the body is empty. */
  body: any;
  text: string;
}

export interface TokenOptions {
  scope?: TokenScope;
  /** The user the token acts as, by default the bootstrap admin. */
  userId?: string;
  organizationId?: string;
  /** Defaults to 30 days after `now`. */
  expiresAt?: Date;
  /** Clock that TokenService checks `expiresAt` against, by default the real time. */
  now?: Date;
}

/** Creates a token with TokenService, as an admin would, and returns its secret. */
export async function createToken(server: TestServer, options: TokenOptions = {}) {
  const now = options.now ?? new Date();
  const deps: DomainDeps = {
    config: server.config,
    logger: createLogger('silent'),
    now: () => now,
  };
  const service = new TokenService(server.orm.em.fork(), deps);

  const organizationId = options.organizationId ?? server.bootstrap.organizationId;
  const created = await service.create(systemActor(organizationId, 'SYSTEM'), {
    title: `test token ${Math.random().toString(36).slice(2)}`,
    userId: options.userId ?? server.bootstrap.adminUserId,
    scope: options.scope ?? 'SCIM',
    expiration: 'DATE',
    expiresAt: options.expiresAt ?? new Date(now.getTime() + 30 * DAY_MS),
    skipSsoCheck: true,
  });

  return { id: created.token.id, secret: created.secret };
}

export interface RequestOptions {
  /** A value to send as JSON, or a string to send as it is. */
  body?: unknown;
  headers?: Record<string, string>;
  /** Content-Type to send instead of `application/scim+json`, or null to send none. */
  contentType?: string | null;
}

/** Sends SCIM requests with `fetch` to `/scim/v2` of a test server, with a bearer token. */
export class ScimClient {
  constructor(
    readonly server: TestServer,
    /** Secret sent as `Authorization: Bearer`, or undefined to send no Authorization. */
    readonly secret: string | undefined,
  ) {}

  /** A client with a new SCIM token of the bootstrap admin. */
  static async create(server: TestServer, options: TokenOptions = {}): Promise<ScimClient> {
    const { secret } = await createToken(server, options);
    return new ScimClient(server, secret);
  }

  url(path: string): string {
    return `${this.server.url}/scim/v2${path}`;
  }

  async request(method: string, path: string, options: RequestOptions = {}) {
    const headers: Record<string, string> = { accept: 'application/scim+json' };
    if (this.secret !== undefined) {
      headers.authorization = `Bearer ${this.secret}`;
    }

    let body: string | undefined;
    if (options.body !== undefined) {
      body = typeof options.body === 'string' ? options.body : JSON.stringify(options.body);
      const contentType =
        options.contentType === undefined ? 'application/scim+json' : options.contentType;
      if (contentType !== null) {
        headers['content-type'] = contentType;
      }
    }

    const response = await fetch(this.url(path), {
      method,
      headers: { ...headers, ...options.headers },
      body,
    });
    const text = await response.text();

    return {
      status: response.status,
      headers: response.headers,
      contentType: response.headers.get('content-type'),
      body: text === '' ? undefined : JSON.parse(text),
      text,
    } satisfies ScimResponse;
  }

  get(path: string, headers?: Record<string, string>) {
    return this.request('GET', path, { headers });
  }

  post(path: string, body: unknown, headers?: Record<string, string>) {
    return this.request('POST', path, { body, headers });
  }

  put(path: string, body: unknown, headers?: Record<string, string>) {
    return this.request('PUT', path, { body, headers });
  }

  delete(path: string, headers?: Record<string, string>) {
    return this.request('DELETE', path, { headers });
  }

  /** POSTs a user and returns the created resource. Throws unless the status is 201. */
  async createUser(resource: Record<string, unknown>): Promise<any> {
    const response = await this.post('/Users', { schemas: [USER_SCHEMA], ...resource });
    if (response.status !== 201) {
      throw new Error(`POST /Users returned ${response.status}: ${response.text}`);
    }

    return response.body;
  }

  /** POSTs a group and returns the created resource. Throws unless the status is 201. */
  async createGroup(resource: Record<string, unknown>): Promise<any> {
    const response = await this.post('/Groups', { schemas: [GROUP_SCHEMA], ...resource });
    if (response.status !== 201) {
      throw new Error(`POST /Groups returned ${response.status}: ${response.text}`);
    }

    return response.body;
  }

  /** GETs a list and returns the ids of its resources in order. Throws unless the status is 200. */
  async listIds(path: string, query: Record<string, string | number> = {}): Promise<string[]> {
    const response = await this.get(withQuery(path, query));
    if (response.status !== 200) {
      throw new Error(`GET ${path} returned ${response.status}: ${response.text}`);
    }

    return response.body.Resources.map((resource: { id: string }) => resource.id);
  }
}

/** Appends query parameters, percent-encoded as Entra ID sends them (spaces as %20). */
export function withQuery(path: string, query: Record<string, string | number>): string {
  const parts = Object.entries(query).map(
    ([name, value]) => `${encodeURIComponent(name)}=${encodeURIComponent(String(value))}`,
  );

  return parts.length === 0 ? path : `${path}?${parts.join('&')}`;
}

/**
 * Builds the expected RFC 7644 §3.12 error body: `status` as a string, `scimType` only when
 * given, and a detail matching `detail`, which is a string or a matcher such as
 * `expect.stringContaining(…)`.
 */
export function errorBody(status: number, scimType: string | undefined, detail: unknown) {
  return {
    schemas: [ERROR_SCHEMA],
    status: String(status),
    ...(scimType ? { scimType } : {}),
    detail,
  };
}

/** Sorts ids so that sets of ids compare without regard to order. */
export function sorted(ids: string[]): string[] {
  return [...ids].sort();
}
