import { SamlStatusError } from '@node-saml/node-saml';

import { SsoRejection } from './sso-rejection';

/**
 * Maps a node-saml validation error to a rejection. node-saml raises plain Errors, so the
 * message decides; every message about signatures means the signature did not verify.
 */
export function rejectionOf(error: Error, certificateCount: number): SsoRejection {
  const message = error.message.split('\n')[0].slice(0, 300);

  if (error instanceof SamlStatusError) {
    return new SsoRejection('IDP_ERROR_STATUS', message);
  }
  if (/signature/i.test(message)) {
    return new SsoRejection(
      'INVALID_SIGNATURE',
      `${message}: neither the response nor the assertion is signed by the ` +
        `${certificateCount === 1 ? 'configured certificate' : 'current or next certificate'}` +
        ', or the signed content was changed',
    );
  }
  if (/decryption|EncryptedAssertion/i.test(message)) {
    return new SsoRejection(
      'MALFORMED_SAML_RESPONSE',
      'the assertion is encrypted, which Roster does not support; turn off token encryption',
    );
  }

  return new SsoRejection('MALFORMED_SAML_RESPONSE', message);
}
