import { Entity, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';

/** The attribute types an organization may declare in a custom User extension. */
export const EXTENSION_ATTRIBUTE_TYPES = [
  'string',
  'boolean',
  'integer',
  'decimal',
  'dateTime',
  'reference',
] as const;

export type ExtensionAttributeType = (typeof EXTENSION_ATTRIBUTE_TYPES)[number];

/**
 * One attribute of an organization's custom User extension
 * `urn:ietf:params:scim:schemas:extension:<Name>:2.0:User`. Its values live in
 * `users.extensions` under the schema URN and attribute name spelled as here.
 */
@Entity({ tableName: 'scim_extension_attributes' })
export class ScimExtensionAttribute {
  [OptionalProps]?: 'description' | 'required' | 'caseExact' | 'discovered';

  @PrimaryKey({ type: 'uuid' })
  organizationId!: string;

  @PrimaryKey({ type: 'uuid' })
  id!: string;

  /** Unique per organization with `name`, compared without regard to case. */
  @Property({ type: 'text' })
  schemaUrn!: string;

  @Property({ type: 'text' })
  name!: string;

  @Property({ type: 'text' })
  type!: ExtensionAttributeType;

  @Property({ type: 'text' })
  description: string = '';

  @Property({ type: 'boolean' })
  required: boolean = false;

  @Property({ type: 'boolean' })
  caseExact: boolean = false;

  /** True when Roster declared the attribute because a SCIM client sent a value for it. */
  @Property({ type: 'boolean' })
  discovered: boolean = false;

  @Property({ type: 'timestamptz' })
  createdAt!: Date;

  @Property({ type: 'timestamptz' })
  updatedAt!: Date;
}
