import {
  errorBody,
  GROUP_SCHEMA,
  LIST_SCHEMA,
  ScimClient,
  SCIM_CONTENT_TYPE,
  SEARCH_SCHEMA,
  USER_SCHEMA,
  withQuery,
} from '../helpers/scim-client';
import { startTestServer, type TestServer } from '../helpers/test-server';

/* eslint-disable @typescript-eslint/no-explicit-any -- SCIM bodies are checked field by field. */

/** A small cap, so that searches across both types can be checked against it. */
const MAX_RESULTS = 3;

describe('POST .search (RFC 7644 §3.4.3)', () => {
  let server: TestServer;
  let client: ScimClient;
  let users: any[];
  let groups: any[];

  beforeAll(async () => {
    server = await startTestServer({ env: { SCIM_MAX_RESULTS: String(MAX_RESULTS) } });
    client = await ScimClient.create(server);

    users = [];
    for (const n of [1, 2, 3]) {
      users.push(
        await client.createUser({
          userName: `search-${n}@example.com`,
          displayName: `Search U${n}`,
          title: n === 2 ? 'Lead' : 'Member',
        }),
      );
    }
    groups = [];
    for (const n of [1, 2]) {
      groups.push(
        await client.createGroup({
          displayName: `Search G${n}`,
          members: [{ value: users[n - 1].id }],
        }),
      );
    }
  });

  afterAll(async () => {
    await server.close();
  });

  function search(path: string, request: Record<string, unknown>) {
    return client.post(path, { schemas: [SEARCH_SCHEMA], ...request });
  }

  const idsOf = (body: any) => body.Resources.map((resource: any) => resource.id);

  describe('POST /Users/.search', () => {
    it('returns what GET returns for the same filter, sort and paging', async () => {
      const get = await client.get(
        withQuery('/Users', {
          filter: 'userName sw "search-"',
          sortBy: 'userName',
          sortOrder: 'descending',
          startIndex: 2,
          count: 2,
        }),
      );

      const post = await search('/Users/.search', {
        filter: 'userName sw "search-"',
        sortBy: 'userName',
        sortOrder: 'descending',
        startIndex: 2,
        count: 2,
      });

      expect(post.status).toBe(200);
      expect(post.contentType).toBe(SCIM_CONTENT_TYPE);
      expect(post.body).toEqual(get.body);
      expect(idsOf(post.body)).toEqual([users[1].id, users[0].id]);
      expect(post.body.totalResults).toBe(3);
    });

    it('applies attributes given as an array', async () => {
      const post = await search('/Users/.search', {
        filter: `id eq "${users[1].id}"`,
        attributes: ['userName', 'title'],
      });

      expect(post.body.Resources).toEqual([
        {
          schemas: [USER_SCHEMA],
          id: users[1].id,
          userName: 'search-2@example.com',
          title: 'Lead',
        },
      ]);
    });

    it('applies excludedAttributes given as an array', async () => {
      const post = await search('/Users/.search', {
        filter: `id eq "${users[0].id}"`,
        excludedAttributes: ['meta', 'title', 'groups'],
      });

      expect(post.body.Resources).toEqual([
        {
          schemas: [USER_SCHEMA],
          id: users[0].id,
          userName: 'search-1@example.com',
          displayName: 'Search U1',
          active: true,
        },
      ]);
    });

    it('caps count at SCIM_MAX_RESULTS like GET', async () => {
      const post = await search('/Users/.search', { count: 50 });

      expect(post.body.itemsPerPage).toBe(MAX_RESULTS);
      expect(post.body.totalResults).toBe(4);
    });

    it('answers a random userName with an empty ListResponse', async () => {
      const post = await search('/Users/.search', {
        filter: 'userName eq "7b0c5d4e-3f2a-4b1c-8d9e-0f1a2b3c4d5e"',
      });

      expect(post.body).toEqual({
        schemas: [LIST_SCHEMA],
        totalResults: 0,
        startIndex: 1,
        itemsPerPage: 0,
        Resources: [],
      });
    });

    it('rejects an invalid filter with 400 invalidFilter', async () => {
      const post = await search('/Users/.search', { filter: 'userName eq' });

      expect(post.status).toBe(400);
      expect(post.body).toEqual(
        errorBody(400, 'invalidFilter', expect.stringContaining("expected a value after 'eq'")),
      );
    });

    it('rejects a body without the SearchRequest URN', async () => {
      const post = await client.post('/Users/.search', { filter: 'userName pr' });

      expect(post.status).toBe(400);
      expect(post.body).toEqual(
        errorBody(400, 'invalidSyntax', `'schemas' must contain ${SEARCH_SCHEMA}`),
      );
    });

    it('rejects attributes that are not an array with 400 invalidValue', async () => {
      const post = await search('/Users/.search', { attributes: 'userName' });

      expect(post.status).toBe(400);
      expect(post.body).toEqual(
        errorBody(400, 'invalidValue', 'attributes must be an array of attribute paths'),
      );
    });

    it('rejects a filter that is not a string with 400 invalidValue', async () => {
      const post = await search('/Users/.search', { filter: { userName: 'x' } });

      expect(post.status).toBe(400);
      expect(post.body).toEqual(errorBody(400, 'invalidValue', 'filter must be a string'));
    });
  });

  describe('POST /Groups/.search', () => {
    it('returns what GET returns, members excluded', async () => {
      const query = { filter: 'displayName sw "search"', excludedAttributes: 'members' };
      const get = await client.get(withQuery('/Groups', query));

      const post = await search('/Groups/.search', {
        filter: 'displayName sw "search"',
        excludedAttributes: ['members'],
      });

      expect(post.status).toBe(200);
      expect(post.body).toEqual(get.body);
      expect(post.body.Resources.some((group: object) => 'members' in group)).toBe(false);
      expect(post.body.totalResults).toBe(2);
    });

    it('filters on members.value', async () => {
      const post = await search('/Groups/.search', {
        filter: `members.value eq "${users[1].id}"`,
      });

      expect(idsOf(post.body)).toEqual([groups[1].id]);
    });
  });

  describe('POST /.search across users and groups', () => {
    it('returns users first, then groups, with the combined total', async () => {
      const post = await search('/.search', {
        filter: 'displayName sw "Search "',
        sortBy: 'displayName',
        count: 3,
      });

      expect(post.status).toBe(200);
      expect(post.body.totalResults).toBe(5);
      expect(post.body.itemsPerPage).toBe(3);
      expect(idsOf(post.body)).toEqual([users[0].id, users[1].id, users[2].id]);
    });

    it('pages across the boundary between users and groups', async () => {
      const page = async (startIndex: number) =>
        (
          await search('/.search', {
            filter: 'displayName sw "Search "',
            sortBy: 'displayName',
            startIndex,
            count: 2,
          })
        ).body;

      const first = await page(1);
      const second = await page(3);
      const third = await page(5);
      const past = await page(6);

      expect(idsOf(first)).toEqual([users[0].id, users[1].id]);
      expect(idsOf(second)).toEqual([users[2].id, groups[0].id]);
      expect(idsOf(third)).toEqual([groups[1].id]);
      expect(idsOf(past)).toEqual([]);
      expect([first, second, third, past].map((body) => body.startIndex)).toEqual([1, 3, 5, 6]);
      expect([first, second, third, past].map((body) => body.totalResults)).toEqual([5, 5, 5, 5]);
      expect([first, second, third, past].map((body) => body.itemsPerPage)).toEqual([2, 2, 1, 0]);
    });

    it('restricts the search to one type with meta.resourceType', async () => {
      const post = await search('/.search', {
        filter: 'meta.resourceType eq "Group" and displayName sw "Search"',
      });

      expect(post.body.totalResults).toBe(2);
      expect(idsOf(post.body)).toEqual([groups[0].id, groups[1].id]);
      expect(post.body.Resources.map((resource: any) => resource.schemas)).toEqual([
        [GROUP_SCHEMA],
        [GROUP_SCHEMA],
      ]);
    });

    it('returns only totalResults for count=0', async () => {
      const post = await search('/.search', { filter: 'displayName sw "Search "', count: 0 });

      expect(post.body).toEqual({
        schemas: [LIST_SCHEMA],
        totalResults: 5,
        startIndex: 1,
        itemsPerPage: 0,
        Resources: [],
      });
    });

    it('returns at most SCIM_MAX_RESULTS resources without count', async () => {
      const post = await search('/.search', { filter: 'displayName sw "Search "' });

      expect(post.status).toBe(200);
      expect(post.body.totalResults).toBe(5);
      expect(post.body.itemsPerPage).toBe(MAX_RESULTS);
      expect(post.body.Resources).toHaveLength(MAX_RESULTS);
    });

    it('caps an explicit count at SCIM_MAX_RESULTS', async () => {
      const post = await search('/.search', { filter: 'displayName sw "Search "', count: 10 });

      expect(post.body.itemsPerPage).toBe(MAX_RESULTS);
      expect(post.body.Resources).toHaveLength(MAX_RESULTS);
    });

    it('advertises the same cap as filter.maxResults', async () => {
      const config = await client.get('/ServiceProviderConfig');

      expect(config.body.filter).toEqual({ supported: true, maxResults: MAX_RESULTS });
    });
  });
});
