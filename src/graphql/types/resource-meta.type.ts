import { Field, ObjectType } from 'type-graphql';

@ObjectType({ description: 'Metadata of a SCIM resource (RFC 7643 §3.1).' })
export class ResourceMetaType {
  @Field(() => String, { description: 'User or Group.' })
  resourceType!: string;

  @Field(() => Date)
  created!: Date;

  @Field(() => Date)
  lastModified!: Date;

  @Field(() => String, { description: 'Absolute URL of the resource at /scim/v2.' })
  location!: string;

  @Field(() => String, { description: 'Weak entity tag of the current version, W/"<n>".' })
  version!: string;
}
