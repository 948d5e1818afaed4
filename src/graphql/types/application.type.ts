import { GraphQLJSONObject } from 'graphql-scalars';
import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';

import { FIELD_TYPES, type FieldType } from '../../entities/application-field.entity';
import { createConnectionType } from './connection.type';

export const FieldTypeEnum = Object.fromEntries(FIELD_TYPES.map((type) => [type, type])) as {
  [K in FieldType]: K;
};
registerEnumType(FieldTypeEnum, {
  name: 'FieldType',
  description:
    'What a field holds. DATE values are YYYY-MM-DD, DATE_TIME values ISO 8601 in UTC, ' +
    'MULTIPLE_CHOICE values lists of choices, USER values the id of a Roster user.',
});

@ObjectType('ApplicationField', { description: 'A typed field of an application.' })
export class ApplicationFieldType {
  @Field(() => ID)
  id!: string;

  @Field(() => String, { description: 'The key under which records store the value.' })
  key!: string;

  @Field(() => String)
  name!: string;

  @Field(() => FieldTypeEnum)
  type!: FieldType;

  @Field(() => [String], { description: 'Allowed values of choice fields; empty otherwise.' })
  choices!: string[];

  @Field(() => Int, { description: 'Order within the application, from 0.' })
  position!: number;
}

@ObjectType('Application', { description: 'A no-code application: typed fields and records.' })
export class ApplicationType {
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  name!: string;

  @Field(() => Boolean)
  archived!: boolean;

  @Field(() => Date, { nullable: true })
  archivedAt!: Date | null;

  /** Loaded by the resolver when absent, as in list pages. */
  @Field(() => [ApplicationFieldType], { description: 'Fields in display order.' })
  fields?: ApplicationFieldType[];

  @Field(() => Int, { description: 'Increases by one on every change.' })
  version!: number;

  @Field(() => Date)
  createdAt!: Date;

  @Field(() => Date)
  updatedAt!: Date;
}

@ObjectType('ApplicationRecord', { description: 'One record of an application.' })
export class ApplicationRecordType {
  @Field(() => ID)
  id!: string;

  @Field(() => ID)
  applicationId!: string;

  @Field(() => ID, {
    nullable: true,
    description: 'The provisioned user this record mirrors; null for records made by hand.',
  })
  userId!: string | null;

  @Field(() => GraphQLJSONObject, {
    description: 'Values by field key; fields without a value are absent.',
  })
  values!: Record<string, unknown>;

  @Field(() => Boolean)
  archived!: boolean;

  @Field(() => Int)
  version!: number;

  @Field(() => Date)
  createdAt!: Date;

  @Field(() => Date)
  updatedAt!: Date;
}

export const ApplicationConnection = createConnectionType('Application', ApplicationType);
export const ApplicationRecordConnection = createConnectionType(
  'ApplicationRecord',
  ApplicationRecordType,
);
