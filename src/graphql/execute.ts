import {
  execute,
  parse,
  validate,
  type DocumentNode,
  type GraphQLFormattedError,
  type GraphQLSchema,
} from 'graphql';
import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';

import type { TokenScope } from '../entities/api-token.entity';
import type { DomainDeps } from '../domain/deps';
import type { Principal } from '../domain/principal';
import type { SchemaVersionRead } from '../domain/request-registries';
import { StaleSyncTarget } from '../domain/scim-settings/stale-sync-target';
import { Services, type SharedServices } from '../domain/services';
import type { TokenCheck } from '../domain/tokens/token-authenticator';
import type { Logger } from '../logger';
import type { GraphQLContext } from './context';
import { formatResolverError, isExpectedError } from './errors';

export type { TokenCheck } from '../domain/tokens/token-authenticator';
export type { Principal } from '../domain/principal';

/** A GraphQL document parsed and validated once, at start-up. */
export interface PreparedOperation {
  readonly name: string;
  readonly document: DocumentNode;
}

/** Who runs an operation, and the request it belongs to. */
export interface OperationCaller {
  principal: Principal;
  requestId: string;
  logger: Logger;
  /** Epoch milliseconds after which a transactional operation rolls back instead of committing. */
  deadline?: number;
  /** The organization's schema version, when the caller read it with the bearer token. */
  schemaVersion?: SchemaVersionRead;
}

export interface OperationResult<T> {
  data?: T;
  /** Errors as a GraphQL client would see them: message and `extensions.code`. */
  errors?: GraphQLFormattedError[];
}

/** Rolls back a transaction whose operation reported errors, carrying the result out. */
class RollbackSignal extends Error {
  constructor(readonly result: OperationResult<unknown>) {
    super('operation failed; transaction rolled back');
  }
}

/** Builds the result of an operation rolled back because its request's deadline passed. */
function deadlinePassed(operation: PreparedOperation): OperationResult<never> {
  return {
    errors: [
      {
        message:
          `${operation.name} was rolled back because the request ran past its deadline ` +
          '(ROSTER_REQUEST_TIMEOUT_MS)',
        extensions: { code: 'UNAVAILABLE' },
      },
    ],
  };
}

/**
 * Runs GraphQL operations in-process, the way the SCIM facade turns each request into one
 * operation of the public API. Documents are parsed and validated once by `prepare`, because
 * validation costs far more than executing a small operation.
 */
export class OperationExecutor {
  constructor(
    private readonly schema: GraphQLSchema,
    private readonly orm: MikroORM,
    private readonly deps: DomainDeps,
    private readonly shared: SharedServices,
  ) {}

  /** Parses and validates a document; throws at start-up when it does not fit the schema. */
  prepare(name: string, source: string): PreparedOperation {
    const document = parse(source);
    const errors = validate(this.schema, document);

    if (errors.length > 0) {
      throw new Error(`GraphQL operation ${name} is invalid: ${errors[0].message}`);
    }

    return { name, document };
  }

  /** Checks a bearer token for a scope without opening a transaction. */
  async authenticate(secret: string, scope: TokenScope): Promise<TokenCheck> {
    return this.shared.tokenAuthenticator.check(this.orm.em.fork(), secret, scope);
  }

  /**
   * Executes a prepared operation. With `transactional`, everything it writes commits together
   * or, when any error is reported, not at all.
   */
  async run<T>(
    operation: PreparedOperation,
    variables: Record<string, unknown>,
    caller: OperationCaller,
    options: { transactional: boolean },
  ): Promise<OperationResult<T>> {
    const em = this.orm.em.fork();

    if (!options.transactional) {
      return this.executeWith<T>(em, operation, variables, caller);
    }

    try {
      return await this.runInTransaction<T>(em, operation, variables, caller);
    } catch (error) {
      if (error instanceof StaleSyncTarget) {
        caller.logger.info(
          { operation: operation.name, organizationId: caller.principal.organizationId },
          'SCIM target application was set during the operation; running it again with the sync',
        );
        // The schema version read with the token is older than the settings change.
        const again = { ...caller, schemaVersion: undefined };
        return this.runInTransaction<T>(this.orm.em.fork(), operation, variables, again);
      }
      throw error;
    }
  }

  private async runInTransaction<T>(
    em: EntityManager,
    operation: PreparedOperation,
    variables: Record<string, unknown>,
    caller: OperationCaller,
  ): Promise<OperationResult<T>> {
    try {
      return await em.transactional(async (tx) => {
        const result = await this.executeWith<T>(tx as EntityManager, operation, variables, caller);
        if (result.errors?.length) {
          throw new RollbackSignal(result);
        }
        if (caller.deadline !== undefined && Date.now() > caller.deadline) {
          throw new RollbackSignal(deadlinePassed(operation));
        }
        return result;
      });
    } catch (error) {
      if (error instanceof RollbackSignal) {
        return error.result as OperationResult<T>;
      }
      throw error;
    }
  }

  private async executeWith<T>(
    em: EntityManager,
    operation: PreparedOperation,
    variables: Record<string, unknown>,
    caller: OperationCaller,
  ): Promise<OperationResult<T>> {
    const contextValue: GraphQLContext = {
      requestId: caller.requestId,
      get logger() {
        return caller.logger;
      },
      em,
      services: new Services(em, this.deps, this.shared, caller.schemaVersion),
      principal: caller.principal,
    };

    const result = await execute({
      schema: this.schema,
      document: operation.document,
      variableValues: variables,
      contextValue,
    });

    if (!result.errors?.length) {
      return { data: result.data as T };
    }
    if (result.errors.some((error) => error.originalError instanceof StaleSyncTarget)) {
      throw new StaleSyncTarget();
    }

    for (const error of result.errors) {
      if (!isExpectedError(error)) {
        caller.logger.error(
          { err: error.originalError ?? error, operation: operation.name, path: error.path },
          'operation failed',
        );
      }
    }

    return {
      data: (result.data ?? undefined) as T | undefined,
      errors: result.errors.map((error) => formatResolverError(error.toJSON(), error)),
    };
  }
}
