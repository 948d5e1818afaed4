import type { UserView } from '../../domain/users/user-view';
import { renderUserResource } from '../../domain/users/user-view';
import type { MultiValue } from '../../entities/user.entity';
import type { AddressType, MultiValueType } from '../types/multi-value.type';
import { UserRoleEnum, type UserType } from '../types/user.type';

function multiValues(values: MultiValue[]): MultiValueType[] {
  return values.map((value) => ({
    value: stringOrUndefined(value.value),
    display: stringOrUndefined(value.display),
    type: stringOrUndefined(value.type),
    primary: value.primary === true,
  }));
}

function addresses(values: MultiValue[]): AddressType[] {
  return values.map((value) => ({
    formatted: stringOrUndefined(value.formatted),
    streetAddress: stringOrUndefined(value.streetAddress),
    locality: stringOrUndefined(value.locality),
    region: stringOrUndefined(value.region),
    postalCode: stringOrUndefined(value.postalCode),
    country: stringOrUndefined(value.country),
    type: stringOrUndefined(value.type),
    primary: value.primary === true,
  }));
}

function stringOrUndefined(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

/** Maps a domain user view onto the GraphQL User type. */
export function toUserType(view: UserView, publicUrl: string): UserType {
  const { user } = view;
  const name = {
    formatted: user.nameFormatted ?? undefined,
    familyName: user.nameFamilyName ?? undefined,
    givenName: user.nameGivenName ?? undefined,
    middleName: user.nameMiddleName ?? undefined,
    honorificPrefix: user.nameHonorificPrefix ?? undefined,
    honorificSuffix: user.nameHonorificSuffix ?? undefined,
  };
  const hasName = Object.values(name).some((part) => part !== undefined);

  return {
    id: user.id,
    userName: user.userName,
    externalId: user.externalId,
    displayName: user.displayName,
    name: hasName ? name : undefined,
    nickName: user.nickName,
    profileUrl: user.profileUrl,
    title: user.title,
    userType: user.userType,
    preferredLanguage: user.preferredLanguage,
    locale: user.locale,
    timezone: user.timezone,
    active: user.active,
    emails: multiValues(user.emails),
    phoneNumbers: multiValues(user.phoneNumbers),
    ims: multiValues(user.ims),
    photos: multiValues(user.photos),
    addresses: addresses(user.addresses),
    entitlements: multiValues(user.entitlements),
    roles: multiValues(user.roles),
    x509Certificates: multiValues(user.x509Certificates),
    enterprise: {
      employeeNumber: user.employeeNumber ?? undefined,
      costCenter: user.costCenter ?? undefined,
      organization: user.enterpriseOrganization ?? undefined,
      division: user.division ?? undefined,
      department: user.department ?? undefined,
      manager: view.manager,
    },
    extensions: user.extensions,
    role: user.role === 'ADMIN' ? UserRoleEnum.ADMIN : UserRoleEnum.MEMBER,
    groups: view.groups,
    meta: view.meta,
    scim: renderUserResource(view, publicUrl),
  };
}
