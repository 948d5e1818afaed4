/**
 * Returns `path` when it is a path on Roster's own origin (starts with one `/`, no
 * backslash or control character), else null, so that no sign-in redirects to another site.
 */
export function safeReturnPath(path: string | null): string | null {
  if (!path || path.length > 2000) {
    return null;
  }
  if (!path.startsWith('/') || path.startsWith('//') || /[\\\u0000-\u001f]/.test(path)) {
    return null;
  }

  return path;
}
