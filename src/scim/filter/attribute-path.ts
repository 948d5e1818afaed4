import type { AttributePath } from './ast';
import { quote, type ParseSource } from './errors';
import type { Token } from './lexer';

/**
 * `ATTRNAME` of RFC 7643 §2.1: a letter, then letters, digits, `-`, `_` or `$`. A leading `$` is
 * accepted too, because the RFC 7643 schemas name sub-attributes `$ref`.
 */
const ATTRIBUTE_NAME = /^\$?[A-Za-z][A-Za-z0-9_$-]*$/;

/** A schema URN such as `urn:ietf:params:scim:schemas:core:2.0:User`. */
const SCHEMA_URN = /^[A-Za-z][A-Za-z0-9+.-]*(:[A-Za-z0-9._-]+)+$/;

const NAME_RULE = "a name starts with a letter and contains only letters, digits, '-', '_' and '$'";

/**
 * Reads `[URI ":"] ATTRNAME *1subAttr` (RFC 7644 §3.4.2.2) from a word token. The schema URN is
 * everything before the last `:`, so the dots of `…:2.0:User:name.givenName` stay in the URN.
 */
export function readAttributePath(token: Token, source: ParseSource): AttributePath {
  const word = token.text;
  const colon = word.lastIndexOf(':');
  const schema = colon < 0 ? undefined : word.slice(0, colon);
  const namesStart = colon + 1;

  if (schema !== undefined && !SCHEMA_URN.test(schema)) {
    source.fail(
      `invalid schema URN ${quote(schema)} in attribute path ${quote(word)} at position ` +
        `${token.start}; write a URN such as urn:ietf:params:scim:schemas:core:2.0:User`,
      token.start,
      schema,
    );
  }

  const names = word.slice(namesStart).split('.');
  let offset = namesStart;
  for (const name of names) {
    checkName(name, token, offset, source);
    offset += name.length + 1;
  }

  if (names.length > 2) {
    source.fail(
      `attribute path ${quote(word)} at position ${token.start} has more than one ` +
        'sub-attribute; a path names an attribute and at most one sub-attribute, as in ' +
        'name.givenName',
      token.start,
      word,
    );
  }

  const [name, subAttribute] = names;
  const path: AttributePath = schema === undefined ? { name } : { schema, name };

  return subAttribute === undefined ? path : { ...path, subAttribute };
}

/**
 * Reads the `.subAttr` word that follows `attr[…]` in PATCH paths and in the Microsoft Entra
 * filter form `emails[type eq "work"].value eq "x"`.
 */
export function readSubAttribute(token: Token, source: ParseSource): string {
  const name = token.text.slice(1);
  const dot = name.indexOf('.');
  if (dot >= 0) {
    source.fail(
      `${quote(token.text)} at position ${token.start} names more than one sub-attribute; ` +
        `a value filter takes at most one, as in emails[type eq "work"].value`,
      token.start,
      token.text,
    );
  }

  checkName(name, token, 1, source);

  return name;
}

/** Rejects a token with characters that no attribute path contains, such as `user#name`. */
export function failInvalidPath(token: Token, source: ParseSource): never {
  return source.fail(
    `invalid attribute path ${quote(token.text)} at position ${token.start}; ${NAME_RULE}`,
    token.start,
    token.text,
  );
}

function checkName(name: string, token: Token, offset: number, source: ParseSource): void {
  if (ATTRIBUTE_NAME.test(name)) {
    return;
  }

  const position = token.start + offset;
  if (name === '') {
    source.fail(
      `missing attribute name in ${quote(token.text)} at position ${position}; ${NAME_RULE}`,
      position,
      '',
    );
  }

  const context = name === token.text ? '' : ` in ${quote(token.text)}`;
  source.fail(
    `invalid attribute name ${quote(name)}${context} at position ${position}; ${NAME_RULE}`,
    position,
    name,
  );
}
