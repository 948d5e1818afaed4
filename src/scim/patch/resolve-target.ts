import {
  parseAttributePath,
  parsePatchPath,
  ScimSyntaxError,
  type AttributePath,
  type PatchPath,
  type ValueFilter,
} from '../filter';
import {
  CUSTOM_USER_EXTENSION_PATTERN,
  ScimInputError,
  type AttributeDefinition,
  type ResourceTypeName,
  type SchemaDefinition,
  type SchemaRegistry,
} from '../schemas';
import { describeValue, invalidPathSyntax } from './patch-errors';

export interface TargetContext {
  readonly registry: SchemaRegistry;
  readonly resourceType: ResourceTypeName;
  readonly acceptUndeclaredExtensions: boolean;
}

/** An attribute the schemas define, optionally narrowed by a value filter or sub-attribute. */
export interface AttributeTarget {
  readonly kind: 'attribute';
  /** Canonical URN of the extension holding the attribute; undefined for core attributes. */
  readonly extension?: string;
  readonly attribute: AttributeDefinition;
  readonly subAttribute?: AttributeDefinition;
  readonly filter?: ValueFilter;
  /** Canonical attribute path, such as `name.givenName`, used in messages and coercion. */
  readonly canonicalPath: string;
  /** The path as the client wrote it. */
  readonly path: string;
}

/** A whole schema named by its URN: the core schema or one extension. */
export interface SchemaTarget {
  readonly kind: 'schema';
  readonly urn: string;
  /** The declared schema; undefined for an undeclared custom extension. */
  readonly schema?: SchemaDefinition;
  readonly core: boolean;
  readonly path: string;
}

/**
 * An attribute that the organization has not declared, in a custom User extension that may
 * have other, declared attributes.
 */
export interface UndeclaredTarget {
  readonly kind: 'undeclared';
  readonly urn: string;
  readonly name: string;
  readonly path: string;
}

export type PatchTarget = AttributeTarget | SchemaTarget | UndeclaredTarget;

/**
 * Resolves the `path` of an operation (RFC 7644 §3.5.2): an attribute path, a value-filtered
 * path such as `emails[type eq "work"].value`, or a schema URN naming a whole extension.
 */
export function resolvePatchPath(text: string, context: TargetContext): PatchTarget {
  let parsed: PatchPath;
  try {
    parsed = parsePatchPath(text);
  } catch (error) {
    throw error instanceof ScimSyntaxError ? invalidPathSyntax(text, error) : error;
  }

  if (parsed.kind === 'attribute') {
    return resolveAttributePath(parsed.path, text, context);
  }

  const target = resolveAttributePath(parsed.path, text, context);
  if (target.kind !== 'attribute' || !target.attribute.multiValued) {
    throw new ScimInputError(
      'invalidPath',
      `${describeValue(text)} puts a value filter on '${parsed.path.name}', which is not ` +
        'multi-valued; value filters select values of multi-valued attributes such as emails',
      text,
    );
  }

  if (parsed.subAttribute === undefined) {
    return { ...target, filter: parsed.filter };
  }

  const subAttribute = findSubAttribute(target.attribute, parsed.subAttribute, text);
  return {
    ...target,
    filter: parsed.filter,
    subAttribute,
    canonicalPath: `${target.canonicalPath}.${subAttribute.name}`,
  };
}

/**
 * Resolves a key of the value object of an operation without a path: an attribute path such
 * as `name.givenName` or `urn:…:enterprise:2.0:User:employeeNumber`, or a schema URN whose
 * value contains that schema's attributes.
 */
export function resolveValueKey(key: string, context: TargetContext): PatchTarget {
  const schema = resolveSchemaUrn(key, key, context);
  if (schema) {
    return schema;
  }

  let parsed: AttributePath;
  try {
    parsed = parseAttributePath(key);
  } catch (error) {
    throw error instanceof ScimSyntaxError ? invalidPathSyntax(key, error) : error;
  }

  return resolveAttributePath(parsed, key, context);
}

