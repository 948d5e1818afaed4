import { Migration } from '@mikro-orm/migrations';

/**
 * SAML sign-in: the integration's IdP-initiated and just-in-time switches, outstanding
 * AuthnRequest ids, assertion ids already used (the replay cache), and the NameID and
 * SessionIndex that a SAML session needs for its logout request.
 */
export class Migration20261204400000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      alter table saml_integrations
        add column allow_idp_initiated boolean not null default false,
        add column just_in_time_provisioning boolean not null default false;`);

    this.addSql(`
      create table saml_authn_requests (
        organization_id uuid not null references organizations (id) on delete cascade,
        id text not null,
        return_to text,
        created_at timestamptz not null,
        expires_at timestamptz not null,
        primary key (organization_id, id)
      );`);

    this.addSql(`
      create table saml_used_assertions (
        organization_id uuid not null references organizations (id) on delete cascade,
        assertion_id text not null,
        used_at timestamptz not null,
        expires_at timestamptz not null,
        primary key (organization_id, assertion_id)
      );`);

    this.addSql(`
      alter table sessions
        add column saml_name_id text,
        add column saml_name_id_format text,
        add column saml_session_index text;`);
  }
}
