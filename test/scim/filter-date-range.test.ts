import { connectScim, type ScimHttp } from '../helpers/scim-http';
import { startTestServer, type TestServer } from '../helpers/test-server';

/**
 * A date-time in a filter that PostgreSQL cannot store, or that names no calendar day, is an
 * invalid filter (400 invalidFilter), never a 500 from the database driver.
 */
describe('GET /Users with an out-of-range date-time filter', () => {
  let server: TestServer;
  let scim: ScimHttp;

  beforeAll(async () => {
    server = await startTestServer();
    scim = await connectScim(server);
  });

  afterAll(async () => {
    await server.close();
  });

  it.each([
    ['year 0000', 'meta.created gt "0000-01-01T00:00:00Z"'],
    ['year 10000 after the offset', 'meta.lastModified lt "9999-12-31T23:59:59-23:00"'],
    ['February 30', 'meta.created gt "2026-02-30T00:00:00Z"'],
    ['hour 24', 'meta.created gt "2026-01-01T24:00:00Z"'],
  ])('rejects %s with 400 invalidFilter', async (_name, filter) => {
    const response = await scim.get(`/Users?filter=${encodeURIComponent(filter)}`);
    const value = /"([^"]+)"/.exec(filter)![1];

    expect(response.status).toBe(400);
    expect(response.body?.scimType).toBe('invalidFilter');
    expect(response.body?.detail).toContain(`"${value}" is not a valid date-time`);
  });

  it('accepts the last instant of year 9999 in UTC', async () => {
    const filter = 'meta.created gt "9999-12-31T23:59:59Z"';
    const response = await scim.get(`/Users?filter=${encodeURIComponent(filter)}`);

    expect(response.status).toBe(200);
    expect(response.body?.totalResults).toBe(0);
  });
});
