import { DomainError } from '../../src/domain/errors';
import { decodeCursor, encodeCursor } from '../../src/domain/paging';

describe('decodeCursor', () => {
  it('reads back what encodeCursor wrote', () => {
    const time = new Date('2026-12-04T10:11:12.345Z');
    const id = '01939a5e-0000-7000-8000-000000000001';

    expect(decodeCursor(encodeCursor(time, id))).toEqual({ time, id });
  });

  it.each([
    ['not base64 JSON', 'x'],
    ['an object', Buffer.from('{"$gt":1}').toString('base64url')],
    [
      'an invalid date',
      Buffer.from('["yesterday","01939a5e-0000-7000-8000-000000000001"]').toString('base64url'),
    ],
    [
      'an id that is no UUID',
      Buffer.from('["2026-01-01T00:00:00Z","1 or 1=1"]').toString('base64url'),
    ],
  ])('rejects %s on field after', (_case, cursor) => {
    let error: DomainError | undefined;
    try {
      decodeCursor(cursor);
    } catch (caught) {
      error = caught as DomainError;
    }

    expect(error?.code).toBe('BAD_USER_INPUT');
    expect(error?.details.field).toBe('after');
    expect(error?.message).toBe(
      `invalid cursor '${cursor}'; pass the endCursor of a previous page`,
    );
  });
});
