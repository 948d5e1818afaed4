import { X509Certificate } from 'node:crypto';

import { DomainError } from '../errors';

/** The public facts of an X.509 certificate that admins compare with their identity provider. */
export interface CertificateInfo {
  /** The certificate in PEM, normalized to 64-character lines. */
  pem: string;
  subject: string;
  issuer: string;
  /** SHA-256 of the DER encoding, as upper-case hex pairs joined by colons. */
  fingerprintSha256: string;
  notBefore: Date;
  notAfter: Date;
}

const PEM_PATTERN = /-----BEGIN CERTIFICATE-----([\s\S]*?)-----END CERTIFICATE-----/g;
const BASE64_PATTERN = /^[A-Za-z0-9+/]+={0,2}$/;
const MAX_CERTIFICATE_LENGTH = 20_000;

/**
 * Parses one certificate given as PEM or as the bare base64 found in SAML metadata, and checks
 * that it has not expired at `now`. Raises BAD_USER_INPUT naming `field` otherwise.
 */
export function parseCertificate(text: string, field: string, now: Date): CertificateInfo {
  const info = readCertificate(text, field);

  if (info.notAfter.getTime() <= now.getTime()) {
    throw DomainError.invalid(
      `${field}: the certificate '${info.subject}' expired on ${info.notAfter.toISOString()}; ` +
        'download the current signing certificate from the identity provider',
      { field },
    );
  }

  return info;
}

/** Describes a stored certificate; it was valid when saved, so only the format is checked. */
export function describeCertificate(pem: string): CertificateInfo {
  return readCertificate(pem, 'certificate');
}

function readCertificate(text: string, field: string): CertificateInfo {
  if (text.length > MAX_CERTIFICATE_LENGTH) {
    throw DomainError.invalid(
      `${field}: a certificate has at most ${MAX_CERTIFICATE_LENGTH} characters, ` +
        `got ${text.length}`,
      { field },
    );
  }
  // Never echo the text back: someone may have pasted a private key by mistake.
  if (/PRIVATE KEY/.test(text)) {
    throw DomainError.invalid(
      `${field} contains a private key; paste only the identity provider's public certificate ` +
        'and replace that key, since it is no longer secret',
      { field },
    );
  }

  const base64 = extractBase64(text, field);
  let certificate: X509Certificate;
  try {
    certificate = new X509Certificate(Buffer.from(base64, 'base64'));
  } catch (error) {
    throw DomainError.invalid(
      `${field} is not a valid X.509 certificate (${(error as Error).message}); paste the ` +
        'PEM text from -----BEGIN CERTIFICATE----- to -----END CERTIFICATE-----',
      { field },
    );
  }

  return {
    pem: toPem(certificate.raw.toString('base64')),
    subject: formatName(certificate.subject),
    issuer: formatName(certificate.issuer),
    fingerprintSha256: certificate.fingerprint256,
    notBefore: new Date(certificate.validFrom),
    notAfter: new Date(certificate.validTo),
  };
}

function extractBase64(text: string, field: string): string {
  const blocks = [...text.matchAll(PEM_PATTERN)].map((match) => match[1]);

  if (blocks.length > 1) {
    throw DomainError.invalid(
      `${field} contains ${blocks.length} certificates; paste exactly one`,
      { field },
    );
  }

  const base64 = (blocks[0] ?? text).replace(/\s+/g, '');
  if (base64.length === 0 || !BASE64_PATTERN.test(base64)) {
    throw DomainError.invalid(
      `${field} is not a PEM certificate; paste the text from -----BEGIN CERTIFICATE----- ` +
        'to -----END CERTIFICATE-----',
      { field },
    );
  }

  return base64;
}

function toPem(base64: string): string {
  const lines = base64.match(/.{1,64}/g) ?? [];
  return ['-----BEGIN CERTIFICATE-----', ...lines, '-----END CERTIFICATE-----', ''].join('\n');
}

/** Node prints distinguished names one attribute per line; one line reads better in lists. */
function formatName(name: string): string {
  return name.split('\n').filter(Boolean).join(', ');
}
