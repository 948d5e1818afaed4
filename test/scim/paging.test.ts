import { newId } from '../../src/domain/ids';
import { User } from '../../src/entities/user.entity';
import { LIST_SCHEMA, ScimClient, withQuery } from '../helpers/scim-client';
import { startTestServer, type TestServer } from '../helpers/test-server';

const USER_COUNT = 1000;
const PAGE_SIZE = 37;
const FILTER = 'userName sw "page-"';

/* eslint-disable @typescript-eslint/no-explicit-any -- SCIM bodies are checked field by field. */

/** Deterministic shuffle (a linear congruential generator), so id order differs from name order. */
function shuffled<T>(items: T[]): T[] {
  const result = [...items];
  let seed = 42;
  for (let i = result.length - 1; i > 0; i -= 1) {
    seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
    const j = seed % (i + 1);
    [result[i], result[j]] = [result[j], result[i]];
  }

  return result;
}

describe('SCIM paging (RFC 7644 §3.4.2.4) over 1,000 users', () => {
  let server: TestServer;
  let client: ScimClient;

  /** Ids in userName order. */
  let byUserName: string[];

  beforeAll(async () => {
    server = await startTestServer();
    client = await ScimClient.create(server);

    const names = Array.from({ length: USER_COUNT }, (_, index) => {
      return `page-${String(index).padStart(4, '0')}@example.com`;
    });
    const now = new Date();
    const rows = shuffled(names).map((userName) => ({
      organizationId: server.bootstrap.organizationId,
      id: newId(),
      userName,
      displayName: `Page user ${userName.slice(5, 9)}`,
      role: 'MEMBER' as const,
      active: true,
      version: 1,
      createdAt: now,
      updatedAt: now,
    }));
    await server.orm.em.fork().insertMany(User, rows);

    byUserName = [...rows].sort((a, b) => a.userName.localeCompare(b.userName)).map((r) => r.id);
  }, 60_000);

  afterAll(async () => {
    await server.close();
  });

  /** Reads every page of a list and checks each page's paging fields. */
  async function readAllPages(query: Record<string, string | number>, pageSize: number) {
    const seen: string[] = [];
    let startIndex = 1;
    let totalResults = Infinity;

    while (startIndex <= totalResults) {
      const response = await client.get(
        withQuery('/Users', { ...query, startIndex, count: pageSize }),
      );
      const { body } = response;
      const expectedSize = Math.min(pageSize, body.totalResults - startIndex + 1);

      expect(response.status).toBe(200);
      expect(body.schemas).toEqual([LIST_SCHEMA]);
      expect(body.startIndex).toBe(startIndex);
      expect(body.Resources).toHaveLength(expectedSize);
      expect(body.itemsPerPage).toBe(body.Resources.length);

      totalResults = body.totalResults;
      seen.push(...body.Resources.map((resource: { id: string }) => resource.id));
      startIndex += pageSize;
    }

    return { seen, totalResults };
  }

  it('returns each user exactly once, in userName order, 37 at a time', async () => {
    const { seen, totalResults } = await readAllPages(
      { filter: FILTER, sortBy: 'userName' },
      PAGE_SIZE,
    );

    expect(totalResults).toBe(USER_COUNT);
    expect(new Set(seen).size).toBe(USER_COUNT);
    expect(seen).toEqual(byUserName);
  });

  it('returns each user exactly once in descending order', async () => {
    const { seen } = await readAllPages(
      { filter: FILTER, sortBy: 'userName', sortOrder: 'descending' },
      PAGE_SIZE,
    );

    expect(seen).toEqual([...byUserName].reverse());
  });

  it('returns each user exactly once without sortBy, the admin included', async () => {
    const { seen, totalResults } = await readAllPages({}, PAGE_SIZE);

    expect(totalResults).toBe(USER_COUNT + 1);
    expect(new Set(seen).size).toBe(USER_COUNT + 1);
    expect(seen).toContain(server.bootstrap.adminUserId);
  });

  it('returns the last page short', async () => {
    const lastStart = Math.floor((USER_COUNT - 1) / PAGE_SIZE) * PAGE_SIZE + 1;

    const response = await client.get(
      withQuery('/Users', { filter: FILTER, sortBy: 'userName', startIndex: lastStart, count: 37 }),
    );

    expect(lastStart).toBe(1000);
    expect(response.body.itemsPerPage).toBe(1);
    expect(response.body.Resources.map((r: any) => r.id)).toEqual([byUserName[999]]);
  });

  it('treats startIndex 0 and negative values as 1', async () => {
    for (const startIndex of [0, -5]) {
      const response = await client.get(
        withQuery('/Users', { filter: FILTER, sortBy: 'userName', startIndex, count: 2 }),
      );

      expect(response.status).toBe(200);
      expect(response.body.startIndex).toBe(1);
      expect(response.body.Resources.map((r: any) => r.id)).toEqual(byUserName.slice(0, 2));
    }
  });

  it('returns only totalResults for count=0', async () => {
    const response = await client.get(withQuery('/Users', { filter: FILTER, count: 0 }));

    expect(response.status).toBe(200);
    expect(response.body).toEqual({
      schemas: [LIST_SCHEMA],
      totalResults: USER_COUNT,
      startIndex: 1,
      itemsPerPage: 0,
      Resources: [],
    });
  });

  it('treats a negative count as 0', async () => {
    const response = await client.get(withQuery('/Users', { filter: FILTER, count: -3 }));

    expect(response.status).toBe(200);
    expect(response.body.totalResults).toBe(USER_COUNT);
    expect(response.body.itemsPerPage).toBe(0);
    expect(response.body.Resources).toEqual([]);
  });

  it('caps count at SCIM_MAX_RESULTS and reports the real total', async () => {
    const response = await client.get(withQuery('/Users', { count: 5000 }));

    expect(response.status).toBe(200);
    expect(server.config.scimMaxResults).toBe(1000);
    expect(response.body.totalResults).toBe(USER_COUNT + 1);
    expect(response.body.itemsPerPage).toBe(1000);
    expect(response.body.Resources).toHaveLength(1000);
  });

  it('returns at most SCIM_MAX_RESULTS without count', async () => {
    const response = await client.get('/Users');

    expect(response.body.totalResults).toBe(USER_COUNT + 1);
    expect(response.body.itemsPerPage).toBe(1000);
  });

  it('returns an empty page past the end with the real total', async () => {
    const response = await client.get(
      withQuery('/Users', { filter: FILTER, startIndex: 5000, count: 10 }),
    );

    expect(response.body).toEqual({
      schemas: [LIST_SCHEMA],
      totalResults: USER_COUNT,
      startIndex: 5000,
      itemsPerPage: 0,
      Resources: [],
    });
  });

  it('counts the filter matches, not the page, in totalResults', async () => {
    const response = await client.get(
      withQuery('/Users', { filter: 'userName sw "page-00"', startIndex: 1, count: 5 }),
    );

    expect(response.body.totalResults).toBe(100);
    expect(response.body.itemsPerPage).toBe(5);
  });

  it('caps a count above the 32-bit range like any other count', async () => {
    const response = await client.get(
      withQuery('/Users', { filter: FILTER, count: '99999999999' }),
    );

    expect(response.status).toBe(200);
    expect(response.body.itemsPerPage).toBe(1000);
    expect(response.body.totalResults).toBe(USER_COUNT);
  });

  it('answers a startIndex above the 32-bit range with an empty page', async () => {
    const response = await client.get(
      withQuery('/Users', { filter: FILTER, startIndex: '2147483648', count: 5 }),
    );

    expect(response.status).toBe(200);
    expect(response.body.totalResults).toBe(USER_COUNT);
    expect(response.body.itemsPerPage).toBe(0);
    expect(response.body.Resources).toEqual([]);
  });

  it('rejects a non-integer count or startIndex', async () => {
    const badCount = await client.get(withQuery('/Users', { count: 'ten' }));
    const badStart = await client.get(withQuery('/Users', { startIndex: '1.5' }));

    expect(badCount.status).toBe(400);
    expect(badCount.body.scimType).toBe('invalidValue');
    expect(badCount.body.detail).toBe("count must be an integer, got 'ten'");
    expect(badStart.status).toBe(400);
    expect(badStart.body.detail).toBe("startIndex must be an integer, got '1.5'");
  });
});
