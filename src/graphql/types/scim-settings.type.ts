import { Field, Float, ID, Int, ObjectType, registerEnumType } from 'type-graphql';

import type { ResyncStatus } from '../../entities/scim-resync-job.entity';
import type { DeprovisionAction } from '../../entities/scim-settings.entity';
import { ApplicationType } from './application.type';

export const DeprovisionActionEnum = {
  SET_STATUS: 'SET_STATUS',
  ARCHIVE: 'ARCHIVE',
  DELETE: 'DELETE',
} as const;
registerEnumType(DeprovisionActionEnum, {
  name: 'DeprovisionAction',
  description:
    "What happens to a user's record on deactivation or deletion: SET_STATUS keeps it and " +
    'writes the status field, ARCHIVE archives it (and restores it on reactivation), DELETE ' +
    'deletes it (reactivation creates a new one).',
});

export const ResyncStatusEnum = {
  RUNNING: 'RUNNING',
  COMPLETED: 'COMPLETED',
  CANCELLED: 'CANCELLED',
  FAILED: 'FAILED',
} as const;
registerEnumType(ResyncStatusEnum, { name: 'ScimResyncStatus' });

@ObjectType('ScimAttributeMapping', { description: 'A SCIM attribute and the field it fills.' })
export class ScimAttributeMappingType {
  @Field(() => String, {
    description: 'A SCIM attribute path, such as emails[type eq "work"].value, or groups.',
  })
  source!: string;

  @Field(() => String, { description: 'The key of a field of the target application.' })
  field!: string;
}

@ObjectType('DeprovisioningPolicy')
export class DeprovisioningPolicyType {
  @Field(() => DeprovisionActionEnum)
  action!: DeprovisionAction;

  @Field(() => String, { nullable: true, description: 'The field SET_STATUS writes.' })
  statusField!: string | null;

  @Field(() => String, { nullable: true, description: 'Written while the user is active.' })
  activeStatus!: string | null;

  @Field(() => String, { nullable: true, description: 'Written on deactivation.' })
  inactiveStatus!: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'Written on deletion; the inactive status when null.',
  })
  deletedStatus!: string | null;
}

@ObjectType('ScimResync', { description: "A background recomputation of every user's record." })
export class ScimResyncType {
  @Field(() => ID)
  id!: string;

  @Field(() => ID)
  applicationId!: string;

  @Field(() => ResyncStatusEnum)
  status!: ResyncStatus;

  @Field(() => Int, { description: 'Users in the organization when the resync started.' })
  total!: number;

  @Field(() => Int, { description: 'Users recomputed so far.' })
  processed!: number;

  @Field(() => Float, { description: 'processed / total, from 0 to 1; 1 once completed.' })
  progress!: number;

  @Field(() => Int, { description: 'Values that could not convert and were left empty.' })
  warnings!: number;

  @Field(() => String, { nullable: true, description: 'Why the resync stopped early.' })
  lastError!: string | null;

  @Field(() => Date)
  createdAt!: Date;

  @Field(() => Date)
  updatedAt!: Date;

  @Field(() => Date, { nullable: true })
  finishedAt!: Date | null;
}

@ObjectType('ScimSettings', {
  description: 'Which application receives provisioned users, and how SCIM attributes fill it.',
})
export class ScimSettingsType {
  @Field(() => ID, { nullable: true })
  targetApplicationId!: string | null;

  @Field(() => ApplicationType, { nullable: true })
  targetApplication?: ApplicationType | null;

  @Field(() => [ScimAttributeMappingType])
  mappings!: ScimAttributeMappingType[];

  @Field(() => DeprovisioningPolicyType)
  deprovisioning!: DeprovisioningPolicyType;

  @Field(() => Boolean, {
    description: 'Whether the target or mapping changed since the last resync started.',
  })
  resyncRecommended!: boolean;

  @Field(() => ScimResyncType, { nullable: true, description: 'The most recent resync.' })
  latestResync?: ScimResyncType | null;

  @Field(() => Int)
  version!: number;
}
