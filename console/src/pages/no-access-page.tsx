import type { Viewer } from '../auth/viewer';
import { useSignOut } from '../components/layout';
import { usePageTitle } from '../components/page-title';

/** Renders the page for members: the console is for admins only, and the API rejects them too. */
export function NoAccessPage({ viewer }: { viewer: Viewer }) {
  usePageTitle('No admin access');
  const signOut = useSignOut();

  return (
    <main className="narrow" id="main">
      <h1>No admin access</h1>
      <p>
        {viewer.userName} is a member of {viewer.organization.name}, not an admin. Only admins can
        use the Roster admin console; ask an admin of your organization if you need access.
      </p>
      <button type="button" onClick={() => signOut.mutate()}>
        Sign out
      </button>
    </main>
  );
}
