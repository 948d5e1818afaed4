import { Migration } from '@mikro-orm/migrations';

const FIELD_TYPES = [
  'TEXT',
  'LONG_TEXT',
  'NUMBER',
  'BOOLEAN',
  'DATE',
  'DATE_TIME',
  'EMAIL',
  'PHONE',
  'URL',
  'SINGLE_CHOICE',
  'MULTIPLE_CHOICE',
  'USER',
];

/**
 * Applications (typed fields and records), the SCIM settings that map provisioned users to
 * records, and resync jobs.
 */
export class Migration20261204200000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      create table applications (
        organization_id uuid not null references organizations (id) on delete cascade,
        id uuid not null,
        name text not null,
        archived_at timestamptz,
        version integer not null default 1,
        created_at timestamptz not null,
        updated_at timestamptz not null,
        primary key (organization_id, id)
      );`);
    this.addSql(`create unique index applications_name_unique
      on applications (organization_id, lower(name));`);
    this.addSql(
      'create index applications_created_at on applications (organization_id, created_at, id);',
    );

    const types = FIELD_TYPES.map((type) => `'${type}'`).join(', ');
    this.addSql(`
      create table application_fields (
        organization_id uuid not null,
        application_id uuid not null,
        id uuid not null,
        key text not null,
        name text not null,
        type text not null check (type in (${types})),
        choices jsonb not null default '[]',
        position integer not null,
        created_at timestamptz not null,
        updated_at timestamptz not null,
        primary key (organization_id, id),
        foreign key (organization_id, application_id)
          references applications (organization_id, id) on delete cascade
      );`);
    this.addSql(`create unique index application_fields_key_unique
      on application_fields (organization_id, application_id, key);`);

    // Records are read by linked user during sync, and filtered on field values with jsonb
    // containment (@>), which the jsonb_path_ops GIN index answers.
    this.addSql(`
      create table application_records (
        organization_id uuid not null,
        application_id uuid not null,
        id uuid not null,
        user_id uuid,
        field_values jsonb not null default '{}',
        archived_at timestamptz,
        version integer not null default 1,
        created_at timestamptz not null,
        updated_at timestamptz not null,
        primary key (organization_id, id),
        foreign key (organization_id, application_id)
          references applications (organization_id, id) on delete cascade
      );`);
    this.addSql(`create unique index application_records_user_unique
      on application_records (organization_id, application_id, user_id);`);
    this.addSql(`create index application_records_created_at
      on application_records (organization_id, application_id, created_at, id);`);
    this.addSql(`create index application_records_values
      on application_records using gin (field_values jsonb_path_ops) with (fastupdate = off);`);

    this.addSql(`
      create table scim_settings (
        organization_id uuid primary key references organizations (id) on delete cascade,
        target_application_id uuid,
        mappings jsonb not null default '[]',
        deprovision_action text not null default 'ARCHIVE'
          check (deprovision_action in ('SET_STATUS', 'ARCHIVE', 'DELETE')),
        status_field text,
        active_status text,
        inactive_status text,
        deleted_status text,
        resync_recommended boolean not null default false,
        version integer not null default 1,
        updated_at timestamptz not null
      );`);

    this.addSql(`
      create table scim_resync_jobs (
        organization_id uuid not null references organizations (id) on delete cascade,
        id uuid not null,
        application_id uuid not null,
        status text not null check (status in ('RUNNING', 'COMPLETED', 'CANCELLED', 'FAILED')),
        total integer not null,
        processed integer not null default 0,
        warnings integer not null default 0,
        last_user_id uuid,
        last_error text,
        created_at timestamptz not null,
        updated_at timestamptz not null,
        finished_at timestamptz,
        primary key (organization_id, id)
      );`);
    this.addSql(`create index scim_resync_jobs_running
      on scim_resync_jobs (created_at) where status = 'RUNNING';`);
    this.addSql(`create index scim_resync_jobs_created_at
      on scim_resync_jobs (organization_id, created_at, id);`);
  }
}
