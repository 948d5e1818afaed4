import type { AttributeDefinition } from '../../scim/schemas';
import type { ElementSource, SqlExpression } from './expressions';

/**
 * Elements of a multi-valued attribute stored as a JSON array in `column`: each sub-attribute
 * is a field of the element, typed by its definition.
 */
export function jsonElements(column: string, attribute: AttributeDefinition): ElementSource {
  return {
    from: `jsonb_array_elements(${column}) as element`,
    params: [],
    label: attribute.name,
    defaultSubAttribute: 'value',
    subAttribute: (name) => {
      const definition = attribute.subAttributes?.find(
        (sub) => sub.name.toLowerCase() === name.toLowerCase(),
      );
      if (!definition) {
        return undefined;
      }

      return jsonField('element', definition, `${attribute.name}.${definition.name}`);
    },
  };
}

/** A typed field of a JSON object: `element ->> 'type'`, cast for booleans and numbers. */
export function jsonField(
  objectSql: string,
  definition: AttributeDefinition,
  label: string,
  keyParams: unknown[] = [],
): SqlExpression {
  const text =
    keyParams.length > 0
      ? `(${objectSql} ->> ?)`
      : `(${objectSql} ->> '${definition.name.replace(/'/g, "''")}')`;
  const cast =
    definition.type === 'boolean'
      ? `${text}::boolean`
      : definition.type === 'integer' || definition.type === 'decimal'
        ? `${text}::numeric`
        : definition.type === 'dateTime'
          ? `${text}::timestamptz`
          : text;

  return {
    sql: cast,
    params: keyParams,
    type: definition.type,
    caseExact: definition.caseExact,
    label,
  };
}
