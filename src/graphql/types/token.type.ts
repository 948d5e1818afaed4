import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';

import type { TokenScope as TokenScopeValue } from '../../entities/api-token.entity';
import type { TokenStatus as TokenStatusValue } from '../../domain/tokens/token-view';
import { createConnectionType } from './connection.type';

export const TokenScope = { SCIM: 'SCIM', API: 'API' } as const;
registerEnumType(TokenScope, {
  name: 'TokenScope',
  description: 'Where a token works: SCIM at /scim/v2, API at /graphql.',
});

export const TokenStatus = {
  ACTIVE: 'ACTIVE',
  EXPIRED: 'EXPIRED',
  REVOKED: 'REVOKED',
  OWNER_INACTIVE: 'OWNER_INACTIVE',
} as const;
registerEnumType(TokenStatus, {
  name: 'TokenStatus',
  description:
    'OWNER_INACTIVE: the user the token acts as is deactivated or no longer an admin, so ' +
    'the token is rejected until that changes.',
});

export const TokenExpiration = {
  DAYS_30: 'DAYS_30',
  DAYS_60: 'DAYS_60',
  DAYS_90: 'DAYS_90',
  DAYS_180: 'DAYS_180',
  DAYS_365: 'DAYS_365',
  DATE: 'DATE',
  NEVER: 'NEVER',
} as const;
registerEnumType(TokenExpiration, {
  name: 'TokenExpiration',
  description:
    'How long a new token lasts: a period from now, until `expiresAt` (DATE, at most 365 ' +
    'days ahead), or for ever (NEVER, only where the organization allows it).',
});

@ObjectType('ApiToken', { description: 'A bearer token; its secret is shown only at creation.' })
export class ApiTokenType {
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  title!: string;

  @Field(() => String, { nullable: true })
  description!: string | null;

  @Field(() => ID, { description: 'The user the token acts as.' })
  userId!: string;

  @Field(() => String, { description: 'The userName of the user the token acts as.' })
  userName!: string;

  @Field(() => TokenScope)
  scope!: TokenScopeValue;

  @Field(() => TokenStatus)
  status!: TokenStatusValue;

  @Field(() => String, { description: "The secret's first characters, to recognize it." })
  displayPrefix!: string;

  @Field(() => ID, { nullable: true, description: 'The admin who created it, if any.' })
  createdByUserId!: string | null;

  @Field(() => Date)
  createdAt!: Date;

  @Field(() => Date, { nullable: true, description: 'Null when the token never expires.' })
  expiresAt!: Date | null;

  @Field(() => Date, { nullable: true, description: 'Updated at most once a minute.' })
  lastUsedAt!: Date | null;

  @Field(() => Date, { nullable: true })
  revokedAt!: Date | null;
}

@ObjectType({ description: 'A new token and its secret, which no later response repeats.' })
export class CreateTokenPayload {
  @Field(() => ApiTokenType)
  token!: ApiTokenType;

  @Field(() => String, { description: 'The secret; store it now, Roster keeps only a hash.' })
  secret!: string;
}

export const ApiTokenConnection = createConnectionType('ApiToken', ApiTokenType);
