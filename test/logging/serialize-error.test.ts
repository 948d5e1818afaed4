import { UniqueConstraintViolationException } from '@mikro-orm/core';

import { serializeError } from '../../src/logger';

describe('serializeError', () => {
  it('drops the SQL and its inlined values from database errors', () => {
    const original = Object.assign(
      new Error(
        "insert into users (user_name, password_hash) values ('ada@example.com', '$argon2id$x')" +
          ' - duplicate key value violates unique constraint "users_user_name_unique"' +
          '\n - detail: Key (lower(user_name))=(ada@example.com) already exists.',
      ),
      { code: '23505', table: 'users', constraint: 'users_user_name_unique' },
    );

    const serialized = serializeError(new UniqueConstraintViolationException(original));

    expect(serialized).toEqual({
      type: 'UniqueConstraintViolationException',
      code: '23505',
      table: 'users',
      constraint: 'users_user_name_unique',
      message: 'duplicate key value violates unique constraint "users_user_name_unique"',
    });
  });

  it('keeps message and stack of other errors', () => {
    const serialized = serializeError(new TypeError('bad input'));

    expect(serialized.type).toBe('TypeError');
    expect(serialized.message).toBe('bad input');
    expect(String(serialized.stack)).toContain('TypeError: bad input');
  });
});
