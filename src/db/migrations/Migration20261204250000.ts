import { Migration } from '@mikro-orm/migrations';

/**
 * Custom User extension attributes declared per organization, and each organization's
 * extension schema version and attribute discovery limit.
 */
export class Migration20261204250000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      create table scim_extension_attributes (
        organization_id uuid not null references organizations (id) on delete cascade,
        id uuid not null,
        schema_urn text not null,
        name text not null,
        type text not null
          check (type in ('string', 'boolean', 'integer', 'decimal', 'dateTime', 'reference')),
        description text not null default '',
        required boolean not null default false,
        case_exact boolean not null default false,
        discovered boolean not null default false,
        created_at timestamptz not null,
        updated_at timestamptz not null,
        primary key (organization_id, id)
      );`);
    this.addSql(
      `create unique index scim_extension_attributes_path
         on scim_extension_attributes (organization_id, lower(schema_urn), lower(name));`,
    );

    // `version` is a random UUID, replaced on every change of the organization's declarations.
    // A counter could repeat after a rolled-back change, and a process would then keep a
    // registry that was never committed.
    this.addSql(`
      create table scim_schema_settings (
        organization_id uuid not null primary key references organizations (id) on delete cascade,
        version uuid not null,
        discovery_limit integer check (discovery_limit >= 0),
        updated_at timestamptz not null
      );`);
  }
}
