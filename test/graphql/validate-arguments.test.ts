import { Max, Min } from 'class-validator';
import { ArgumentValidationError } from 'type-graphql';

import { validateArguments } from '../../src/graphql/validate-arguments';

class Page {
  @Min(1)
  @Max(100)
  count = 10;
}

class NamedPage extends Page {
  name = '';
}

class Plain {
  count = -5;
}

const resolverData = {} as never;

async function rejection(value: unknown, type: unknown): Promise<ArgumentValidationError> {
  try {
    await validateArguments(value, type as never, resolverData);
  } catch (error) {
    return error as ArgumentValidationError;
  }
  throw new Error('expected the arguments to be rejected');
}

describe('validateArguments', () => {
  it('rejects a broken rule by property', async () => {
    const page = Object.assign(new Page(), { count: 0 });

    const error = await rejection(page, Page);

    expect(error).toBeInstanceOf(ArgumentValidationError);
    expect(error.extensions.code).toBe('BAD_USER_INPUT');
    expect(error.extensions.validationErrors.map((problem) => problem.property)).toEqual(['count']);
  });

  it('accepts a valid value', async () => {
    const page = Object.assign(new Page(), { count: 100 });

    await expect(validateArguments(page, Page, resolverData)).resolves.toBeUndefined();
  });

  it('applies parent class rules', async () => {
    const page = Object.assign(new NamedPage(), { count: 101 });

    const error = await rejection(page, NamedPage);

    expect(error.extensions.validationErrors[0].constraints).toHaveProperty('max');
  });

  it('checks each list item', async () => {
    const pages = [
      Object.assign(new Page(), { count: 5 }),
      Object.assign(new Page(), { count: -1 }),
    ];

    const error = await rejection(pages, Page);

    expect(error.extensions.validationErrors).toHaveLength(1);
    expect(error.extensions.validationErrors[0].value).toBe(-1);
  });

  it('skips unruled classes, scalars and null', async () => {
    await expect(validateArguments(new Plain(), Plain, resolverData)).resolves.toBeUndefined();
    await expect(validateArguments('text', String, resolverData)).resolves.toBeUndefined();
    await expect(validateArguments(null, Page, resolverData)).resolves.toBeUndefined();
  });
});
