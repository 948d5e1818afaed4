import type { Filter } from './ast';
import { createSource, FilterSyntaxError } from './errors';
import { FilterParser } from './filter-parser';
import { checkLength, resolveLimits, type ParseOptions } from './limits';

/**
 * Parses a SCIM filter (RFC 7644 §3.4.2.2), such as `userName eq "bjensen"`, into a syntax tree.
 *
 * Also accepts the Microsoft Entra form `emails[type eq "work"].value eq "x"` and returns it as
 * `emails[type eq "work" and value eq "x"]`, the value path it means.
 *
 * @throws FilterSyntaxError when the text is not a valid filter or exceeds a limit of `options`.
 */
export function parseFilter(text: string, options?: ParseOptions): Filter {
  const limits = resolveLimits(options);
  const source = createSource(text, 'filter', FilterSyntaxError);
  checkLength(source, limits);

  return new FilterParser(source, limits).parseFilter();
}
