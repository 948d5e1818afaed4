import type { NonEmptyArray } from 'type-graphql';

import { GroupResolver } from './group.resolver';
import { ScimSchemaResolver } from './scim-schema.resolver';
import { ServerInfoResolver } from './server-info.resolver';
import { UserResolver } from './user.resolver';

/** Every resolver class of the public GraphQL schema. */
// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
export const RESOLVERS: NonEmptyArray<Function> = [
  GroupResolver,
  ScimSchemaResolver,
  ServerInfoResolver,
  UserResolver,
];
