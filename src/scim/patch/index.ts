/**
 * SCIM PATCH (RFC 7644 §3.5.2) as pure functions over canonical documents: parsing PatchOp
 * requests, applying operations, evaluating value filters, and splitting Group membership
 * changes off for set operations in the database. No I/O.
 */
export {
  parsePatchRequest,
  type ParsePatchRequestOptions,
  type PatchOp,
  type PatchOperation,
} from './parse-patch-request';
export { applyPatch, type ApplyPatchOptions, type PatchResult } from './apply-patch';
export { compileValueFilter, type CompiledValueFilter } from './value-filter';
export {
  splitMemberOperations,
  type DocumentStep,
  type MemberStep,
  type PatchStep,
  type RemoveAllMembersStep,
} from './member-changes';
