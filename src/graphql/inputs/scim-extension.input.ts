import { Field, InputType } from 'type-graphql';

import type { ExtensionAttributeType } from '../../entities/scim-extension-attribute.entity';
import {
  MAX_ATTRIBUTE_NAME_LENGTH,
  MAX_DESCRIPTION_LENGTH,
} from '../../domain/extensions/extension-limits';
import { ScimAttributeType } from '../types/scim-extension.type';

@InputType()
export class DeclareScimExtensionAttributeInput {
  @Field(() => String, {
    description: 'The extension URN: urn:ietf:params:scim:schemas:extension:<Name>:2.0:User.',
  })
  schema!: string;

  @Field(() => String, {
    description:
      `A letter, then letters, digits, '-' or '_'; at most ${MAX_ATTRIBUTE_NAME_LENGTH} ` +
      'characters. Unique in the extension, ignoring case.',
  })
  name!: string;

  @Field(() => ScimAttributeType)
  type!: ExtensionAttributeType;

  @Field(() => String, {
    nullable: true,
    description: `At most ${MAX_DESCRIPTION_LENGTH} characters.`,
  })
  description?: string | null;

  @Field(() => Boolean, { nullable: true, description: 'False when absent.' })
  required?: boolean | null;

  @Field(() => Boolean, { nullable: true, description: 'False when absent.' })
  caseExact?: boolean | null;
}

@InputType()
export class UpdateScimExtensionAttributeInput {
  @Field(() => ScimAttributeType, {
    nullable: true,
    description: 'A new type; every stored value must convert to it.',
  })
  type?: ExtensionAttributeType | null;

  @Field(() => String, { nullable: true })
  description?: string | null;

  @Field(() => Boolean, { nullable: true })
  required?: boolean | null;

  @Field(() => Boolean, { nullable: true })
  caseExact?: boolean | null;
}
