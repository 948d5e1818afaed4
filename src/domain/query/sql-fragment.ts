/** A piece of SQL with `?` placeholders and the values that fill them, in order. */
export interface SqlFragment {
  sql: string;
  params: unknown[];
}

export const TRUE_SQL: SqlFragment = { sql: '(1 = 1)', params: [] };
export const FALSE_SQL: SqlFragment = { sql: '(1 = 0)', params: [] };

export function fragment(sql: string, ...params: unknown[]): SqlFragment {
  return { sql, params };
}

/** Joins fragments with a keyword (`and`, `or`), in parentheses. */
export function join(keyword: 'and' | 'or', parts: SqlFragment[]): SqlFragment {
  return {
    sql: `(${parts.map((part) => part.sql).join(` ${keyword} `)})`,
    params: parts.flatMap((part) => part.params),
  };
}

export function negate(part: SqlFragment): SqlFragment {
  return { sql: `(not coalesce(${part.sql}, false))`, params: part.params };
}

/** Escapes `%`, `_` and `\` for a LIKE pattern that uses `escape '\'`. */
export function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, (character) => `\\${character}`);
}
