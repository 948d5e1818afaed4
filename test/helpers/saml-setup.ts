import { graphql } from './graphql-client';
import { CREATE_SAML, ENABLE_SAML } from './operations';
import { SIGNING_CERTIFICATE } from './saml-fixtures';
import type { TestServer } from './test-server';

export const TENANT_ID = '72f988bf-0000-4000-8000-00000000c0de';

/** Input for a complete integration, as an admin would paste it from Entra. */
export function completeIntegrationInput(name = 'Entra ID') {
  return {
    name,
    idpEntityId: `https://sts.windows.net/${TENANT_ID}/`,
    idpSignOnUrl: `https://login.microsoftonline.com/${TENANT_ID}/saml2`,
    idpCertificate: SIGNING_CERTIFICATE,
  };
}

/** Creates a complete SAML integration over GraphQL, enabled unless `options.enabled` is false. */
export async function createIntegration(
  server: TestServer,
  cookie: string,
  options: { enabled?: boolean; input?: Record<string, unknown> } = {},
): Promise<string> {
  const created = await graphql(
    server,
    CREATE_SAML,
    { input: options.input ?? completeIntegrationInput() },
    { cookie },
  );
  if (created.errors) {
    throw new Error(`createSamlIntegration failed: ${JSON.stringify(created.errors)}`);
  }
  const id: string = created.data!.createSamlIntegration.id;

  if (options.enabled !== false) {
    const enabled = await graphql(server, ENABLE_SAML, { id }, { cookie });
    if (enabled.errors) {
      throw new Error(`enableSamlIntegration failed: ${JSON.stringify(enabled.errors)}`);
    }
  }

  return id;
}
