import { startTestServer, type TestServer } from '../helpers/test-server';

/** A request body that is not valid JSON is a client error: 400 with the parser's reason. */
describe('POST /graphql with an invalid JSON body', () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer();
  });

  afterAll(async () => {
    await server.close();
  });

  it.each([
    ['a truncated object', '{"query":'],
    ['plain text', 'nope'],
    ['a JSON string', '"{ viewer { id } }"'],
  ])('answers 400 for %s', async (_name, body) => {
    const response = await fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-roster-csrf': '1' },
      body,
    });

    const answer = (await response.json()) as { error: string; requestId: string };

    expect(response.status).toBe(400);
    expect(answer.error).toMatch(/JSON/);
    expect(answer.requestId).toBe(response.headers.get('x-request-id'));
  });
});
