import type { MultiValue, User } from '../../entities/user.entity';
import {
  CUSTOM_USER_EXTENSION_PATTERN,
  ENTERPRISE_USER_SCHEMA,
  isScimObject,
  type ScimObject,
} from '../../scim/schemas';
import {
  ENTERPRISE_STRING_ATTRIBUTES,
  USER_MULTI_VALUED_ATTRIBUTES,
  USER_NAME_PARTS,
  USER_STRING_ATTRIBUTES,
} from './user-fields';

/**
 * The user as a canonical SCIM document: core attributes, then the enterprise extension and
 * custom extensions under their schema URNs. It has no id, meta, groups or password: the
 * renderer adds the first three, and the password is never returned.
 */
export function userToDocument(user: User): ScimObject {
  const document: ScimObject = {};

  for (const attribute of USER_STRING_ATTRIBUTES) {
    const value = user[attribute];
    if (value !== null && value !== undefined) {
      document[attribute] = value;
    }
  }

  const name: ScimObject = {};
  for (const [part, property] of Object.entries(USER_NAME_PARTS)) {
    const value = user[property];
    if (value !== null && value !== undefined) {
      name[part] = value;
    }
  }
  if (Object.keys(name).length > 0) {
    document.name = name;
  }

  document.active = user.active;

  for (const attribute of USER_MULTI_VALUED_ATTRIBUTES) {
    const values = user[attribute];
    if (values.length > 0) {
      document[attribute] = values.map((value) => ({ ...value }));
    }
  }

  const enterprise: ScimObject = {};
  for (const [name, property] of Object.entries(ENTERPRISE_STRING_ATTRIBUTES)) {
    const value = user[property];
    if (value !== null && value !== undefined) {
      enterprise[name] = value;
    }
  }
  if (user.managerId) {
    enterprise.manager = { value: user.managerId };
  }
  if (Object.keys(enterprise).length > 0) {
    document[ENTERPRISE_USER_SCHEMA] = enterprise;
  }

  for (const [urn, values] of Object.entries(user.extensions)) {
    if (Object.keys(values).length > 0) {
      document[urn] = structuredClone(values) as ScimObject;
    }
  }

  return document;
}

/**
 * Writes a canonical document into the entity with replace semantics: attributes missing from
 * the document are cleared (RFC 7644 §3.5.1). A missing `active` means active, because
 * clearing it must not lock a user out. Passwords are handled by the caller.
 */
export function applyDocumentToUser(user: User, document: ScimObject): void {
  for (const attribute of USER_STRING_ATTRIBUTES) {
    const value = document[attribute];
    if (attribute === 'userName') {
      user.userName = String(value);
      continue;
    }
    user[attribute] = typeof value === 'string' ? value : null;
  }

  const name = isScimObject(document.name) ? document.name : {};
  for (const [part, property] of Object.entries(USER_NAME_PARTS)) {
    const value = name[part];
    user[property] = typeof value === 'string' ? value : null;
  }

  user.active = typeof document.active === 'boolean' ? document.active : true;

  for (const attribute of USER_MULTI_VALUED_ATTRIBUTES) {
    const values = document[attribute];
    user[attribute] = Array.isArray(values) ? (values.filter(isScimObject) as MultiValue[]) : [];
  }

  const enterprise = isScimObject(document[ENTERPRISE_USER_SCHEMA])
    ? (document[ENTERPRISE_USER_SCHEMA] as ScimObject)
    : {};
  for (const [attributeName, property] of Object.entries(ENTERPRISE_STRING_ATTRIBUTES)) {
    const value = enterprise[attributeName];
    user[property] = typeof value === 'string' ? value : null;
  }
  const manager = enterprise.manager;
  user.managerId =
    isScimObject(manager) && typeof manager.value === 'string' ? manager.value : null;

  const extensions: User['extensions'] = {};
  for (const [key, value] of Object.entries(document)) {
    if (CUSTOM_USER_EXTENSION_PATTERN.test(key) && isScimObject(value)) {
      extensions[key] = structuredClone(value);
    }
  }
  user.extensions = extensions;
}
