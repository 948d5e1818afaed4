import type { FilterValue } from './ast';
import { quote, type ParseSource } from './errors';
import type { Token } from './lexer';

/** `number` of RFC 8259 §6. */
const JSON_NUMBER = /^-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][-+]?[0-9]+)?$/;

/** Start of a word meant as a number: a sign, a digit or a dot. */
const NUMBER_START = /^[-+0-9.]/;

const KEYWORDS: Readonly<Record<string, FilterValue>> = { true: true, false: false, null: null };

/**
 * Reads `compValue` (RFC 7644 §3.4.2.2): a JSON string, number, `true`, `false` or `null`. The
 * three keywords are case-insensitive like the rest of the filter.
 */
export function readValue(token: Token, operator: Token, source: ParseSource): FilterValue {
  if (token.kind === 'string') {
    return token.value;
  }

  const where = `after ${quote(operator.text)} at position ${token.start}`;
  if (token.kind === 'word') {
    const keyword = token.text.toLowerCase();
    if (Object.hasOwn(KEYWORDS, keyword)) {
      return KEYWORDS[keyword];
    }

    if (NUMBER_START.test(token.text)) {
      return readNumber(token, where, source);
    }
  }

  if (token.kind === 'word' || token.kind === 'invalid') {
    source.fail(
      `expected a value ${where}, found ${quote(token.text)}; put text in double quotes ` +
        `(${JSON.stringify(token.text)}), or write a number, true, false or null`,
      token.start,
      token.text,
    );
  }

  const found = token.kind === 'end' ? `the end of the ${source.subject}` : quote(token.text);

  return source.fail(
    `expected a value ${where}, found ${found}; a value is a string in double quotes, ` +
      'a number, true, false or null',
    token.start,
    token.text,
  );
}

function readNumber(token: Token, where: string, source: ParseSource): number {
  if (!JSON_NUMBER.test(token.text)) {
    source.fail(
      `invalid number ${quote(token.text)} ${where}; write a JSON number such as -1, 2.5 or ` +
        `1e3, or put text in double quotes (${JSON.stringify(token.text)})`,
      token.start,
      token.text,
    );
  }

  const value = Number(token.text);
  if (!Number.isFinite(value)) {
    source.fail(
      `number ${quote(token.text)} ${where} is too large; the maximum is about 1.8e308`,
      token.start,
      token.text,
    );
  }

  return value;
}
