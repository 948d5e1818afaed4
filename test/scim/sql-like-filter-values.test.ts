import {
  connectScim,
  createUser,
  readResource,
  type ScimHttp,
  type ScimJson,
} from '../helpers/scim-http';
import { startTestServer, type TestServer } from '../helpers/test-server';

/** Values that would change a query if they were pasted into SQL instead of bound as data. */
const SQL_LIKE_VALUES = [
  "' or '1'='1",
  "x'; drop table users; --",
  "'); delete from users where ('1'='1",
  '" or 1=1 --',
  '%',
  '_',
  'a%b_c',
  '\\',
  "\\'",
  '$1',
  '?',
  '??',
  ':name',
  "'::text",
  '*/ select 1 /*',
  "E'\\x41'",
  '$$ or true $$',
];

const PREFIX = 'sqlprobe';

function userNameFor(index: number): string {
  return `${PREFIX}-${index}@example.test`;
}

describe('SQL-like filter values', () => {
  let server: TestServer;
  let scim: ScimHttp;
  const created: { id: string; displayName: string; userName: string }[] = [];

  beforeAll(async () => {
    server = await startTestServer();
    scim = await connectScim(server);

    for (const [index, displayName] of SQL_LIKE_VALUES.entries()) {
      const user = await createUser(scim, { userName: userNameFor(index), displayName });
      created.push({ id: user.id, displayName, userName: user.userName });
    }
  });

  afterAll(async () => {
    await server.close();
  });

  async function idsMatching(filter: string): Promise<string[]> {
    const scoped = `(${filter}) and userName sw "${PREFIX}-"`;
    const list = await readResource(scim, `/Users?count=100&filter=${encodeURIComponent(scoped)}`);

    return ((list.Resources ?? []) as ScimJson[]).map((user) => user.id as string).sort();
  }

  function expectedIds(test: (displayName: string) => boolean): string[] {
    return created
      .filter((user) => test(user.displayName.toLowerCase()))
      .map((user) => user.id)
      .sort();
  }

  it.each(SQL_LIKE_VALUES.map((value, index) => [value, index]))(
    'stores %s as given',
    async (value, index) => {
      const user = await readResource(scim, `/Users/${created[index as number].id}`);

      expect(user.displayName).toBe(value);
    },
  );

  it.each(SQL_LIKE_VALUES)('matches eq %s literally', async (value) => {
    const lower = value.toLowerCase();

    expect(await idsMatching(`displayName eq ${JSON.stringify(value)}`)).toEqual(
      expectedIds((name) => name === lower),
    );
  });

  it.each(SQL_LIKE_VALUES)('matches co, sw and ew %s literally', async (value) => {
    const lower = value.toLowerCase();
    const literal = JSON.stringify(value);

    expect(await idsMatching(`displayName co ${literal}`)).toEqual(
      expectedIds((name) => name.includes(lower)),
    );
    expect(await idsMatching(`displayName sw ${literal}`)).toEqual(
      expectedIds((name) => name.startsWith(lower)),
    );
    expect(await idsMatching(`displayName ew ${literal}`)).toEqual(
      expectedIds((name) => name.endsWith(lower)),
    );
  });

  // The expected order of gt is JavaScript's code-unit order, the order of the C and C.UTF-8
  // collations that the test databases use, for these ASCII values.
  it.each(SQL_LIKE_VALUES)('matches userName and gt with %s as data', async (value) => {
    const literal = JSON.stringify(value);

    expect(await idsMatching(`userName eq ${literal}`)).toEqual([]);
    expect(await idsMatching(`displayName gt ${literal}`)).toEqual(
      expectedIds((name) => name > value.toLowerCase()),
    );
  });

  it.each(SQL_LIKE_VALUES)('matches nothing through joined paths with %s', async (value) => {
    const literal = JSON.stringify(value);
    const groups = await readResource(
      scim,
      `/Groups?filter=${encodeURIComponent(`members.value eq ${literal}`)}`,
    );

    expect(await idsMatching(`emails.value eq ${literal}`)).toEqual([]);
    expect(await idsMatching(`emails[value co ${literal}].type eq "work"`)).toEqual([]);
    expect(await idsMatching(`manager.value eq ${literal}`)).toEqual([]);
    expect(groups.totalResults).toBe(0);
  });

  it('keeps every user after the probes', async () => {
    const list = await readResource(scim, '/Users?count=0');

    expect(list.totalResults).toBe(SQL_LIKE_VALUES.length + 1);
  });
});
