import type { ApolloServerPlugin } from '@apollo/server';
import { maxDepthRule } from '@escape.tech/graphql-armor-max-depth';
import { GraphQLError, type GraphQLSchema, type ValidationRule } from 'graphql';
import { getComplexity, type ComplexityEstimator } from 'graphql-query-complexity';

import { DomainError } from '../domain/errors';
import type { GraphQLContext } from './context';

export interface QueryLimits {
  /** GRAPHQL_MAX_DEPTH: deepest nesting of fields, not counting `__schema` introspection. */
  maxDepth: number;
  /** GRAPHQL_MAX_COMPLEXITY: highest cost that `estimateFieldCost` may add up to. */
  maxComplexity: number;
  /** SCIM_MAX_RESULTS, the page size of a `users` or `groups` list without `count`. */
  maxResults: number;
}

/** Creates an error that formatResolverError turns into `LIMIT_EXCEEDED` with status 400. */
function limitError(message: string): GraphQLError {
  return new GraphQLError(message, {
    originalError: new DomainError('LIMIT_EXCEEDED', message),
    extensions: { http: { status: 400 } },
  });
}

/** Validation rule rejecting operations nested deeper than `maxDepth` fields. */
export function depthLimitRule(maxDepth: number): ValidationRule {
  return maxDepthRule({
    n: maxDepth,
    propagateOnRejection: false,
    onReject: [
      (context) => {
        context?.reportError(
          limitError(
            `the operation nests fields deeper than the maximum depth of ${maxDepth} ` +
              '(GRAPHQL_MAX_DEPTH); request fewer nested fields',
          ),
        );
      },
    ],
  });
}

/**
 * Estimates a field's cost as 1 plus its selections' cost, times the page size for a list
 * field that takes `first` or `count`: the requested size, or the default page size when the
 * request gives none. Other lists (a user's emails or groups) count once.
 *
 * NOTE: an estimate before execution; it does not know how many items a list really returns.
 */
function estimateFieldCost(maxResults: number): ComplexityEstimator {
  return ({ field, args, childComplexity }) => {
    const pageSizeArgument = field.args.find((arg) => ['first', 'count'].includes(arg.name));
    if (!pageSizeArgument) {
      return 1 + childComplexity;
    }

    const requested = args[pageSizeArgument.name];
    const pageSize = typeof requested === 'number' ? requested : maxResults;
    const bounded = Math.min(Math.max(pageSize, 1), maxResults);

    return 1 + bounded * childComplexity;
  };
}

/** Apollo plugin rejecting operations whose estimated cost is above `maxComplexity`. */
export function complexityLimitPlugin(
  schema: GraphQLSchema,
  limits: QueryLimits,
): ApolloServerPlugin<GraphQLContext> {
  const estimators = [estimateFieldCost(limits.maxResults)];

  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ request, document }) {
          let complexity: number;
          try {
            complexity = getComplexity({
              schema,
              query: document,
              variables: request.variables,
              operationName: request.operationName,
              estimators,
            });
          } catch {
            // Invalid variables: execution reports them as BAD_USER_INPUT, naming the field.
            return;
          }

          if (complexity > limits.maxComplexity) {
            throw limitError(
              `the operation's estimated cost is ${complexity}, above the maximum of ` +
                `${limits.maxComplexity} (GRAPHQL_MAX_COMPLEXITY); request smaller pages ` +
                'or fewer fields',
            );
          }
        },
      };
    },
  };
}
