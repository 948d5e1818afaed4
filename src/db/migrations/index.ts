import { Migration20261204000000 } from './Migration20261204000000';
import { Migration20261204000100 } from './Migration20261204000100';
import { Migration20261204000200 } from './Migration20261204000200';
import { Migration20261204100000 } from './Migration20261204100000';
import { Migration20261204100100 } from './Migration20261204100100';
import { Migration20261204100200 } from './Migration20261204100200';
import { Migration20261204200000 } from './Migration20261204200000';
import { Migration20261204250000 } from './Migration20261204250000';
import { Migration20261204300000 } from './Migration20261204300000';
import { Migration20261204400000 } from './Migration20261204400000';
import { Migration20261204500000 } from './Migration20261204500000';

/**
 * Every migration in the order it runs. Listing them keeps compiled builds, Jest and the
 * MikroORM CLI on the same set without scanning folders.
 */
export const MIGRATIONS = [
  { name: 'Migration20261204000000', class: Migration20261204000000 },
  { name: 'Migration20261204000100', class: Migration20261204000100 },
  { name: 'Migration20261204000200', class: Migration20261204000200 },
  { name: 'Migration20261204100000', class: Migration20261204100000 },
  { name: 'Migration20261204100100', class: Migration20261204100100 },
  { name: 'Migration20261204100200', class: Migration20261204100200 },
  { name: 'Migration20261204200000', class: Migration20261204200000 },
  { name: 'Migration20261204250000', class: Migration20261204250000 },
  { name: 'Migration20261204300000', class: Migration20261204300000 },
  { name: 'Migration20261204400000', class: Migration20261204400000 },
  { name: 'Migration20261204500000', class: Migration20261204500000 },
];
