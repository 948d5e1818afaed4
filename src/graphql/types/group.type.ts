import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';

import { ResourceMetaType } from './resource-meta.type';

export enum MemberTypeEnum {
  User = 'User',
  Group = 'Group',
}
registerEnumType(MemberTypeEnum, { name: 'MemberType' });

@ObjectType('GroupMember', { description: 'A user or group that belongs to a group.' })
export class GroupMemberType {
  @Field(() => ID)
  id!: string;

  @Field(() => MemberTypeEnum)
  type!: MemberTypeEnum;

  @Field(() => String, { nullable: true, description: 'displayName or userName.' })
  display?: string | null;
}

@ObjectType('Group', { description: 'A group of users and groups, usually provisioned by SCIM.' })
export class GroupType {
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  displayName!: string;

  @Field(() => String, { nullable: true })
  externalId?: string | null;

  @Field(() => ResourceMetaType)
  meta!: ResourceMetaType;
}

@ObjectType('GroupList', { description: 'One page of groups, with SCIM paging.' })
export class GroupListType {
  @Field(() => Int)
  totalResults!: number;

  @Field(() => Int)
  startIndex!: number;

  @Field(() => Int)
  itemsPerPage!: number;

  @Field(() => [GroupType])
  resources!: GroupType[];
}
