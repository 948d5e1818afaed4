import { attribute, multiValuedAttribute } from './attribute';
import type { SchemaDefinition } from './types';
import { USER_SCHEMA } from './urns';

const NAME_PARTS: [string, string][] = [
  ['formatted', 'The full name, formatted for display.'],
  ['familyName', 'The family name, or last name in most Western languages.'],
  ['givenName', 'The given name, or first name in most Western languages.'],
  ['middleName', 'The middle name(s).'],
  ['honorificPrefix', 'The honorific prefix(es), or title, such as "Ms.".'],
  ['honorificSuffix', 'The honorific suffix(es), such as "III".'],
];

const ADDRESS_PARTS: [string, string][] = [
  ['formatted', 'The full mailing address, formatted for display.'],
  ['streetAddress', 'The street address: house number, street name, P.O. box.'],
  ['locality', 'The city or locality.'],
  ['region', 'The state or region.'],
  ['postalCode', 'The zip code or postal code.'],
  ['country', 'The country name, as an ISO 3166-1 alpha-2 code.'],
];

/** The core User schema of RFC 7643 §4.1, as Roster supports it. */
export const USER_SCHEMA_DEFINITION: SchemaDefinition = {
  id: USER_SCHEMA,
  name: 'User',
  description: 'User Account',
  attributes: [
    attribute('userName', 'string', 'Unique identifier for the user, used to sign in.', {
      required: true,
      uniqueness: 'server',
    }),
    attribute('name', 'complex', "The components of the user's name.", {
      subAttributes: NAME_PARTS.map(([name, text]) => attribute(name, 'string', text)),
    }),
    attribute('displayName', 'string', 'The name of the user, suitable for display.'),
    attribute('nickName', 'string', 'The casual way to address the user.'),
    attribute('profileUrl', 'reference', "A URI of the user's online profile.", {
      referenceTypes: ['external'],
    }),
    attribute('title', 'string', 'The user\'s title, such as "Vice President".'),
    attribute('userType', 'string', 'The relationship to the organization, such as "Employee".'),
    attribute('preferredLanguage', 'string', 'Preferred written or spoken language.'),
    attribute('locale', 'string', 'Default location for localizing dates, currency and so on.'),
    attribute('timezone', 'string', "The user's time zone in IANA format."),
    attribute('active', 'boolean', "The user's administrative status."),
    attribute('password', 'string', 'The clear-text password, accepted on write only.', {
      mutability: 'writeOnly',
      returned: 'never',
    }),
    multiValuedAttribute('emails', 'Email addresses for the user.', {
      types: ['work', 'home', 'other'],
    }),
    multiValuedAttribute('phoneNumbers', 'Phone numbers for the user.', {
      types: ['work', 'home', 'mobile', 'fax', 'pager', 'other'],
    }),
    multiValuedAttribute('ims', 'Instant messaging addresses for the user.', {
      types: ['aim', 'gtalk', 'icq', 'xmpp', 'msn', 'skype', 'qq', 'yahoo'],
    }),
    multiValuedAttribute('photos', 'URLs of photos of the user.', {
      valueType: 'reference',
      referenceTypes: ['external'],
      types: ['photo', 'thumbnail'],
    }),
    attribute('addresses', 'complex', 'Physical mailing addresses for the user.', {
      multiValued: true,
      subAttributes: [
        ...ADDRESS_PARTS.map(([name, text]) => attribute(name, 'string', text)),
        attribute('type', 'string', 'The kind of address.', {
          canonicalValues: ['work', 'home', 'other'],
        }),
        attribute('primary', 'boolean', 'Whether this is the preferred address.'),
      ],
    }),
    attribute('groups', 'complex', 'Groups the user belongs to, directly or not.', {
      multiValued: true,
      mutability: 'readOnly',
      subAttributes: [
        attribute('value', 'string', 'The id of the group.', { mutability: 'readOnly' }),
        attribute('$ref', 'reference', 'The URI of the group.', {
          mutability: 'readOnly',
          referenceTypes: ['Group'],
        }),
        attribute('display', 'string', "The group's displayName.", { mutability: 'readOnly' }),
        attribute('type', 'string', 'direct or indirect.', {
          mutability: 'readOnly',
          canonicalValues: ['direct', 'indirect'],
        }),
      ],
    }),
    multiValuedAttribute('entitlements', 'Entitlements of the user.'),
    multiValuedAttribute('roles', 'Roles of the user.'),
    multiValuedAttribute('x509Certificates', 'Certificates issued to the user.', {
      valueType: 'binary',
    }),
  ],
};
