import { COMPARE_OPERATORS, type CompareOperator } from './ast';
import type { Token } from './lexer';

export const OPERATOR_LIST = 'operators are eq, ne, co, sw, ew, pr, gt, ge, lt, le';

export function isKeyword(token: Token | undefined, keyword: string): boolean {
  return token?.kind === 'word' && token.text.toLowerCase() === keyword;
}

export function isCompareOperator(word: string): word is CompareOperator {
  return (COMPARE_OPERATORS as readonly string[]).includes(word);
}

/** Tests whether `token`, after a word, makes that word an attribute path (`not pr`, `or eq 1`). */
export function startsAttributeExpression(token: Token): boolean {
  if (token.kind === '[') {
    return true;
  }

  const word = token.kind === 'word' ? token.text.toLowerCase() : '';

  return word === 'pr' || isCompareOperator(word);
}

/** Tests whether `token` looks like a comparison value: a string, number, true, false or null. */
export function isValueLike(token: Token): boolean {
  if (token.kind === 'string') {
    return true;
  }

  return token.kind === 'word' && /^([-+0-9.]|true$|false$|null$)/i.test(token.text);
}
