import { useMutation } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { NavLink, Outlet, useLocation } from 'react-router';

import { execute } from '../api/client';
import { SignOutMutation } from '../api/operations';
import { useViewer } from '../auth/viewer';

const SECTIONS = [
  { to: '/integrations/saml', label: 'Integrations → SAML' },
  { to: '/tokens', label: 'Tokens' },
  { to: '/scim/settings', label: 'SCIM settings' },
  { to: '/scim/attributes', label: 'Custom attributes' },
  { to: '/provisioning', label: 'Provisioning logs' },
  { to: '/users', label: 'Users' },
  { to: '/groups', label: 'Groups' },
  { to: '/audit', label: 'Audit trail' },
];

/** Renders the admin pages' frame: skip link, header with the organization, navigation. */
export function Layout() {
  const viewer = useViewer();
  const signOut = useSignOut();
  const { pathname } = useLocation();
  const mainRef = useRef<HTMLElement>(null);
  const firstPath = useRef(pathname);

  // After a client-side navigation, keyboard and screen-reader users continue in the new page.
  useEffect(() => {
    if (pathname !== firstPath.current) {
      mainRef.current?.focus();
    }
  }, [pathname]);

  return (
    <>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="top-bar">
        <span className="brand">Roster admin</span>
        <span className="organization">{viewer.organization.name}</span>
        <span className="signed-in-as">{viewer.userName}</span>
        <button type="button" className="secondary" onClick={() => signOut.mutate()}>
          Sign out
        </button>
      </header>
      <div className="frame">
        <nav className="side-nav" aria-label="Admin sections">
          <ul>
            {SECTIONS.map((section) => (
              <li key={section.to}>
                <NavLink to={section.to}>{section.label}</NavLink>
              </li>
            ))}
          </ul>
        </nav>
        <main id="main" tabIndex={-1} ref={mainRef}>
          <Outlet />
        </main>
      </div>
    </>
  );
}

/**
 * Ends the session, then reloads the console from its start, so that nothing the session
 * loaded stays in memory or on screen.
 */
export function useSignOut() {
  return useMutation({
    mutationFn: () => execute(SignOutMutation),
    onSettled: () => window.location.assign('/admin/'),
  });
}
