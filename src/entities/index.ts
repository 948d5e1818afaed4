import { ApiToken } from './api-token.entity';
import { Organization } from './organization.entity';
import { User } from './user.entity';

export { ApiToken } from './api-token.entity';
export { Organization } from './organization.entity';
export { User } from './user.entity';

/** Every entity class, in the order MikroORM discovers them. */
export const ENTITIES = [Organization, User, ApiToken];
