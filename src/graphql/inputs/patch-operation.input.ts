import { GraphQLJSON } from 'graphql-scalars';
import { Field, InputType, registerEnumType } from 'type-graphql';

export enum PatchOpEnum {
  add = 'add',
  replace = 'replace',
  remove = 'remove',
}
registerEnumType(PatchOpEnum, { name: 'PatchOp', description: 'RFC 7644 §3.5.2 operations.' });

@InputType('PatchOperationInput', {
  description: 'One SCIM PATCH operation; paths and values follow RFC 7644 §3.5.2.',
})
export class PatchOperationInput {
  @Field(() => PatchOpEnum)
  op!: PatchOpEnum;

  @Field(() => String, {
    nullable: true,
    description: 'Attribute path such as emails[type eq "work"].value; absent for no-path ops.',
  })
  path?: string;

  @Field(() => GraphQLJSON, { nullable: true })
  value?: unknown;
}
