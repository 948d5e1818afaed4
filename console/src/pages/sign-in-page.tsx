import { useState, type FormEvent } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';

import { execute, fieldError, GraphQLRequestError } from '../api/client';
import { SignInMutation, SsoStatusQuery } from '../api/operations';
import { ErrorList } from '../components/error-list';
import { usePageTitle } from '../components/page-title';
import { TextField } from '../components/text-field';

const FIELDS = ['organization', 'email', 'password'];

/** The organization last signed in to, so that admins of one organization type it once. */
const ORGANIZATION_KEY = 'roster.organization';

export function SignInPage() {
  usePageTitle('Sign in');
  const queryClient = useQueryClient();
  const [organization, setOrganization] = useState(
    () => localStorage.getItem(ORGANIZATION_KEY) ?? 'default',
  );
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');

  const signIn = useMutation({
    mutationFn: () => execute(SignInMutation, { input: { organization, email, password } }),
    onSuccess: async () => {
      localStorage.setItem(ORGANIZATION_KEY, organization);
      await queryClient.invalidateQueries({ queryKey: ['viewer'] });
    },
  });

  const slug = organization.trim();
  const sso = useQuery({
    queryKey: ['ssoStatus', slug],
    queryFn: () => execute(SsoStatusQuery, { organization: slug }),
    enabled: slug !== '',
  });
  const ssoLoginUrl = sso.data?.ssoStatus.enabled ? sso.data.ssoStatus.loginUrl : null;

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    signIn.mutate();
  };

  return (
    <main className="narrow" id="main">
      <h1>Sign in to Roster</h1>
      <form onSubmit={onSubmit} noValidate>
        <TextField
          label="Organization"
          name="organization"
          value={organization}
          onChange={setOrganization}
          hint="The short name in your sign-in link, such as default."
          error={fieldError(signIn.error, 'organization')}
          autoComplete="organization"
          required
        />
        <TextField
          label="Email"
          name="email"
          type="email"
          value={email}
          onChange={setEmail}
          error={fieldError(signIn.error, 'email')}
          autoComplete="username"
          required
        />
        <TextField
          label="Password"
          name="password"
          type="password"
          value={password}
          onChange={setPassword}
          error={fieldError(signIn.error, 'password')}
          autoComplete="current-password"
          required
        />
        <ErrorList error={signIn.error} shownFields={FIELDS} />
        {retryHint(signIn.error)}
        <button type="submit" disabled={signIn.isPending}>
          {signIn.isPending ? 'Signing in…' : 'Sign in'}
        </button>
      </form>
      {ssoLoginUrl ? (
        <p className="sso">
          <a className="button-link" href={withReturnTo(ssoLoginUrl)}>
            Sign in with SSO
          </a>
        </p>
      ) : null}
    </main>
  );
}

function retryHint(error: unknown) {
  if (!(error instanceof GraphQLRequestError) || error.code !== 'RATE_LIMITED') {
    return null;
  }

  const seconds = error.errors[0]?.extensions?.retryAfterSeconds;
  return seconds ? <p className="hint">Try again in {Math.ceil(seconds / 60)} minutes.</p> : null;
}

/** Sends the admin back to the console page they were on after the identity provider. */
function withReturnTo(loginUrl: string): string {
  const url = new URL(loginUrl, window.location.origin);
  url.searchParams.set('returnTo', window.location.pathname + window.location.search);
  return url.toString();
}
