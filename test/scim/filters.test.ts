import {
  ENTERPRISE_SCHEMA,
  errorBody,
  LIST_SCHEMA,
  ScimClient,
  SCIM_CONTENT_TYPE,
  sorted,
  USER_SCHEMA,
  withQuery,
} from '../helpers/scim-client';
import { startTestServer, type TestServer } from '../helpers/test-server';

/* eslint-disable @typescript-eslint/no-explicit-any -- SCIM bodies are checked field by field. */

const T1 = '2026-06-01T00:00:00.000Z';
const T2 = '2026-06-02T00:00:00.000Z';
const T3 = '2026-06-03T00:00:00.000Z';
const T4 = '2026-06-04T00:00:00.000Z';
const T5 = '2026-06-05T00:00:00.000Z';
const ENTERPRISE = ENTERPRISE_SCHEMA;

describe('SCIM filters (RFC 7644 §3.4.2.2)', () => {
  let server: TestServer;
  let client: ScimClient;

  // Users: the bootstrap admin plus five created below at fixed times.
  let admin: string;
  let ada: any;
  let bob: any;
  let cy: any;
  let dee: any;
  let eve: any;

  // Groups: engineering = {ada, bob}, sales = {cy}, leadership = {engineering}, empty = {}.
  let engineering: any;
  let sales: any;
  let leadership: any;
  let empty: any;

  async function createAt(time: string, resource: Record<string, unknown>) {
    server.setNow(new Date(time));
    return client.createUser({ schemas: [USER_SCHEMA, ENTERPRISE], ...resource });
  }

  beforeAll(async () => {
    server = await startTestServer();
    client = await ScimClient.create(server);
    admin = server.bootstrap.adminUserId;

    ada = await createAt(T1, {
      userName: 'Ada.Lovelace@Example.com',
      externalId: 'ExtAda',
      displayName: 'Ada Lovelace',
      name: { givenName: 'Ada', familyName: 'Lovelace' },
      title: 'Analyst',
      active: true,
      emails: [
        { type: 'work', value: 'Ada@Example.com', primary: true },
        { type: 'home', value: 'ada@home.test' },
      ],
      [ENTERPRISE]: { department: 'Math', employeeNumber: '1815' },
    });
    bob = await createAt(T2, {
      userName: 'bob@example.com',
      externalId: 'extbob',
      displayName: 'Bob Builder',
      name: { givenName: 'Bob', familyName: 'Builder' },
      active: false,
      emails: [{ type: 'work', value: 'bob@corp.test', primary: true }],
      [ENTERPRISE]: { department: 'Construction', manager: ada.id },
    });
    cy = await createAt(T3, {
      userName: 'cy@example.org',
      displayName: 'Cy Young',
      name: { familyName: 'Young' },
      title: 'Pitcher',
      emails: [{ type: 'home', value: 'cy@example.com' }],
      [ENTERPRISE]: { department: 'Sports' },
    });
    dee = await createAt(T4, {
      userName: "x' or '1'='1",
      displayName: "Robert'); DROP TABLE users;--",
    });
    eve = await createAt(T5, { userName: '50%_off@example.net', displayName: 'Eve Sale' });

    server.setNow(new Date(T5));
    engineering = await client.createGroup({
      displayName: 'Engineering',
      externalId: 'G-ENG',
      members: [{ value: ada.id }, { value: bob.id }],
    });
    sales = await client.createGroup({ displayName: 'Sales', members: [{ value: cy.id }] });
    leadership = await client.createGroup({
      displayName: 'Leadership',
      members: [{ value: engineering.id }],
    });
    empty = await client.createGroup({ displayName: 'Empty' });
    server.setNow(undefined);
  });

  afterAll(async () => {
    await server.close();
  });

  async function usersMatching(filter: string): Promise<string[]> {
    return sorted(await client.listIds('/Users', { filter }));
  }

  async function groupsMatching(filter: string): Promise<string[]> {
    return sorted(await client.listIds('/Groups', { filter, excludedAttributes: 'members' }));
  }

  function ids(...resources: (any | string)[]): string[] {
    return sorted(
      resources.map((resource) => (typeof resource === 'string' ? resource : resource.id)),
    );
  }

  describe("Entra ID's lookups", () => {
    it('answers userName eq a random GUID with an empty ListResponse', async () => {
      const response = await client.get(
        withQuery('/Users', { filter: 'userName eq "5c1d8e3a-2f4b-4c6d-9e8f-0a1b2c3d4e5f"' }),
      );

      expect(response.status).toBe(200);
      expect(response.contentType).toBe(SCIM_CONTENT_TYPE);
      expect(response.body).toEqual({
        schemas: [LIST_SCHEMA],
        totalResults: 0,
        startIndex: 1,
        itemsPerPage: 0,
        Resources: [],
      });
    });

    it('answers an unknown externalId with empty lists', async () => {
      const filter = 'externalId eq "0f9c4b8e-7d6a-4e5f-8a9b-1c2d3e4f5a6b"';

      const users = await client.get(withQuery('/Users', { filter }));
      const groups = await client.get(withQuery('/Groups', { filter }));

      expect(users.status).toBe(200);
      expect(users.body.totalResults).toBe(0);
      expect(users.body.Resources).toEqual([]);
      expect(groups.status).toBe(200);
      expect(groups.body.totalResults).toBe(0);
      expect(groups.body.Resources).toEqual([]);
    });

    it('finds a user by userName in another case', async () => {
      expect(await usersMatching('userName eq "ada.lovelace@example.com"')).toEqual(ids(ada));
      expect(await usersMatching('userName eq "ADA.LOVELACE@EXAMPLE.COM"')).toEqual(ids(ada));
    });

    it('ignores the aadOptscim062020 flag', async () => {
      const response = await client.get(
        `/Users?aadOptscim062020&filter=${encodeURIComponent('userName eq "bob@example.com"')}`,
      );

      expect(response.status).toBe(200);
      expect(response.body.Resources.map((user: any) => user.id)).toEqual([bob.id]);
    });

    it('finds a user by externalId', async () => {
      expect(await usersMatching('externalId eq "ExtAda"')).toEqual(ids(ada));
    });

    it('finds a group by displayName with excludedAttributes=members', async () => {
      const response = await client.get(
        withQuery('/Groups', {
          excludedAttributes: 'members',
          filter: 'displayName eq "engineering"',
        }),
      );

      expect(response.status).toBe(200);
      expect(response.body.totalResults).toBe(1);
      expect(response.body.Resources[0].id).toBe(engineering.id);
      expect('members' in response.body.Resources[0]).toBe(false);
    });

    it('answers an unknown group displayName with an empty list', async () => {
      const response = await client.get(
        withQuery('/Groups', {
          excludedAttributes: 'members',
          filter: 'displayName eq "a4c1f2e3-0b9d-4e8c-9f7a-6b5c4d3e2f1a"',
        }),
      );

      expect(response.body).toEqual({
        schemas: [LIST_SCHEMA],
        totalResults: 0,
        startIndex: 1,
        itemsPerPage: 0,
        Resources: [],
      });
    });

    it('reads emails[type eq "work"].value eq "x" as a value filter', async () => {
      expect(await usersMatching('emails[type eq "work"].value eq "ada@example.com"')).toEqual(
        ids(ada),
      );
      expect(await usersMatching('emails[type eq "work"].value eq "cy@example.com"')).toEqual([]);
    });

    it('checks the manager with id eq … and manager eq …', async () => {
      expect(await usersMatching(`id eq "${bob.id}" and manager eq "${ada.id}"`)).toEqual(ids(bob));
      expect(await usersMatching(`id eq "${bob.id}" and manager eq "${cy.id}"`)).toEqual([]);
    });
  });

  describe('case rules', () => {
    it('compares emails without regard to case', async () => {
      expect(await usersMatching('emails eq "ADA@example.COM"')).toEqual(ids(ada));
      expect(await usersMatching('emails.value eq "ada@example.com"')).toEqual(ids(ada));
    });

    it('compares externalId with regard to case', async () => {
      expect(await usersMatching('externalId eq "extada"')).toEqual([]);
      expect(await usersMatching('externalId eq "EXTBOB"')).toEqual([]);
      expect(await groupsMatching('externalId eq "g-eng"')).toEqual([]);
      expect(await groupsMatching('externalId eq "G-ENG"')).toEqual(ids(engineering));
    });

    it('compares id with regard to case', async () => {
      expect(await usersMatching(`id eq "${ada.id}"`)).toEqual(ids(ada));
      expect(await usersMatching(`id eq "${ada.id.toUpperCase()}"`)).toEqual([]);
    });

    it('treats an id that is not a uuid as matching nothing', async () => {
      expect(await usersMatching('id eq "not-a-uuid"')).toEqual([]);
    });

    it('matches attribute names, operators and keywords in any case', async () => {
      expect(await usersMatching('USERNAME Eq "bob@example.com"')).toEqual(ids(bob));
      expect(await usersMatching('userName SW "a" AND NOT (active EQ FALSE)')).toEqual(
        ids(ada, admin),
      );
    });

    it('compares group displayName without regard to case', async () => {
      expect(await groupsMatching('displayName eq "SALES"')).toEqual(ids(sales));
    });
  });

  describe('operators', () => {
    it('eq', async () => {
      expect(await usersMatching('displayName eq "Cy Young"')).toEqual(ids(cy));
    });

    it('ne, without regard to case', async () => {
      expect(await usersMatching('displayName ne "ada lovelace"')).toEqual(
        ids(bob, cy, dee, eve, admin),
      );
    });

    it('co', async () => {
      expect(await usersMatching('displayName co "LOVE"')).toEqual(ids(ada));
      expect(await usersMatching('userName co "example.com"')).toEqual(ids(ada, bob, admin));
    });

    it('sw', async () => {
      expect(await usersMatching('userName sw "a"')).toEqual(ids(ada, admin));
      expect(await usersMatching('name.familyName sw "B"')).toEqual(ids(bob));
    });

    it('ew', async () => {
      expect(await usersMatching('userName ew "@EXAMPLE.ORG"')).toEqual(ids(cy));
    });

    it('pr on a simple, a complex and a multi-valued attribute', async () => {
      expect(await usersMatching('title pr')).toEqual(ids(ada, cy));
      expect(await usersMatching('name pr')).toEqual(ids(ada, bob, cy));
      expect(await usersMatching('emails pr')).toEqual(ids(ada, bob, cy, admin));
      expect(await usersMatching('externalId pr')).toEqual(ids(ada, bob));
    });

    it('gt, ge, lt and le on strings', async () => {
      expect(await usersMatching('userName gt "c"')).toEqual(ids(cy, dee));
      expect(await usersMatching('userName ge "cy@example.org"')).toEqual(ids(cy, dee));
      expect(await usersMatching('userName lt "b"')).toEqual(ids(ada, eve, admin));
      expect(await usersMatching('userName le "BOB@example.com"')).toEqual(
        ids(ada, bob, eve, admin),
      );
    });

    it('gt, ge, lt and le on meta.lastModified and meta.created', async () => {
      const notAdmin = `and not (id eq "${admin}")`;

      expect(
        await usersMatching(`meta.lastModified gt "2026-06-01T12:00:00Z" ${notAdmin}`),
      ).toEqual(ids(bob, cy, dee, eve));
      expect(await usersMatching(`meta.lastModified ge "${T2}" ${notAdmin}`)).toEqual(
        ids(bob, cy, dee, eve),
      );
      expect(await usersMatching(`meta.lastModified lt "${T2}"`)).toEqual(ids(ada));
      expect(await usersMatching(`meta.lastModified le "${T2}"`)).toEqual(ids(ada, bob));
      expect(await usersMatching('meta.created lt "2026-06-02T02:00:00+02:00"')).toEqual(ids(ada));
    });

    it('active eq "True", true, "False" and false', async () => {
      expect(await usersMatching('active eq "True"')).toEqual(ids(ada, cy, dee, eve, admin));
      expect(await usersMatching('active eq true')).toEqual(ids(ada, cy, dee, eve, admin));
      expect(await usersMatching('active eq "False"')).toEqual(ids(bob));
      expect(await usersMatching('active ne true')).toEqual(ids(bob));
    });
  });

  describe('logical operators', () => {
    it('binds and tighter than or', async () => {
      expect(await usersMatching('userName sw "a" or userName sw "b" and active eq false')).toEqual(
        ids(ada, admin, bob),
      );
    });

    it('lets parentheses override precedence', async () => {
      expect(
        await usersMatching('(userName sw "a" or userName sw "b") and active eq false'),
      ).toEqual(ids(bob));
    });

    it('negates a group with not', async () => {
      expect(await usersMatching('not (userName sw "a" or userName sw "b")')).toEqual(
        ids(cy, dee, eve),
      );
      expect(await usersMatching('not (title pr)')).toEqual(ids(bob, dee, eve, admin));
      expect(await usersMatching('not (active eq true) or userName sw "cy"')).toEqual(ids(bob, cy));
    });

    it('nests parentheses', async () => {
      expect(
        await usersMatching(
          '((userName sw "a" and (title pr)) or (displayName eq "eve sale")) and not (id eq "x")',
        ),
      ).toEqual(ids(ada, eve));
    });
  });

  describe('value paths', () => {
    it('matches type and value in the same element', async () => {
      expect(await usersMatching('emails[type eq "work" and value co "@example.com"]')).toEqual(
        ids(ada, admin),
      );
    });

    it('does not mix conditions across elements', async () => {
      // Ada has a work email and a home email at home.test, but no work email at home.test.
      expect(await usersMatching('emails[type eq "work" and value ew "home.test"]')).toEqual([]);
      expect(await usersMatching('emails[type eq "home" and value ew "home.test"]')).toEqual(
        ids(ada),
      );
    });

    it('filters on a sub-attribute of a multi-valued attribute', async () => {
      expect(await usersMatching('emails.type eq "home"')).toEqual(ids(ada, cy));
    });

    it('accepts not inside a value filter', async () => {
      expect(await usersMatching('emails[not (type eq "work")]')).toEqual(ids(ada, cy));
    });
  });

  describe('schema-qualified paths', () => {
    it('resolves core User URN paths', async () => {
      expect(
        await usersMatching(
          'urn:ietf:params:scim:schemas:core:2.0:User:userName eq "bob@example.com"',
        ),
      ).toEqual(ids(bob));
      expect(
        await usersMatching(
          'urn:ietf:params:scim:schemas:core:2.0:User:name.familyName eq "lovelace"',
        ),
      ).toEqual(ids(ada));
    });

    it('resolves enterprise extension paths', async () => {
      expect(await usersMatching(`${ENTERPRISE}:department eq "math"`)).toEqual(ids(ada));
      expect(await usersMatching(`${ENTERPRISE}:employeeNumber eq "1815"`)).toEqual(ids(ada));
      expect(await usersMatching(`${ENTERPRISE}:department pr`)).toEqual(ids(ada, bob, cy));
    });

    it('matches schema URNs without regard to case', async () => {
      expect(await usersMatching(`${ENTERPRISE.toUpperCase()}:DEPARTMENT eq "Sports"`)).toEqual(
        ids(cy),
      );
    });

    it('resolves the manager with and without the URN', async () => {
      expect(await usersMatching(`${ENTERPRISE}:manager.value eq "${ada.id}"`)).toEqual(ids(bob));
      expect(await usersMatching(`manager.value eq "${ada.id}"`)).toEqual(ids(bob));
      expect(await usersMatching(`${ENTERPRISE}:manager pr`)).toEqual(ids(bob));
    });

    it('resolves core Group URN paths', async () => {
      expect(
        await groupsMatching('urn:ietf:params:scim:schemas:core:2.0:Group:displayName eq "Sales"'),
      ).toEqual(ids(sales));
    });
  });

  describe('memberships', () => {
    it('finds groups by members.value on /Groups', async () => {
      expect(await groupsMatching(`members.value eq "${ada.id}"`)).toEqual(ids(engineering));
      expect(await groupsMatching(`members eq "${cy.id}"`)).toEqual(ids(sales));
      expect(await groupsMatching(`members[value eq "${bob.id}"]`)).toEqual(ids(engineering));
      expect(await groupsMatching(`members.value eq "${engineering.id}"`)).toEqual(ids(leadership));
    });

    it('finds groups by the presence and type of members', async () => {
      expect(await groupsMatching('members pr')).toEqual(ids(engineering, sales, leadership));
      expect(await groupsMatching('not (members pr)')).toEqual(ids(empty));
      expect(await groupsMatching('members.type eq "Group"')).toEqual(ids(leadership));
    });

    it('finds users by groups.value on /Users', async () => {
      expect(await usersMatching(`groups.value eq "${engineering.id}"`)).toEqual(ids(ada, bob));
      expect(await usersMatching(`groups.value eq "${sales.id}"`)).toEqual(ids(cy));
      expect(await usersMatching('groups.display eq "sales"')).toEqual(ids(cy));
      expect(await usersMatching('not (groups pr)')).toEqual(ids(dee, eve, admin));
    });

    it('finds groups by members.display', async () => {
      expect(await groupsMatching('members.display eq "ada lovelace"')).toEqual(ids(engineering));
    });

    it('finds groups by meta.resourceType', async () => {
      expect(await groupsMatching('meta.resourceType eq "Group"')).toEqual(
        ids(engineering, sales, leadership, empty),
      );
    });
  });

  describe('values that look like SQL', () => {
    it('treats quotes and SQL in values as data', async () => {
      expect(await usersMatching(`userName eq "x' or '1'='1"`)).toEqual(ids(dee));
      expect(await usersMatching(`userName eq "nobody' or '1'='1"`)).toEqual([]);
      expect(await usersMatching(`displayName eq "Robert'); DROP TABLE users;--"`)).toEqual(
        ids(dee),
      );
    });

    it('keeps an escaped double quote inside the value', async () => {
      expect(await usersMatching('userName eq "a\\" or userName pr or \\"b"')).toEqual([]);
    });

    it('treats % and _ as literal characters in co, sw and ew', async () => {
      expect(await usersMatching('userName co "%"')).toEqual(ids(eve));
      expect(await usersMatching('userName co "_"')).toEqual(ids(eve));
      expect(await usersMatching('userName sw "50%_"')).toEqual(ids(eve));
      expect(await usersMatching('userName ew "%"')).toEqual([]);
    });

    it('still has every user afterwards', async () => {
      const response = await client.get('/Users');

      expect(response.body.totalResults).toBe(6);
    });
  });

  describe('invalid filters', () => {
    // Each case: the filter and a fragment that the detail must contain to be useful.
    const MALFORMED: [string, string][] = [
      ['userName eq', 'expected a value'],
      ['userName "bob"', 'operator'],
      ['userName eq bob', 'double quotes'],
      ['userName regex "b.*"', "'regex'"],
      ['(userName eq "bob"', "missing ')'"],
      ['userName eq "bob")', "unexpected ')'"],
      ['userName eq "bob', 'position'],
      ['emails[type eq "work"', "']'"],
      ['userName eq "a" and', 'position'],
      ['or userName eq "a"', 'position'],
      ['not userName eq "a"', "'('"],
      ['userName pr "x"', "'pr' takes no value"],
      ['user#name eq "a"', 'user#name'],
      ['name.givenName.x eq "a"', 'more than one sub-attribute'],
      ['emails[type eq "work" and emails[value eq "x"]]', 'position'],
      ['userName eq "a" userName eq "b"', "'and', 'or'"],
      ["userName eq 'bob'", 'position'],
      ['userName eq "a" && userName eq "b"', 'position'],
      [`${'('.repeat(40)}userName eq "a"${')'.repeat(40)}`, 'maximum depth'],
      [`userName eq "${'a'.repeat(5000)}"`, 'maximum length'],
      ['active gt true', "'gt'"],
      ['active eq "maybe"', 'boolean'],
      ['meta.lastModified gt "yesterday"', 'date-time'],
      ['meta.lastModified gt "1"', 'date-time'],
      ['meta.created co "2026"', "'co'"],
      ['name eq "Ada"', 'complex'],
      ['emails[foo eq "x"]', "'foo'"],
    ];

    /** Shortens the generated filters in test names. */
    const named = MALFORMED.map(([filter, fragment]) => ({
      name: filter.length > 60 ? `${filter.slice(0, 30)}… (${filter.length} characters)` : filter,
      filter,
      fragment,
    }));

    it.each(named)('rejects $name with 400 invalidFilter', async ({ filter, fragment }) => {
      const response = await client.get(withQuery('/Users', { filter }));

      expect(response.status).toBe(400);
      expect(response.contentType).toBe(SCIM_CONTENT_TYPE);
      expect(response.body).toEqual(
        errorBody(400, 'invalidFilter', expect.stringContaining(fragment)),
      );
    });

    const UNKNOWN: [string, string, string][] = [
      ['/Users', 'nickname2 eq "x"', "unknown attribute 'nickname2'"],
      ['/Users', 'emails.foo eq "x"', "unknown attribute 'emails.foo'"],
      ['/Users', `${ENTERPRISE}:shoeSize eq "9"`, 'shoeSize'],
      ['/Users', 'urn:example:unknown:2.0:User:userName eq "x"', 'urn:example:unknown'],
      ['/Groups', 'userName eq "x"', "unknown attribute 'userName'"],
      ['/Groups', 'members.foo eq "x"', "unknown attribute 'members.foo'"],
    ];

    it.each(UNKNOWN)(
      'rejects on %s the unknown attribute in %s',
      async (path, filter, fragment) => {
        const response = await client.get(withQuery(path, { filter }));

        expect(response.status).toBe(400);
        expect(response.body).toEqual(
          errorBody(400, 'invalidFilter', expect.stringContaining(fragment)),
        );
      },
    );

    it('rejects NUL in a filter value with 400', async () => {
      const equal = await client.get(withQuery('/Users', { filter: 'userName eq "a\\u0000b"' }));
      const contains = await client.get(withQuery('/Users', { filter: 'emails co "\\u0000"' }));

      expect(equal.status).toBe(400);
      expect(equal.body.scimType).toBe('invalidFilter');
      expect(contains.status).toBe(400);
      expect(contains.body.scimType).toBe('invalidFilter');
    });

    it('rejects a filter on the password, which is never returned', async () => {
      const response = await client.get(withQuery('/Users', { filter: 'password eq "secret"' }));

      expect(response.status).toBe(400);
      expect(response.body.scimType).toBe('invalidFilter');
    });
  });
});
