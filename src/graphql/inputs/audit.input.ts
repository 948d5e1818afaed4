import { ArrayMaxSize, IsOptional } from 'class-validator';
import { Field, InputType } from 'type-graphql';

import type { AuditAction as AuditActionValue } from '../../domain/audit/audit-action';
import { AuditAction } from '../types/audit-event.type';

@InputType()
export class AuditEventFilter {
  @Field(() => [AuditAction], { nullable: true, description: 'Only these actions.' })
  @IsOptional()
  @ArrayMaxSize(50, { message: 'must have at most 50 entries' })
  actions?: AuditActionValue[] | null;

  @Field(() => Date, { nullable: true, description: 'Events at or after this time.' })
  from?: Date | null;

  @Field(() => Date, { nullable: true, description: 'Events before this time.' })
  to?: Date | null;
}
