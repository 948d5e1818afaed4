import { readFileSync } from 'node:fs';
import path from 'node:path';

import { printGraphQLSchema } from '../../src/graphql/schema';

describe('schema.graphql', () => {
  it('matches the schema the resolvers build (run `npm run schema` after changing them)', () => {
    const committed = readFileSync(path.resolve(__dirname, '../../schema.graphql'), 'utf8');

    expect(printGraphQLSchema()).toBe(committed);
  });
});
