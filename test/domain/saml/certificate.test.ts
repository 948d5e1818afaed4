import { createHash, X509Certificate } from 'node:crypto';

import { DomainError } from '../../../src/domain/errors';
import { parseCertificate } from '../../../src/domain/saml/certificate';
import { base64Of, EXPIRED_CERTIFICATE, SIGNING_CERTIFICATE } from '../../helpers/saml-fixtures';

const NOW = new Date('2027-01-01T00:00:00Z');

function errorOf(action: () => unknown): DomainError {
  try {
    action();
  } catch (error) {
    return error as DomainError;
  }
  throw new Error('expected an error');
}

describe('parseCertificate', () => {
  it('describes a PEM certificate', () => {
    const expected = new X509Certificate(SIGNING_CERTIFICATE);

    const info = parseCertificate(SIGNING_CERTIFICATE, 'idpCertificate', NOW);

    expect(info.subject).toBe('CN=Microsoft Azure Federated SSO Certificate (test)');
    expect(info.issuer).toBe('CN=Microsoft Azure Federated SSO Certificate (test)');
    expect(info.fingerprintSha256).toBe(
      createHash('sha256').update(expected.raw).digest('hex').toUpperCase().match(/../g)!.join(':'),
    );
    expect(info.notBefore).toEqual(new Date(expected.validFrom));
    expect(info.notAfter).toEqual(new Date(expected.validTo));
    expect(info.pem).toBe(SIGNING_CERTIFICATE);
  });

  it('accepts the bare base64 that SAML metadata carries', () => {
    const info = parseCertificate(base64Of(SIGNING_CERTIFICATE), 'idpCertificate', NOW);

    expect(info.pem).toBe(SIGNING_CERTIFICATE);
  });

  it('rejects an expired certificate, naming the field and the date', () => {
    const error = errorOf(() => parseCertificate(EXPIRED_CERTIFICATE, 'idpCertificate', NOW));

    expect(error.code).toBe('BAD_USER_INPUT');
    expect(error.details.field).toBe('idpCertificate');
    expect(error.message).toBe(
      "idpCertificate: the certificate 'CN=Roster test IdP expired certificate' expired on " +
        '2021-01-01T00:00:00.000Z; download the current signing certificate from the identity provider',
    );
  });

  it('rejects text that is not a certificate', () => {
    const error = errorOf(() => parseCertificate('hello, world!', 'idpNextCertificate', NOW));

    expect(error.details.field).toBe('idpNextCertificate');
    expect(error.message).toMatch(/^idpNextCertificate is not a PEM certificate/);
  });

  it('rejects base64 that is not DER', () => {
    const error = errorOf(() =>
      parseCertificate(
        '-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----',
        'idpCertificate',
        NOW,
      ),
    );

    expect(error.message).toMatch(/^idpCertificate is not a valid X\.509 certificate/);
  });

  it('rejects a private key without echoing it', () => {
    const key = '-----BEGIN PRIVATE KEY-----\nc2VjcmV0LWtleS1ieXRlcw==\n-----END PRIVATE KEY-----';

    const error = errorOf(() => parseCertificate(key, 'idpCertificate', NOW));

    expect(error.message).toMatch(/^idpCertificate contains a private key/);
    expect(error.message).not.toContain('c2VjcmV0');
  });

  it('rejects two certificates in one field', () => {
    const error = errorOf(() =>
      parseCertificate(`${SIGNING_CERTIFICATE}${SIGNING_CERTIFICATE}`, 'idpCertificate', NOW),
    );

    expect(error.message).toBe('idpCertificate contains 2 certificates; paste exactly one');
  });
});
