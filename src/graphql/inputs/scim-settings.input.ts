import { ArrayMaxSize, IsOptional, MaxLength, ValidateNested } from 'class-validator';
import { Field, ID, InputType } from 'type-graphql';

import type { DeprovisionAction } from '../../entities/scim-settings.entity';
import { MAX_MAPPING_ROWS } from '../../domain/scim-settings/sync-plan';
import { DeprovisionActionEnum } from '../types/scim-settings.type';

@InputType()
export class ScimAttributeMappingInput {
  @Field(() => String)
  @MaxLength(500, { message: 'must have at most 500 characters' })
  source!: string;

  @Field(() => String)
  @MaxLength(63, { message: 'must have at most 63 characters' })
  field!: string;
}

@InputType()
export class DeprovisioningPolicyInput {
  @Field(() => DeprovisionActionEnum)
  action!: DeprovisionAction;

  @Field(() => String, { nullable: true, description: 'Required for SET_STATUS.' })
  @IsOptional()
  @MaxLength(63, { message: 'must have at most 63 characters' })
  statusField?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(100, { message: 'must have at most 100 characters' })
  activeStatus?: string | null;

  @Field(() => String, { nullable: true, description: 'Required for SET_STATUS.' })
  @IsOptional()
  @MaxLength(100, { message: 'must have at most 100 characters' })
  inactiveStatus?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(100, { message: 'must have at most 100 characters' })
  deletedStatus?: string | null;
}

@InputType({ description: 'Replaces all SCIM settings.' })
export class ScimSettingsInput {
  @Field(() => ID, { nullable: true, description: 'Null turns sync off.' })
  targetApplicationId!: string | null;

  @Field(() => [ScimAttributeMappingInput])
  @ArrayMaxSize(MAX_MAPPING_ROWS, { message: `must have at most ${MAX_MAPPING_ROWS} entries` })
  @ValidateNested()
  mappings!: ScimAttributeMappingInput[];

  @Field(() => DeprovisioningPolicyInput, {
    nullable: true,
    description: 'ARCHIVE when absent.',
  })
  @IsOptional()
  @ValidateNested()
  deprovisioning?: DeprovisioningPolicyInput | null;
}
