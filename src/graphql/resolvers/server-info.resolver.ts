import { Ctx, Query, Resolver } from 'type-graphql';

import type { GraphQLContext } from '../context';
import { ServerInfo } from '../types/server-info.type';

@Resolver()
export class ServerInfoResolver {
  @Query(() => ServerInfo, {
    description: 'Versions of Roster and its database; no sign-in needed.',
  })
  async serverInfo(@Ctx() ctx: GraphQLContext): Promise<ServerInfo> {
    return ctx.services.serverInfo.describe();
  }
}
