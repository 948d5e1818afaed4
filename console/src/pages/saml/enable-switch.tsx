import { execute } from '../../api/client';
import { ErrorList } from '../../components/error-list';
import type { SamlIntegrationFieldsFragment } from '../../gql/graphql';
import { DisableSamlIntegrationMutation, EnableSamlIntegrationMutation } from './operations';
import { useSamlMutation } from './use-saml-mutation';

/** Turns sign-in through the integration on or off; the server checks it is complete. */
export function EnableSwitch({ integration }: { integration: SamlIntegrationFieldsFragment }) {
  const toggle = useSamlMutation(async (enable: boolean) => {
    const id = integration.id;
    if (enable) {
      return (await execute(EnableSamlIntegrationMutation, { id })).enableSamlIntegration;
    }

    return (await execute(DisableSamlIntegrationMutation, { id })).disableSamlIntegration;
  });

  return (
    <section className="switch-row" aria-labelledby="saml-enabled-label">
      <button
        type="button"
        role="switch"
        aria-checked={integration.enabled}
        aria-labelledby="saml-enabled-label"
        className={integration.enabled ? 'switch on' : 'switch'}
        disabled={toggle.isPending}
        onClick={() => toggle.mutate(!integration.enabled)}
      >
        <span aria-hidden="true">{integration.enabled ? 'On' : 'Off'}</span>
      </button>
      <span id="saml-enabled-label">
        SAML single sign-on {integration.enabled ? 'enabled' : 'disabled'}
      </span>
      <ErrorList error={toggle.error} />
    </section>
  );
}
