import { GraphQLJSONObject } from 'graphql-scalars';
import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';

import { AddressType, MultiValueType } from './multi-value.type';
import { ResourceMetaType } from './resource-meta.type';

export enum UserRoleEnum {
  ADMIN = 'ADMIN',
  MEMBER = 'MEMBER',
}
registerEnumType(UserRoleEnum, {
  name: 'UserRole',
  description: 'ADMIN may configure the organization; MEMBER may only sign in.',
});

@ObjectType('PersonName', { description: "The components of a user's name." })
export class PersonNameType {
  @Field(() => String, { nullable: true })
  formatted?: string;

  @Field(() => String, { nullable: true })
  familyName?: string;

  @Field(() => String, { nullable: true })
  givenName?: string;

  @Field(() => String, { nullable: true })
  middleName?: string;

  @Field(() => String, { nullable: true })
  honorificPrefix?: string;

  @Field(() => String, { nullable: true })
  honorificSuffix?: string;
}

@ObjectType('UserReference', { description: 'Another user, such as a manager.' })
export class UserReferenceType {
  @Field(() => ID)
  id!: string;

  @Field(() => String, { nullable: true })
  displayName?: string | null;
}

@ObjectType('EnterpriseAttributes', {
  description: 'The SCIM enterprise user extension (RFC 7643 §4.3).',
})
export class EnterpriseAttributesType {
  @Field(() => String, { nullable: true })
  employeeNumber?: string;

  @Field(() => String, { nullable: true })
  costCenter?: string;

  @Field(() => String, { nullable: true })
  organization?: string;

  @Field(() => String, { nullable: true })
  division?: string;

  @Field(() => String, { nullable: true })
  department?: string;

  @Field(() => UserReferenceType, { nullable: true })
  manager?: UserReferenceType;
}

@ObjectType('GroupReference', { description: 'A group the user belongs to.' })
export class GroupReferenceType {
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  displayName!: string;

  @Field(() => String, {
    description: 'direct, or indirect for a group reached through nested groups.',
  })
  type!: string;
}

@ObjectType('User', { description: 'A person in the organization, provisioned or local.' })
export class UserType {
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  userName!: string;

  @Field(() => String, { nullable: true })
  externalId?: string | null;

  @Field(() => String, { nullable: true })
  displayName?: string | null;

  @Field(() => PersonNameType, { nullable: true })
  name?: PersonNameType;

  @Field(() => String, { nullable: true })
  nickName?: string | null;

  @Field(() => String, { nullable: true })
  profileUrl?: string | null;

  @Field(() => String, { nullable: true })
  title?: string | null;

  @Field(() => String, { nullable: true })
  userType?: string | null;

  @Field(() => String, { nullable: true })
  preferredLanguage?: string | null;

  @Field(() => String, { nullable: true })
  locale?: string | null;

  @Field(() => String, { nullable: true })
  timezone?: string | null;

  @Field(() => Boolean)
  active!: boolean;

  @Field(() => [MultiValueType])
  emails!: MultiValueType[];

  @Field(() => [MultiValueType])
  phoneNumbers!: MultiValueType[];

  @Field(() => [MultiValueType])
  ims!: MultiValueType[];

  @Field(() => [MultiValueType])
  photos!: MultiValueType[];

  @Field(() => [AddressType])
  addresses!: AddressType[];

  @Field(() => [MultiValueType])
  entitlements!: MultiValueType[];

  @Field(() => [MultiValueType])
  roles!: MultiValueType[];

  @Field(() => [MultiValueType])
  x509Certificates!: MultiValueType[];

  @Field(() => EnterpriseAttributesType)
  enterprise!: EnterpriseAttributesType;

  @Field(() => GraphQLJSONObject, {
    description: 'Custom extension values, keyed by schema URN, then attribute name.',
  })
  extensions!: Record<string, unknown>;

  @Field(() => UserRoleEnum)
  role!: UserRoleEnum;

  @Field(() => [GroupReferenceType], {
    description: 'Groups the user belongs to, directly or through nested groups.',
  })
  groups!: GroupReferenceType[];

  @Field(() => ResourceMetaType)
  meta!: ResourceMetaType;

  @Field(() => GraphQLJSONObject, {
    description: 'The user as /scim/v2 returns it (RFC 7643 §4.1), password excluded.',
  })
  scim!: Record<string, unknown>;
}

@ObjectType('UserList', {
  description: 'One page of users, with SCIM paging (RFC 7644 §3.4.2.4): 1-based startIndex.',
})
export class UserListType {
  @Field(() => Int, { description: 'Users matching the filter, on all pages.' })
  totalResults!: number;

  @Field(() => Int)
  startIndex!: number;

  @Field(() => Int)
  itemsPerPage!: number;

  @Field(() => [UserType])
  resources!: UserType[];
}
