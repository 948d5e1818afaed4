import { Entity, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';

export type MemberType = 'User' | 'Group';

/** One member of one group: adding or removing a member touches exactly one row. */
@Entity({ tableName: 'group_members' })
export class GroupMember {
  [OptionalProps]?: 'createdAt';

  @PrimaryKey({ type: 'uuid' })
  organizationId!: string;

  @PrimaryKey({ type: 'uuid' })
  groupId!: string;

  @PrimaryKey({ type: 'uuid' })
  memberId!: string;

  @Property({ type: 'text' })
  memberType!: MemberType;

  @Property({ type: 'timestamptz' })
  createdAt: Date = new Date();
}
