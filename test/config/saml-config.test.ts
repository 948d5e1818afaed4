import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { ConfigError, loadConfig } from '../../src/config';
import { generateIdpKey, type TestIdpKey } from '../helpers/test-idp';

describe('loadConfig SAML variables', () => {
  let folder: string;
  let key: TestIdpKey;
  let otherKey: TestIdpKey;

  beforeAll(async () => {
    folder = mkdtempSync(path.join(tmpdir(), 'roster-config-'));
    [key, otherKey] = await Promise.all([generateIdpKey('sp'), generateIdpKey('other')]);
    writeFileSync(path.join(folder, 'sp.key'), key.privateKey);
    writeFileSync(path.join(folder, 'sp.crt'), key.certificate);
    writeFileSync(path.join(folder, 'other.crt'), otherKey.certificate);
  });

  afterAll(() => {
    rmSync(folder, { recursive: true, force: true });
  });

  it('defaults the clock skew to 120 seconds', () => {
    expect(loadConfig({}).samlClockSkewSeconds).toBe(120);
  });

  it('rejects a clock skew above 600 seconds', () => {
    expect(() => loadConfig({ SAML_CLOCK_SKEW_SECONDS: '601' })).toThrow(
      'invalid configuration: SAML_CLOCK_SKEW_SECONDS="601" must be between 0 and 600',
    );
  });

  it('has no service-provider key by default', () => {
    expect(loadConfig({}).samlServiceProviderKey).toBeUndefined();
  });

  it('reads the service-provider key pair', () => {
    const config = loadConfig({
      SAML_SP_PRIVATE_KEY_FILE: path.join(folder, 'sp.key'),
      SAML_SP_CERTIFICATE_FILE: path.join(folder, 'sp.crt'),
    });

    expect(config.samlServiceProviderKey).toEqual({
      privateKey: key.privateKey,
      certificate: key.certificate,
    });
  });

  it('requires both key files', () => {
    expect(() => loadConfig({ SAML_SP_PRIVATE_KEY_FILE: path.join(folder, 'sp.key') })).toThrow(
      'SAML_SP_PRIVATE_KEY_FILE and SAML_SP_CERTIFICATE_FILE must be set together',
    );
  });

  it('names a key file that cannot be read', () => {
    const missing = path.join(folder, 'missing.key');

    expect(() =>
      loadConfig({
        SAML_SP_PRIVATE_KEY_FILE: missing,
        SAML_SP_CERTIFICATE_FILE: path.join(folder, 'sp.crt'),
      }),
    ).toThrow(`SAML_SP_PRIVATE_KEY_FILE=${JSON.stringify(missing)} cannot be read (ENOENT)`);
  });

  it('rejects a certificate of another key', () => {
    let error: unknown;
    try {
      loadConfig({
        SAML_SP_PRIVATE_KEY_FILE: path.join(folder, 'sp.key'),
        SAML_SP_CERTIFICATE_FILE: path.join(folder, 'other.crt'),
      });
    } catch (caught) {
      error = caught;
    }

    expect(error).toBeInstanceOf(ConfigError);
    expect((error as Error).message).toContain(
      'does not belong to the key in SAML_SP_PRIVATE_KEY_FILE',
    );
    expect((error as Error).message).not.toContain('PRIVATE KEY-----');
  });
});
