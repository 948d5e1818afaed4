import { Migration } from '@mikro-orm/migrations';

/** The provisioning log: one row per SCIM request, with what it changed. */
export class Migration20261204300000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      create table provisioning_events (
        organization_id uuid not null references organizations (id) on delete cascade,
        id uuid not null,
        occurred_at timestamptz not null,
        request_id text not null,
        token_id uuid,
        token_title text,
        user_agent text,
        method text not null,
        path text not null,
        query text,
        operation text not null,
        resource_type text,
        resource_id text,
        external_id text,
        resource_name text,
        status integer not null,
        outcome text not null,
        duration_ms double precision not null,
        changes jsonb not null default '[]',
        warnings jsonb not null default '[]',
        error jsonb,
        primary key (organization_id, id)
      );`);
    this.addSql(
      'create index provisioning_events_time on provisioning_events ' +
        '(organization_id, occurred_at desc, id desc);',
    );
    this.addSql(
      'create index provisioning_events_resource on provisioning_events ' +
        '(organization_id, resource_id, occurred_at desc);',
    );
    this.addSql('create index provisioning_events_retention on provisioning_events (occurred_at);');
  }
}
