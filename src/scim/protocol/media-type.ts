/** The media type of every SCIM response (RFC 7644 §3.1). */
export const SCIM_CONTENT_TYPE = 'application/scim+json; charset=utf-8';

const ACCEPTED_REQUEST_TYPES = new Set(['application/scim+json', 'application/json']);

/**
 * Whether a request body's Content-Type is one SCIM accepts: `application/scim+json` or
 * `application/json`, with or without parameters such as charset.
 */
export function isAcceptedContentType(header: string | undefined): boolean {
  if (!header) {
    return false;
  }

  const mediaType = header.split(';')[0].trim().toLowerCase();
  return ACCEPTED_REQUEST_TYPES.has(mediaType);
}
