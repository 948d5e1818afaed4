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

/** The weak ETag of a resource version. */
export function etagOf(version: number): string {
  return `W/"${version}"`;
}

/** The base URL of the SCIM API, from PUBLIC_URL. */
export function scimBaseUrl(publicUrl: string): string {
  return `${publicUrl}/scim/v2`;
}

/** Builds `meta` for a resource from its timestamps and version. */
export function buildMeta(
  resourceType: ResourceTypeName,
  publicUrl: string,
  row: { id: string; createdAt: Date; updatedAt: Date; version: number },
): ResourceMeta {
  const collection = resourceType === 'User' ? 'Users' : 'Groups';

  return {
    resourceType,
    created: row.createdAt,
    lastModified: row.updatedAt,
    location: `${scimBaseUrl(publicUrl)}/${collection}/${row.id}`,
    version: etagOf(row.version),
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
