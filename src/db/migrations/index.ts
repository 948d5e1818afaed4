import { Migration20261204000000 } from './Migration20261204000000';

/**
 * Every migration in the order it runs. Listing them keeps compiled builds, Jest and the
 * MikroORM CLI on the same set without scanning folders.
 */
export const MIGRATIONS = [{ name: 'Migration20261204000000', class: Migration20261204000000 }];
