import 'reflect-metadata';

import { lexicographicSortSchema, printSchema, type GraphQLSchema } from 'graphql';
import { buildSchemaSync } from 'type-graphql';

import { RESOLVERS } from './resolvers';
import { validateArguments } from './validate-arguments';

let cached: GraphQLSchema | undefined;

/** Builds the public GraphQL schema once per process from the type-graphql resolvers. */
export function buildGraphQLSchema(): GraphQLSchema {
  cached ??= buildSchemaSync({
    resolvers: RESOLVERS,
    validateFn: validateArguments,
  });

  return cached;
}

/** The schema as SDL, sorted so that `schema.graphql` diffs stay readable. */
export function printGraphQLSchema(): string {
  return `${printSchema(lexicographicSortSchema(buildGraphQLSchema()))}\n`;
}
