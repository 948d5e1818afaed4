import { ApiToken } from './api-token.entity';
import { GroupMember } from './group-member.entity';
import { Group } from './group.entity';
import { Organization } from './organization.entity';
import { User } from './user.entity';

export { ApiToken } from './api-token.entity';
export { Group } from './group.entity';
export { GroupMember } from './group-member.entity';
export { Organization } from './organization.entity';
export { User } from './user.entity';

/** Every entity class, in the order MikroORM discovers them. */
export const ENTITIES = [Organization, User, ApiToken, Group, GroupMember];
