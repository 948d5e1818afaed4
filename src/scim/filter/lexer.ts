import { quote, type ParseSource } from './errors';

interface TokenSpan {
  /** Offset of the first character in the input. */
  readonly start: number;
  /** Offset just past the last character. */
  readonly end: number;
  /** The token as written, empty for `end`. */
  readonly text: string;
}

/**
 * A lexical token. A `word` is a run of attribute-path and number characters, such as `userName`,
 * `urn:…:2.0:User:name.givenName`, `eq` or `-1.5e3`. The parser decides from the word's position
 * whether it is a keyword, an operator, a path or a number. An `invalid` token is a run that
 * contains other characters, such as `bob@example.com` or `'bob'`.
 */
export type Token =
  | (TokenSpan & { readonly kind: 'word' | 'invalid' | 'end' | '(' | ')' | '[' | ']' })
  | (TokenSpan & { readonly kind: 'string'; readonly value: string });

const WHITESPACE = new Set([' ', '\t', '\n', '\r']);
const DELIMITERS = new Set(['"', '(', ')', '[', ']']);
const WORD_CHARACTER = /^[A-Za-z0-9_$.:+-]$/;
const HEX4 = /^[0-9A-Fa-f]{4}$/;

/** JSON string escapes (RFC 8259 §7) other than `\uXXXX`. */
const ESCAPES: Readonly<Record<string, string>> = {
  '"': '"',
  '\\': '\\',
  '/': '/',
  b: '\b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
};

/**
 * Splits input into tokens on demand. Errors therefore surface in input order, so a parser that
 * stops at an early mistake never reports a later malformed string.
 */
export class Lexer {
  private offset: number;
  private readonly lookahead: Token[] = [];

  constructor(
    private readonly source: ParseSource,
    start = 0,
    private readonly limit = source.text.length,
  ) {
    this.offset = start;
  }

  /** Returns the token `ahead` positions after the current one without consuming it. */
  peek(ahead = 0): Token {
    while (this.lookahead.length <= ahead) {
      this.lookahead.push(this.read());
    }

    return this.lookahead[ahead];
  }

  next(): Token {
    const token = this.peek();
    this.lookahead.shift();

    return token;
  }

  private read(): Token {
    const text = this.source.text;
    while (this.offset < this.limit && WHITESPACE.has(text[this.offset])) {
      this.offset += 1;
    }

    const start = this.offset;
    if (start >= this.limit) {
      return { kind: 'end', start, end: start, text: '' };
    }

    const character = text[start];
    if (character === '"') {
      return this.readString(start);
    }

    if (character === '(' || character === ')' || character === '[' || character === ']') {
      this.offset += 1;

      return { kind: character, start, end: this.offset, text: character };
    }

    return this.readRun(start);
  }

  private readRun(start: number): Token {
    const text = this.source.text;
    let isWord = true;
    while (this.offset < this.limit) {
      const character = text[this.offset];
      if (WHITESPACE.has(character) || DELIMITERS.has(character)) {
        break;
      }

      isWord &&= WORD_CHARACTER.test(character);
      this.offset += 1;
    }

    const kind = isWord ? 'word' : 'invalid';

    return { kind, start, end: this.offset, text: text.slice(start, this.offset) };
  }

  /** Reads a JSON string (RFC 8259 §7) that starts with the `"` at `start`. */
  private readString(start: number): Token {
    const text = this.source.text;
    const chunks: string[] = [];
    let chunkStart = start + 1;
    let index = chunkStart;

    for (;;) {
      if (index >= this.limit) {
        this.source.fail(
          `unterminated string starting at position ${start}; end it with '"'`,
          start,
          text.slice(start, this.limit),
        );
      }

      const character = text[index];
      if (character === '"') {
        break;
      }

      if (character === '\\') {
        chunks.push(text.slice(chunkStart, index));
        const [decoded, length] = this.readEscape(start, index);
        chunks.push(decoded);
        index += length;
        chunkStart = index;
        continue;
      }

      if (character < ' ') {
        const code = character.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0');
        this.source.fail(
          `unescaped control character U+${code} in string at position ${index}; ` +
            `write it as an escape such as \\n or \\u${code}`,
          index,
          character,
        );
      }

      index += 1;
    }

    chunks.push(text.slice(chunkStart, index));
    this.offset = index + 1;

    return {
      kind: 'string',
      start,
      end: this.offset,
      text: text.slice(start, this.offset),
      value: chunks.join(''),
    };
  }

  /** Decodes the escape at `index` and returns the character and the escape's length. */
  private readEscape(stringStart: number, index: number): [string, number] {
    const text = this.source.text;
    if (index + 1 >= this.limit) {
      this.source.fail(
        `unterminated string starting at position ${stringStart}; end it with '"'`,
        stringStart,
        text.slice(stringStart, this.limit),
      );
    }

    const letter = text[index + 1];
    const simple = ESCAPES[letter];
    if (simple !== undefined) {
      return [simple, 2];
    }

    if (letter !== 'u') {
      const escape = text.slice(index, index + 2);
      this.source.fail(
        `invalid escape ${quote(escape)} in string at position ${index}; ` +
          'the escapes are \\" \\\\ \\/ \\b \\f \\n \\r \\t and \\uXXXX',
        index,
        escape,
      );
    }

    const digits = text.slice(index + 2, Math.min(index + 6, this.limit));
    if (!HEX4.test(digits)) {
      const escape = text.slice(index, Math.min(index + 6, this.limit));
      this.source.fail(
        `invalid escape ${quote(escape)} in string at position ${index}; ` +
          '\\u takes four hex digits, as in \\u00e9',
        index,
        escape,
      );
    }

    return [String.fromCharCode(parseInt(digits, 16)), 6];
  }
}
