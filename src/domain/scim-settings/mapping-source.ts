import { compileValueFilter, type CompiledValueFilter } from '../../scim/patch';
import { findKey } from '../../scim/patch/document-access';
import { resolvePatchPath, type AttributeTarget } from '../../scim/patch/resolve-target';
import {
  ENTERPRISE_USER_SCHEMA,
  isScimObject,
  ScimInputError,
  type AttributeType,
  type SchemaRegistry,
  type ScimObject,
  type ScimPrimitive,
  type ScimValue,
} from '../../scim/schemas';

/** What a mapping source yields, which decides the fields it may fill. */
export type SourceKind = Exclude<AttributeType, 'complex'> | 'user' | 'groups';

/** The parts of a user that mapping sources read. */
export interface SourceInput {
  userId: string;
  /** The canonical SCIM document of the user. */
  document: ScimObject;
  /** Display names of the user's groups, direct and nested. */
  groupNames: string[];
}

/** A mapping source checked against the schemas, ready to read users. */
export interface MappingSource {
  /** The path as the admin wrote it. */
  path: string;
  kind: SourceKind;
  /** Whether the source can yield more than one value, such as emails.value or groups. */
  multiValued: boolean;
  /** Returns the source's values for a user, the primary one first; empty when it has none. */
  read(input: SourceInput): ScimPrimitive[];
}

/** A source path that names no attribute a user mapping can read. */
export class MappingSourceError extends Error {
  override name = 'MappingSourceError';
}

/**
 * Resolves a mapping source such as `userName`, `name.givenName`, `emails[type eq "work"].value`,
 * `urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager` or `groups` against the
 * organization's User schemas. Attributes of custom extensions that the organization has not
 * declared are read as strings, because Roster stores their simple values as strings.
 *
 * @throws MappingSourceError with a message that completes "source '<path>' …".
 */
export function resolveMappingSource(text: string, registry: SchemaRegistry): MappingSource {
  const path = text.trim();
  const lower = path.toLowerCase();

  if (lower === 'groups' || lower === 'groups.display') {
    return { path, kind: 'groups', multiValued: true, read: (input) => input.groupNames };
  }
  if (lower === 'id') {
    return { path, kind: 'user', multiValued: false, read: (input) => [input.userId] };
  }

  let target;
  try {
    target = resolvePatchPath(path, {
      registry,
      resourceType: 'User',
      acceptUndeclaredExtensions: true,
    });
  } catch (error) {
    if (error instanceof ScimInputError) {
      throw new MappingSourceError(error.message);
    }
    throw error;
  }

  if (target.kind === 'schema') {
    throw new MappingSourceError(
      `names the whole schema '${target.urn}'; map one of its attributes, as in ${target.urn}:name`,
    );
  }
  if (target.kind === 'undeclared') {
    const { urn, name } = target;
    return {
      path,
      kind: 'string',
      multiValued: false,
      read: (input) => primitives(readIn(input.document, urn, name)),
    };
  }

  return attributeSource(path, target);
}

function attributeSource(path: string, target: AttributeTarget): MappingSource {
  const { attribute, extension } = target;
  const topName = attribute.name;

  if (topName === 'meta' || topName === 'groups' || attribute.returned === 'never') {
    throw new MappingSourceError(`'${target.canonicalPath}' is not stored with the user`);
  }
  if (extension === ENTERPRISE_USER_SCHEMA && topName === 'manager') {
    const sub = target.subAttribute?.name;
    if (sub !== undefined && sub !== 'value') {
      throw new MappingSourceError(
        "only manager or manager.value can be mapped, as the manager's id",
      );
    }
    return {
      path,
      kind: 'user',
      multiValued: false,
      read: (input) => primitives(subValue(readIn(input.document, extension, 'manager'), 'value')),
    };
  }

  const filter = target.filter
    ? compileValueFilter(target.filter, attribute, target.canonicalPath)
    : undefined;
  let sub = target.subAttribute;

  if (attribute.type === 'complex' && sub === undefined) {
    sub = attribute.multiValued
      ? attribute.subAttributes?.find((candidate) => candidate.name === 'value')
      : undefined;
    if (!sub) {
      throw new MappingSourceError(
        `'${target.canonicalPath}' is complex; map one of its sub-attributes: ` +
          (attribute.subAttributes ?? []).map((candidate) => candidate.name).join(', '),
      );
    }
  }

  const kind = (sub ?? attribute).type as SourceKind;
  const subName = sub?.name;

  return {
    path,
    kind,
    multiValued: attribute.multiValued,
    read: (input) => {
      const value = readIn(input.document, extension, topName);
      if (!attribute.multiValued) {
        return primitives(subName === undefined ? value : subValue(value, subName));
      }
      return elementValues(value, filter, subName);
    },
  };
}

/** Reads an attribute at the top of the document or inside an extension, ignoring case. */
function readIn(document: ScimObject, extension: string | undefined, name: string): ScimValue {
  let container: ScimValue | undefined = document;
  if (extension !== undefined) {
    const key = findKey(document, extension);
    container = key === undefined ? undefined : document[key];
  }
  if (!isScimObject(container)) {
    return [];
  }

  const key = findKey(container, name);
  return key === undefined ? [] : container[key];
}

function subValue(value: ScimValue, name: string): ScimValue {
  if (!isScimObject(value)) {
    return [];
  }

  const key = findKey(value, name);
  return key === undefined ? [] : value[key];
}

/** Returns the matching elements' values, primary element first. */
function elementValues(
  value: ScimValue,
  filter: CompiledValueFilter | undefined,
  subName: string | undefined,
): ScimPrimitive[] {
  const elements = Array.isArray(value) ? value : [value];
  const matching = elements.filter((element) => !filter || filter.matches(element));
  const ordered = [
    ...matching.filter((element) => isScimObject(element) && element.primary === true),
    ...matching.filter((element) => !(isScimObject(element) && element.primary === true)),
  ];

  return ordered.flatMap((element) =>
    primitives(subName === undefined ? element : subValue(element, subName)),
  );
}

function primitives(value: ScimValue): ScimPrimitive[] {
  if (Array.isArray(value)) {
    return value.flatMap(primitives);
  }

  return isScimObject(value) ? [] : [value];
}
