import { GraphQLError } from 'graphql';

import { isDatabaseUnavailable, warnDatabaseUnavailable } from '../../src/db/database-unavailable';

function withCode(message: string, code: string): Error {
  return Object.assign(new Error(message), { code });
}

function named(message: string, name: string): Error {
  const error = new Error(message);
  error.name = name;
  return error;
}

describe('isDatabaseUnavailable', () => {
  it.each([
    ['a refused connection', withCode('connect ECONNREFUSED 127.0.0.1:5432', 'ECONNREFUSED')],
    ['a reset connection', withCode('read ECONNRESET', 'ECONNRESET')],
    [
      'a server shutting down',
      withCode('terminating connection due to administrator command', '57P01'),
    ],
    ['a server starting', withCode('the database system is starting up', '57P03')],
    ['a class 08 connection failure', withCode('connection failure', '08006')],
    ['too many connections', withCode('sorry, too many clients already', '53300')],
    ['a broken connection', new Error('select 1 - Connection terminated unexpectedly')],
    ['a connect timeout', new Error('timeout exceeded when trying to connect')],
    [
      'a pool acquire timeout',
      named('Knex: Timeout acquiring a connection. The pool is probably full.', 'KnexTimeoutError'),
    ],
    [
      'an error wrapped by GraphQL',
      new GraphQLError('failed', { originalError: withCode('refused', 'ECONNREFUSED') }),
    ],
    [
      'an error given as cause',
      new Error('query failed', { cause: withCode('reset', 'ECONNRESET') }),
    ],
    [
      'an error inside an aggregate',
      new AggregateError([withCode('refused', 'ECONNREFUSED')], 'all failed'),
    ],
  ])('detects %s', (_, error) => {
    expect(isDatabaseUnavailable(error)).toBe(true);
  });

  it.each([
    ['a unique violation', withCode('duplicate key value violates unique constraint', '23505')],
    ['a statement timeout', withCode('canceling statement due to statement timeout', '57014')],
    ['a syntax error', withCode('syntax error at or near "selec"', '42601')],
    ['a plain error', new Error('something else')],
    ['a string', 'ECONNREFUSED'],
    ['null', null],
  ])('ignores %s', (_, error) => {
    expect(isDatabaseUnavailable(error)).toBe(false);
  });

  it('stops at a cycle of causes', () => {
    const error = new Error('loop') as Error & { cause?: unknown };
    error.cause = error;

    expect(isDatabaseUnavailable(error)).toBe(false);
  });
});

describe('warnDatabaseUnavailable', () => {
  afterEach(() => {
    jest.restoreAllMocks();
  });

  it('logs once per 10 seconds with a count', () => {
    const lines: { fields: Record<string, unknown>; message: string }[] = [];
    const logger = {
      warn: (fields: object, message: string) =>
        lines.push({ fields: fields as Record<string, unknown>, message }),
    };
    const error = withCode('refused', 'ECONNREFUSED');
    const clock = jest.spyOn(Date, 'now');

    clock.mockReturnValue(1_000_000);
    warnDatabaseUnavailable(logger, error, { path: '/a' }, 'failed');
    clock.mockReturnValue(1_005_000);
    warnDatabaseUnavailable(logger, error, { path: '/b' }, 'failed');
    warnDatabaseUnavailable(logger, error, { path: '/c' }, 'failed');
    clock.mockReturnValue(1_010_000);
    warnDatabaseUnavailable(logger, error, { path: '/d' }, 'failed');

    expect(lines).toEqual([
      { fields: { err: error, path: '/a', suppressedSinceLastWarning: 0 }, message: 'failed' },
      { fields: { err: error, path: '/d', suppressedSinceLastWarning: 2 }, message: 'failed' },
    ]);
  });
});
