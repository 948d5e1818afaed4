import { Field, ID, InputType } from 'type-graphql';

@InputType('GroupInput', {
  description: 'All attributes of a group; on replace, omitted attributes and members are cleared.',
})
export class GroupInput {
  @Field(() => String, { description: 'Unique per organization, ignoring case.' })
  displayName!: string;

  @Field(() => String, { nullable: true })
  externalId?: string;

  @Field(() => [ID], { nullable: true, description: 'Ids of member users and groups.' })
  memberIds?: string[];
}
