import type { ScimValue } from '../scim/schemas';
import { DomainError } from './errors';

/** Certificates are long base64 text; they may use this many bytes whatever the limit. */
const CERTIFICATE_MAX_BYTES = 65_536;

/**
 * Rejects strings that PostgreSQL cannot store or index: longer than `maxBytes` in UTF-8 (an
 * indexed value must fit in an index row of about 2.7 KB), or containing NUL, which text
 * columns do not accept. The error names the attribute and the limit.
 */
export function assertValueLimits(value: ScimValue, maxBytes: number, path = ''): void {
  if (typeof value === 'string') {
    assertString(
      value,
      path,
      path.startsWith('x509Certificates') ? CERTIFICATE_MAX_BYTES : maxBytes,
    );
    return;
  }

  if (Array.isArray(value)) {
    value.forEach((item, index) => assertValueLimits(item, maxBytes, `${path}[${index}]`));
    return;
  }

  if (typeof value === 'object' && value !== null) {
    for (const [key, item] of Object.entries(value)) {
      const child = path === '' ? key : key.startsWith('urn:') ? key : `${path}.${key}`;
      assertValueLimits(item, maxBytes, path.startsWith('urn:') ? `${path}:${key}` : child);
    }
  }
}

function assertString(value: string, path: string, maxBytes: number): void {
  if (value.includes('\u0000')) {
    throw DomainError.invalid(
      `attribute '${path}' contains a NUL character, which is not allowed`,
      {
        field: path,
      },
    );
  }

  const bytes = Buffer.byteLength(value, 'utf8');
  if (bytes > maxBytes) {
    throw DomainError.invalid(
      `attribute '${path}' has ${bytes} bytes; values are limited to ${maxBytes} bytes in UTF-8 ` +
        '(SCIM_MAX_VALUE_BYTES)',
      { field: path },
    );
  }
}
