import 'reflect-metadata';

import { writeFileSync } from 'node:fs';
import path from 'node:path';

import { printGraphQLSchema } from './schema';

/** Writes the GraphQL schema built from the resolvers to `schema.graphql` at the project root. */
const target = path.resolve(process.argv[2] ?? 'schema.graphql');
writeFileSync(target, printGraphQLSchema());
process.stdout.write(`wrote ${target}\n`);
