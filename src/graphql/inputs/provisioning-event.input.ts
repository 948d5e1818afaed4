import { ArrayMaxSize, IsOptional, MaxLength } from 'class-validator';
import { Field, ID, InputType } from 'type-graphql';

import type {
  ProvisioningOperation as OperationValue,
  ProvisioningOutcome as OutcomeValue,
} from '../../domain/provisioning/event-types';
import { ProvisioningOperation, ProvisioningOutcome } from '../types/provisioning-event.type';

@InputType({ description: 'Conditions that events must all meet.' })
export class ProvisioningEventFilter {
  @Field(() => Date, { nullable: true, description: 'Events at or after this time.' })
  from?: Date | null;

  @Field(() => Date, { nullable: true, description: 'Events before this time.' })
  to?: Date | null;

  @Field(() => [ProvisioningOutcome], { nullable: true })
  @IsOptional()
  @ArrayMaxSize(3, { message: 'must have at most 3 entries' })
  outcomes?: OutcomeValue[] | null;

  @Field(() => [ProvisioningOperation], { nullable: true })
  @IsOptional()
  @ArrayMaxSize(20, { message: 'must have at most 20 entries' })
  operations?: OperationValue[] | null;

  @Field(() => [String], { nullable: true, description: 'User, Group, Schemas, ...' })
  @IsOptional()
  @ArrayMaxSize(10, { message: 'must have at most 10 entries' })
  resourceTypes?: string[] | null;

  @Field(() => String, { nullable: true, description: 'The id of a user or group.' })
  @IsOptional()
  @MaxLength(200, { message: 'must have at most 200 characters' })
  resourceId?: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'Part of the userName, displayName or externalId, ignoring case.',
  })
  @IsOptional()
  @MaxLength(200, { message: 'must have at most 200 characters' })
  nameContains?: string | null;

  @Field(() => ID, { nullable: true, description: 'Only requests made with this token.' })
  tokenId?: string | null;
}
