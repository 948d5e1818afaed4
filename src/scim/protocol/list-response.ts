import { LIST_RESPONSE_SCHEMA } from '../schemas';

/** RFC 7644 §3.4.2 ListResponse; itemsPerPage is the number of resources on this page. */
export function listResponse(
  resources: unknown[],
  totalResults: number,
  startIndex: number,
): Record<string, unknown> {
  return {
    schemas: [LIST_RESPONSE_SCHEMA],
    totalResults,
    startIndex,
    itemsPerPage: resources.length,
    Resources: resources,
  };
}