function resolveAttributePath(
  path: AttributePath,
  text: string,
  context: TargetContext,
): PatchTarget {
  // A bare extension URN parses as schema `…:2.0` plus name `User` (see AttributeRef).
  if (path.schema !== undefined && path.subAttribute === undefined) {
    const schema = resolveSchemaUrn(`${path.schema}:${path.name}`, text, context);
    if (schema) {
      return schema;
    }
  }

  const resolved = context.registry.resolve(context.resourceType, path);
  if (resolved) {
    return {
      kind: 'attribute',
      ...(resolved.inExtension ? { extension: resolved.schema!.id } : {}),
      attribute: resolved.attribute,
      ...(resolved.subAttribute ? { subAttribute: resolved.subAttribute } : {}),
      canonicalPath: resolved.path,
      path: text,
    };
  }

  const parent = context.registry.resolve(context.resourceType, {
    ...path,
    subAttribute: undefined,
  });
  if (!parent && path.schema !== undefined && isCustomExtension(path.schema, context)) {
    return resolveUndeclared(path, path.schema, text, context);
  }

  if (parent && path.subAttribute !== undefined) {
    findSubAttribute(parent.attribute, path.subAttribute, text);
  }

  throw new ScimInputError(
    'invalidPath',
    `attribute ${describeValue(text)} is not defined in the ${context.resourceType} schemas; ` +
      'use an attribute listed by GET /Schemas',
    text,
  );
}

function resolveSchemaUrn(
  urn: string,
  text: string,
  context: TargetContext,
): SchemaTarget | undefined {
  const core = context.registry.coreSchema(context.resourceType);
  if (core.id.toLowerCase() === urn.toLowerCase()) {
    return { kind: 'schema', urn: core.id, schema: core, core: true, path: text };
  }

  const extension = context.registry.extensionSchema(context.resourceType, urn);
  if (extension) {
    return { kind: 'schema', urn: extension.id, schema: extension, core: false, path: text };
  }

  if (!isUndeclaredExtension(urn, context)) {
    return undefined;
  }

  checkUndeclaredAccepted(urn, text, context);
  return { kind: 'schema', urn, core: false, path: text };
}

function resolveUndeclared(
  path: AttributePath,
  urn: string,
  text: string,
  context: TargetContext,
): UndeclaredTarget {
  checkUndeclaredAccepted(urn, text, context);

  if (path.subAttribute !== undefined) {
    throw new ScimInputError(
      'invalidPath',
      `${describeValue(text)} names a sub-attribute, but attributes of the undeclared ` +
        `extension '${urn}' are simple values; write ${urn}:${path.name}`,
      text,
    );
  }

  return { kind: 'undeclared', urn, name: path.name, path: text };
}

/** Checks whether `urn` names a custom User extension, declared or not. */
function isCustomExtension(urn: string, context: TargetContext): boolean {
  return context.resourceType === 'User' && CUSTOM_USER_EXTENSION_PATTERN.test(urn);
}

/** Checks whether `urn` names a custom User extension that the registry does not declare. */
function isUndeclaredExtension(urn: string, context: TargetContext): boolean {
  return (
    isCustomExtension(urn, context) && !context.registry.extensionSchema(context.resourceType, urn)
  );
}

function checkUndeclaredAccepted(urn: string, text: string, context: TargetContext): void {
  if (context.acceptUndeclaredExtensions) {
    return;
  }

  const declared = context.registry.extensionSchema(context.resourceType, urn) !== undefined;
  throw new ScimInputError(
    'invalidPath',
    declared
      ? `${describeValue(text)} is not an attribute of the extension schema '${urn}'; ` +
          'declare it in the SCIM settings first'
      : `${describeValue(text)} uses the extension schema '${urn}', which is not declared for ` +
          'this organization; declare its attributes in the SCIM settings first',
    text,
  );
}

function findSubAttribute(
  attribute: AttributeDefinition,
  name: string,
  path: string,
): AttributeDefinition {
  const subAttributes = attribute.subAttributes ?? [];
  const found = subAttributes.find(
    (candidate) => candidate.name.toLowerCase() === name.toLowerCase(),
  );
  if (found) {
    return found;
  }

  const known =
    subAttributes.length === 0
      ? `'${attribute.name}' has no sub-attributes`
      : `its sub-attributes are ${subAttributes.map((candidate) => candidate.name).join(', ')}`;
  throw new ScimInputError(
    'invalidPath',
    `${describeValue(path)} names '${name}', which is not a sub-attribute of ` +
      `'${attribute.name}'; ${known}`,
    path,
  );
}
