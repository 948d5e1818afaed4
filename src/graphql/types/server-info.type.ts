import { Field, ObjectType } from 'type-graphql';

@ObjectType({ description: 'The running Roster server.' })
export class ServerInfo {
  @Field(() => String, { description: "Roster's version." })
  version!: string;

  @Field(() => String, { description: 'Version of the PostgreSQL server in use.' })
  databaseVersion!: string;
}
