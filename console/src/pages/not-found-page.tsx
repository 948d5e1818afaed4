import { Link } from 'react-router';

import { usePageTitle } from '../components/page-title';

export function NotFoundPage() {
  usePageTitle('Page not found');

  return (
    <>
      <h1>Page not found</h1>
      <p>
        This address is not a page of the admin console. Start again from{' '}
        <Link to="/integrations/saml">Integrations → SAML</Link>.
      </p>
    </>
  );
}
