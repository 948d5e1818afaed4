import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';

import type { ExtensionAttributeType } from '../../entities/scim-extension-attribute.entity';

/** GraphQL names of the SCIM attribute types, mapped to their RFC 7643 §2.3 spelling. */
export const ScimAttributeType = {
  STRING: 'string',
  BOOLEAN: 'boolean',
  INTEGER: 'integer',
  DECIMAL: 'decimal',
  DATE_TIME: 'dateTime',
  REFERENCE: 'reference',
} as const satisfies Record<string, ExtensionAttributeType>;
registerEnumType(ScimAttributeType, {
  name: 'ScimAttributeType',
  description: 'The SCIM type of a custom extension attribute (RFC 7643 §2.3).',
});

@ObjectType({
  description:
    'An attribute of a custom User extension ' +
    '(urn:ietf:params:scim:schemas:extension:<Name>:2.0:User) declared for SCIM.',
})
export class ScimExtensionAttributeType {
  @Field(() => ID)
  id!: string;

  @Field(() => String, { description: 'The URN of the extension schema.' })
  schema!: string;

  @Field(() => String)
  name!: string;

  @Field(() => String, {
    description: 'The SCIM attribute path, <schema>:<name>, as used in filters and mappings.',
  })
  path!: string;

  @Field(() => ScimAttributeType)
  type!: ExtensionAttributeType;

  @Field(() => String)
  description!: string;

  @Field(() => Boolean, { description: 'Whether POST and PUT must carry a value.' })
  required!: boolean;

  @Field(() => Boolean, { description: 'Whether filters and sorting respect case.' })
  caseExact!: boolean;

  @Field(() => Boolean, {
    description:
      'Whether Roster declared the attribute as a string because a SCIM client sent a value ' +
      'for it before it was declared.',
  })
  discovered!: boolean;

  @Field(() => Date)
  createdAt!: Date;

  @Field(() => Date)
  updatedAt!: Date;
}

@ObjectType({ description: 'How many attributes SCIM requests may declare by themselves.' })
export class ScimDiscoverySettingsType {
  @Field(() => Int, { description: 'The limit that applies now.' })
  discoveryLimit!: number;

  @Field(() => Int, {
    nullable: true,
    description: "The organization's own limit; null when the server's default applies.",
  })
  discoveryLimitOverride!: number | null;

  @Field(() => Int, { description: 'Discovered attributes declared so far.' })
  discoveredCount!: number;
}
