import type { AttributePath } from '../../scim/filter';
import type { ElementSource, SqlExpression } from './expressions';

/** What a filter's attribute path refers to in SQL. */
export type FilterTarget =
  | { kind: 'scalar'; expression: SqlExpression }
  | { kind: 'elements'; source: ElementSource; subAttribute?: string }
  | { kind: 'complex'; label: string; parts: SqlExpression[] };

/** Resolves attribute paths of one resource type to SQL over its table alias. */
export interface FilterTargets {
  /** Table alias used in the generated SQL, e.g. `u`. */
  readonly alias: string;
  resolve(path: AttributePath): FilterTarget;
}

/** `attribute` or `urn:…:attribute`, for messages. */
export function describePath(path: AttributePath): string {
  const name = path.subAttribute ? `${path.name}.${path.subAttribute}` : path.name;
  return path.schema ? `${path.schema}:${name}` : name;
}
