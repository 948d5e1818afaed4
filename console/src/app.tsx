import { useQuery } from '@tanstack/react-query';
import { Navigate, Route, Routes } from 'react-router';

import { execute, GraphQLRequestError } from './api/client';
import { ViewerQuery } from './api/operations';
import { ViewerContext } from './auth/viewer';
import { ErrorList } from './components/error-list';
import { Layout } from './components/layout';
import { AttributesPage } from './pages/attributes/attributes-page';
import { AuditPage } from './pages/audit-page';
import { ChangePasswordPage } from './pages/change-password-page';
import { GroupDetailPage } from './pages/group-detail-page';
import { GroupsPage } from './pages/groups-page';
import { NoAccessPage } from './pages/no-access-page';
import { NotFoundPage } from './pages/not-found-page';
import { ProvisioningPage } from './pages/provisioning/provisioning-page';
import { SamlPage } from './pages/saml/saml-page';
import { ScimSettingsPage } from './pages/scim-settings/scim-settings-page';
import { SignInPage } from './pages/sign-in-page';
import { TokensPage } from './pages/tokens/tokens-page';
import { UserDetailPage } from './pages/user-detail-page';
import { UsersPage } from './pages/users-page';

/**
 * Shows the sign-in form until a session exists, then the password change a one-time
 * password requires, then the admin pages. Members get no admin page at all.
 */
export function App() {
  const viewer = useQuery({ queryKey: ['viewer'], queryFn: () => execute(ViewerQuery) });

  if (viewer.isPending) {
    return <p className="loading">Loading…</p>;
  }

  if (viewer.error) {
    const signedOut =
      viewer.error instanceof GraphQLRequestError && viewer.error.code === 'UNAUTHENTICATED';
    if (signedOut) {
      return <SignInPage />;
    }

    return (
      <main className="narrow">
        <h1>Roster admin</h1>
        <ErrorList error={viewer.error} />
      </main>
    );
  }

  const current = viewer.data.viewer;
  if (current.passwordChangeRequired) {
    return <ChangePasswordPage viewer={current} />;
  }
  if (current.role !== 'ADMIN') {
    return <NoAccessPage viewer={current} />;
  }

  return (
    <ViewerContext.Provider value={current}>
      <Routes>
        <Route element={<Layout />}>
          <Route index element={<Navigate to="/integrations/saml" replace />} />
          <Route path="integrations/saml" element={<SamlPage />} />
          <Route path="tokens" element={<TokensPage />} />
          <Route path="scim/settings" element={<ScimSettingsPage />} />
          <Route path="scim/attributes" element={<AttributesPage />} />
          <Route path="provisioning" element={<ProvisioningPage />} />
          <Route path="users" element={<UsersPage />} />
          <Route path="users/:id" element={<UserDetailPage />} />
          <Route path="groups" element={<GroupsPage />} />
          <Route path="groups/:id" element={<GroupDetailPage />} />
          <Route path="audit" element={<AuditPage />} />
          <Route path="*" element={<NotFoundPage />} />
        </Route>
      </Routes>
    </ViewerContext.Provider>
  );
}
