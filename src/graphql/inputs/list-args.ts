import { ArgsType, Field, Int, registerEnumType } from 'type-graphql';

export enum SortOrderEnum {
  ascending = 'ascending',
  descending = 'descending',
}
registerEnumType(SortOrderEnum, { name: 'SortOrder' });

@ArgsType()
export class ScimListArgs {
  @Field(() => String, {
    nullable: true,
    description: 'A SCIM filter (RFC 7644 §3.4.2.2), such as userName sw "a".',
  })
  filter?: string;

  @Field(() => String, { nullable: true, description: 'Attribute path to sort by.' })
  sortBy?: string;

  @Field(() => SortOrderEnum, { nullable: true })
  sortOrder?: SortOrderEnum;

  @Field(() => Int, { nullable: true, description: '1-based index of the first result.' })
  startIndex?: number;

  @Field(() => Int, {
    nullable: true,
    description: 'Page size, capped by the server; 0 returns only totalResults.',
  })
  count?: number;
}
