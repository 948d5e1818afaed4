import { Migration } from '@mikro-orm/migrations';

/** Groups and their memberships, one row per member. */
export class Migration20261204000200 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      create table groups (
        organization_id uuid not null references organizations (id) on delete cascade,
        id uuid not null,
        display_name text not null,
        external_id text,
        version integer not null default 1,
        created_at timestamptz not null,
        updated_at timestamptz not null,
        primary key (organization_id, id)
      );`);

    // member_id names a user or a group; the service deletes memberships with their member.
    this.addSql(`
      create table group_members (
        organization_id uuid not null,
        group_id uuid not null,
        member_id uuid not null,
        member_type text not null check (member_type in ('User', 'Group')),
        created_at timestamptz not null,
        primary key (organization_id, group_id, member_id),
        foreign key (organization_id, group_id)
          references groups (organization_id, id) on delete cascade
      );`);

    const indexes = [
      `create unique index groups_display_name_unique
         on groups (organization_id, lower(display_name))`,
      'create index groups_external_id on groups (organization_id, external_id)',
      'create index groups_updated_at on groups (organization_id, updated_at, id)',
      `create index groups_display_name_trgm
         on groups using gin (lower(display_name) gin_trgm_ops) with (fastupdate = off)`,
      'create index group_members_member on group_members (organization_id, member_id)',
    ];
    for (const statement of indexes) {
      this.addSql(`${statement};`);
    }
  }
}
