import { attribute } from './attribute';
import type { AttributeType, SchemaDefinition } from './types';
import { CUSTOM_USER_EXTENSION_PATTERN } from './urns';

/** One attribute of a custom User extension as an organization declared it. */
export interface CustomAttributeDeclaration {
  readonly schemaUrn: string;
  readonly name: string;
  readonly type: Exclude<AttributeType, 'complex' | 'binary'>;
  readonly description: string;
  readonly required: boolean;
  readonly caseExact: boolean;
}

/**
 * RFC 7643 §2.1 ATTRNAME: a letter, then letters, digits, `-` or `_`. Names outside it cannot
 * appear in filters or PATCH paths.
 */
export const ATTRIBUTE_NAME_PATTERN = /^[A-Za-z][A-Za-z0-9_-]*$/;

/**
 * Builds one schema per custom User extension URN, in the order the URNs first appear. Every
 * declaration of a URN must spell it the same way; the first spelling names the schema.
 */
export function customExtensionSchemas(
  declarations: readonly CustomAttributeDeclaration[],
): SchemaDefinition[] {
  const byUrn = new Map<string, { id: string; declarations: CustomAttributeDeclaration[] }>();

  for (const declaration of declarations) {
    const key = declaration.schemaUrn.toLowerCase();
    const entry = byUrn.get(key) ?? { id: declaration.schemaUrn, declarations: [] };
    entry.declarations.push(declaration);
    byUrn.set(key, entry);
  }

  return [...byUrn.values()].map(({ id, declarations: members }) => {
    const name = CUSTOM_USER_EXTENSION_PATTERN.exec(id)?.[1] ?? id;

    return {
      id,
      name,
      description: `Custom User extension ${name}`,
      attributes: members.map((member) =>
        attribute(member.name, member.type, member.description, {
          required: member.required,
          caseExact: member.caseExact,
          ...(member.type === 'reference' ? { referenceTypes: ['external'] } : {}),
        }),
      ),
    };
  });
}
