import { Entity, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';

export const FIELD_TYPES = [
  'TEXT',
  'LONG_TEXT',
  'NUMBER',
  'BOOLEAN',
  'DATE',
  'DATE_TIME',
  'EMAIL',
  'PHONE',
  'URL',
  'SINGLE_CHOICE',
  'MULTIPLE_CHOICE',
  'USER',
] as const;

export type FieldType = (typeof FIELD_TYPES)[number];

/** One typed field of an application; records store its value under `key`. */
@Entity({ tableName: 'application_fields' })
export class ApplicationField {
  [OptionalProps]?: 'choices';

  @PrimaryKey({ type: 'uuid' })
  organizationId!: string;

  @PrimaryKey({ type: 'uuid' })
  id!: string;

  @Property({ type: 'uuid' })
  applicationId!: string;

  /** Unique within the application and never changed, because records store values by key. */
  @Property({ type: 'text' })
  key!: string;

  @Property({ type: 'text' })
  name!: string;

  @Property({ type: 'text' })
  type!: FieldType;

  /** The allowed values of SINGLE_CHOICE and MULTIPLE_CHOICE fields; empty for other types. */
  @Property({ type: 'json' })
  choices: string[] = [];

  /** Order of the field within its application, from 0. */
  @Property({ type: 'integer' })
  position!: number;

  @Property({ type: 'timestamptz' })
  createdAt!: Date;

  @Property({ type: 'timestamptz' })
  updatedAt!: Date;
}
