import type { Context } from 'koa';

import type { OperationExecutor, PreparedOperation } from '../../graphql/execute';
import { GROUP_OPERATIONS } from '../operations/group.operations';
import { USER_OPERATIONS } from '../operations/user.operations';
import type { ListRequest } from '../protocol/list-request';
import { applyProjection, projectionIncludes } from '../protocol/projection';
import type { ResourceTypeName, ScimObject } from '../schemas';
import { runOperation } from '../scim-request';

interface Page {
  totalResults: number;
  startIndex: number;
  resources: { scim: ScimObject }[];
}

export interface ListedResources {
  totalResults: number;
  startIndex: number;
  resources: ScimObject[];
}

/** Runs list queries of users and groups for GET lists and POST searches. */
export class ResourceLister {
  private readonly users: PreparedOperation;
  private readonly groups: PreparedOperation;

  constructor(private readonly executor: OperationExecutor) {
    this.users = executor.prepare('ListUsers', USER_OPERATIONS.listUsers);
    this.groups = executor.prepare('ListGroups', GROUP_OPERATIONS.listGroups);
  }

  /** Returns one page of a resource type, projected as the request asks. */
  async list(ctx: Context, type: ResourceTypeName, request: ListRequest): Promise<ListedResources> {
    const variables: Record<string, unknown> = {
      filter: request.filter ?? null,
      sortBy: request.sortBy ?? null,
      sortOrder: request.sortOrder ?? null,
      startIndex: request.startIndex ?? null,
      count: request.count ?? null,
    };

    let page: Page;
    if (type === 'User') {
      const data = await runOperation<{ users: Page }>(this.executor, ctx, this.users, variables, {
        transactional: false,
      });
      page = data.users;
    } else {
      variables.members = projectionIncludes(request.projection, 'members');
      const data = await runOperation<{ groups: Page }>(
        this.executor,
        ctx,
        this.groups,
        variables,
        {
          transactional: false,
        },
      );
      page = data.groups;
    }

    return {
      totalResults: page.totalResults,
      startIndex: page.startIndex,
      resources: page.resources.map((item) => applyProjection(item.scim, request.projection)),
    };
  }
}
