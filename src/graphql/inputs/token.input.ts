import { IsOptional, MaxLength } from 'class-validator';
import { Field, ID, InputType } from 'type-graphql';

import type { TokenScope as TokenScopeValue } from '../../entities/api-token.entity';
import type { TokenExpiration as TokenExpirationValue } from '../../domain/tokens/token-expiration';
import {
  MAX_TOKEN_DESCRIPTION_LENGTH,
  MAX_TOKEN_TITLE_LENGTH,
} from '../../domain/tokens/token.service';
import { TokenExpiration, TokenScope } from '../types/token.type';

@InputType()
export class CreateTokenInput {
  @Field(() => String, { description: `1 to ${MAX_TOKEN_TITLE_LENGTH} characters.` })
  @MaxLength(MAX_TOKEN_TITLE_LENGTH, {
    message: `must have at most ${MAX_TOKEN_TITLE_LENGTH} characters`,
  })
  title!: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(MAX_TOKEN_DESCRIPTION_LENGTH, {
    message: `must have at most ${MAX_TOKEN_DESCRIPTION_LENGTH} characters`,
  })
  description?: string | null;

  @Field(() => ID, {
    nullable: true,
    description: 'The user the token acts as, an active admin; the caller when absent.',
  })
  userId?: string | null;

  @Field(() => TokenScope)
  scope!: TokenScopeValue;

  @Field(() => TokenExpiration)
  expiration!: TokenExpirationValue;

  @Field(() => Date, { nullable: true, description: 'The expiry, with expiration DATE only.' })
  expiresAt?: Date | null;
}

@InputType()
export class UpdateOrganizationSettingsInput {
  @Field(() => Boolean, { nullable: true })
  allowNeverExpiringTokens?: boolean | null;
}
