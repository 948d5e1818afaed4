/**
 * SCIM filters (RFC 7644 §3.4.2.2), PATCH paths (RFC 7644 §3.5.2) and attribute paths: parsing
 * into a syntax tree and printing it back. Pure: no I/O and no schema knowledge.
 */
export type {
  AttributePatchPath,
  AttributePath,
  AttributeRef,
  ComparisonFilter,
  CompareOperator,
  Filter,
  FilterValue,
  LogicalFilter,
  NotFilter,
  PatchPath,
  PresentFilter,
  ValueFilter,
  ValuePatchPath,
  ValuePathFilter,
} from './ast';
export { COMPARE_OPERATORS } from './ast';
export {
  AttributePathSyntaxError,
  FilterSyntaxError,
  PatchPathSyntaxError,
  ScimSyntaxError,
  type SyntaxErrorKind,
} from './errors';
export {
  DEFAULT_PARSE_LIMITS,
  MAX_DEPTH_CEILING,
  type ParseLimits,
  type ParseOptions,
} from './limits';
export { parseFilter } from './parser';
export { parseAttributePath, parseAttributePathList, parsePatchPath } from './path-parser';
export { printAttributePath, printFilter, printPatchPath, printValue } from './printer';
