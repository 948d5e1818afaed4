import { Migration } from '@mikro-orm/migrations';

/** Sign-in sessions of the admin console, and the forced change of a one-time password. */
export class Migration20261204100000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      'alter table users add column password_change_required boolean not null default false;',
    );

    this.addSql(`
      create table sessions (
        organization_id uuid not null,
        id uuid not null,
        user_id uuid not null,
        secret_hash text not null,
        method text not null check (method in ('PASSWORD', 'SAML')),
        created_at timestamptz not null,
        last_seen_at timestamptz not null,
        expires_at timestamptz not null,
        primary key (organization_id, id),
        foreign key (organization_id, user_id)
          references users (organization_id, id) on delete cascade
      );`);
    // The cookie carries only the secret, so authentication finds a session by its hash before
    // the organization is known; this index cannot lead with organization_id (as api_tokens).
    this.addSql('create unique index sessions_secret_hash_unique on sessions (secret_hash);');
    this.addSql('create index sessions_user on sessions (organization_id, user_id);');
  }
}
