import { Migration } from '@mikro-orm/migrations';

/** SAML single sign-on settings: at most one integration per organization. */
export class Migration20261204100200 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      create table saml_integrations (
        organization_id uuid not null references organizations (id) on delete cascade,
        id uuid not null,
        name text not null,
        description text,
        enabled boolean not null default false,
        idp_entity_id text,
        idp_sign_on_url text,
        idp_logout_url text,
        idp_certificate text,
        idp_next_certificate text,
        attribute_mapping jsonb not null default '[]',
        created_at timestamptz not null,
        updated_at timestamptz not null,
        primary key (organization_id, id)
      );`);
    this.addSql(
      'create unique index saml_integrations_organization on saml_integrations (organization_id);',
    );
  }
}
