import { Migration } from '@mikro-orm/migrations';

/** Bearer tokens for SCIM clients and GraphQL integrators. */
export class Migration20261204000100 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      create table api_tokens (
        organization_id uuid not null,
        id uuid not null,
        user_id uuid not null,
        title text not null,
        description text,
        scope text not null check (scope in ('SCIM', 'API')),
        display_prefix text not null,
        secret_hash text not null,
        created_by_user_id uuid,
        created_at timestamptz not null,
        expires_at timestamptz,
        revoked_at timestamptz,
        last_used_at timestamptz,
        primary key (organization_id, id),
        foreign key (organization_id, user_id)
          references users (organization_id, id) on delete cascade
      );`);
    // Authentication finds a token by its hash before the organization is known, so this index
    // does not lead with organization_id. On Citus the table is small enough to be a reference
    // table, which allows it.
    this.addSql('create unique index api_tokens_secret_hash_unique on api_tokens (secret_hash);');
    this.addSql('create index api_tokens_user on api_tokens (organization_id, user_id);');
  }
}
