import { Migration } from '@mikro-orm/migrations';

/** The audit trail of administrative changes and sign-ins. */
export class Migration20261204100100 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      create table audit_events (
        organization_id uuid not null references organizations (id) on delete cascade,
        id uuid not null,
        occurred_at timestamptz not null,
        action text not null,
        actor_via text not null,
        actor_user_id uuid,
        actor_token_id uuid,
        target_type text not null,
        target_id text,
        request_id text,
        detail jsonb not null default '{}',
        primary key (organization_id, id)
      );`);
    this.addSql(
      'create index audit_events_occurred_at on audit_events (organization_id, occurred_at, id);',
    );
    this.addSql(
      `create index audit_events_action
         on audit_events (organization_id, action, occurred_at, id);`,
    );
  }
}
