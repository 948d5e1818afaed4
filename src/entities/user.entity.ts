import { Entity, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';

export type UserRole = 'ADMIN' | 'MEMBER';

/** One element of a SCIM multi-valued attribute (emails, phoneNumbers, addresses, …). */
export type MultiValue = Record<string, string | boolean>;

/** Custom extension values keyed by schema URN, then by attribute name. */
export type ExtensionValues = Record<string, Record<string, unknown>>;

/**
 * A person in an organization: SCIM core and enterprise attributes, custom extension values,
 * and the Roster role. Admins and provisioned users share this table.
 */
@Entity({ tableName: 'users' })
export class User {
  [OptionalProps]?:
    | 'active'
    | 'emails'
    | 'phoneNumbers'
    | 'ims'
    | 'photos'
    | 'addresses'
    | 'entitlements'
    | 'roles'
    | 'x509Certificates'
    | 'extensions'
    | 'role'
    | 'passwordChangeRequired'
    | 'version'
    | 'createdAt'
    | 'updatedAt';

  @PrimaryKey({ type: 'uuid' })
  organizationId!: string;

  @PrimaryKey({ type: 'uuid' })
  id!: string;

  @Property({ type: 'text' })
  userName!: string;

  @Property({ type: 'text', nullable: true })
  externalId?: string | null;

  @Property({ type: 'text', nullable: true })
  displayName?: string | null;

  @Property({ type: 'text', nullable: true })
  nickName?: string | null;

  @Property({ type: 'text', nullable: true })
  profileUrl?: string | null;

  @Property({ type: 'text', nullable: true })
  title?: string | null;

  @Property({ type: 'text', nullable: true })
  userType?: string | null;

  @Property({ type: 'text', nullable: true })
  preferredLanguage?: string | null;

  @Property({ type: 'text', nullable: true })
  locale?: string | null;

  @Property({ type: 'text', nullable: true })
  timezone?: string | null;

  @Property({ type: 'text', nullable: true })
  nameFormatted?: string | null;

  @Property({ type: 'text', nullable: true })
  nameFamilyName?: string | null;

  @Property({ type: 'text', nullable: true })
  nameGivenName?: string | null;

  @Property({ type: 'text', nullable: true })
  nameMiddleName?: string | null;

  @Property({ type: 'text', nullable: true })
  nameHonorificPrefix?: string | null;

  @Property({ type: 'text', nullable: true })
  nameHonorificSuffix?: string | null;

  @Property({ type: 'boolean' })
  active: boolean = true;

  @Property({ type: 'json' })
  emails: MultiValue[] = [];

  @Property({ type: 'json' })
  phoneNumbers: MultiValue[] = [];

  @Property({ type: 'json' })
  ims: MultiValue[] = [];

  @Property({ type: 'json' })
  photos: MultiValue[] = [];

  @Property({ type: 'json' })
  addresses: MultiValue[] = [];

  @Property({ type: 'json' })
  entitlements: MultiValue[] = [];

  @Property({ type: 'json' })
  roles: MultiValue[] = [];

  @Property({ type: 'json', fieldName: 'x509_certificates' })
  x509Certificates: MultiValue[] = [];

  /** argon2id hash of the local sign-in password or of a password sent by SCIM. */
  @Property({ type: 'text', nullable: true, hidden: true })
  passwordHash?: string | null;

  @Property({ type: 'text', nullable: true })
  employeeNumber?: string | null;

  @Property({ type: 'text', nullable: true })
  costCenter?: string | null;

  /** The enterprise extension's `organization` attribute (a company or unit name). */
  @Property({ type: 'text', nullable: true })
  enterpriseOrganization?: string | null;

  @Property({ type: 'text', nullable: true })
  division?: string | null;

  @Property({ type: 'text', nullable: true })
  department?: string | null;

  /** The manager's user id, in the same organization. */
  @Property({ type: 'uuid', nullable: true })
  managerId?: string | null;

  @Property({ type: 'json' })
  extensions: ExtensionValues = {};

  @Property({ type: 'text' })
  role: UserRole = 'MEMBER';

  /** Set for a one-time password: the admin must change it before doing anything else. */
  @Property({ type: 'boolean' })
  passwordChangeRequired: boolean = false;

  /** Increases by one on every change; rendered as the weak ETag `W/"<version>"`. */
  @Property({ type: 'integer' })
  version: number = 1;

  @Property({ type: 'timestamptz' })
  createdAt: Date = new Date();

  @Property({ type: 'timestamptz' })
  updatedAt: Date = new Date();
}
