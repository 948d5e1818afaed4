import type { ResourceTypeName } from '../scim/schemas';

/** RFC 7643 §3.1 `meta` of a resource. */
export interface ResourceMeta {
  resourceType: ResourceTypeName;
  created: Date;
  lastModified: Date;
  /** Absolute URL of the resource at /scim/v2. */
  location: string;
  /** Weak entity tag, `W/"<version>"`. */
  version: string;
}

/**
 * Returns the weak ETag of a resource version. `derived` is a digest of values the resource
 * shows but does not store (a user's groups and manager name), so the tag changes with them.
 */
export function etagOf(version: number, derived?: string): string {
  return derived ? `W/"${version}-${derived}"` : `W/"${version}"`;
}

/** Tells whether an `If-Match` value names the current tag or is `*` (RFC 7232 §3.1). */
export function matchesEtag(ifMatch: string, etag: string): boolean {
  const strong = etag.slice(2);

  return ifMatch
    .split(',')
    .map((tag) => tag.trim())
    .some((tag) => tag === '*' || tag === etag || tag === strong);
}

/** Returns the base URL of the SCIM API, built from PUBLIC_URL. */
export function scimBaseUrl(publicUrl: string): string {
  return `${publicUrl}/scim/v2`;
}

/** Builds `meta` for a resource from its timestamps and version. */
export function buildMeta(
  resourceType: ResourceTypeName,
  publicUrl: string,
  row: { id: string; createdAt: Date; updatedAt: Date; version: number },
  derived?: string,
): ResourceMeta {
  const collection = resourceType === 'User' ? 'Users' : 'Groups';

  return {
    resourceType,
    created: row.createdAt,
    lastModified: row.updatedAt,
    location: `${scimBaseUrl(publicUrl)}/${collection}/${row.id}`,
    version: etagOf(row.version, derived),
  };
}

/** `meta` as it appears in a SCIM resource. */
export function renderMeta(meta: ResourceMeta): Record<string, string> {
  return {
    resourceType: meta.resourceType,
    created: meta.created.toISOString(),
    lastModified: meta.lastModified.toISOString(),
    location: meta.location,
    version: meta.version,
  };
}
