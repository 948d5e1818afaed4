import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';

import { execute } from '../../api/client';
import { DateTime } from '../../components/date-time';
import { EmptyState } from '../../components/empty-state';
import { ErrorList } from '../../components/error-list';
import { usePageTitle } from '../../components/page-title';
import { Pager } from '../../components/pager';
import type { TokenFieldsFragment, TokenStatus } from '../../gql/graphql';
import { CreateTokenDialog } from './create-token-dialog';
import { TokensQuery } from './operations';
import { RevokeTokenDialog } from './revoke-token-dialog';
import { SecretDialog } from './secret-dialog';

const PAGE_SIZE = 20;

const STATUS_LABELS: Record<TokenStatus, string> = {
  ACTIVE: 'ACTIVE',
  EXPIRED: 'EXPIRED',
  REVOKED: 'REVOKED',
  OWNER_INACTIVE: 'OWNER INACTIVE',
};

/** Tokens: API and SCIM bearer tokens, newest first. */
export function TokensPage() {
  usePageTitle('Tokens');
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  const [creating, setCreating] = useState(false);
  const [created, setCreated] = useState<{ title: string; secret: string } | null>(null);
  const [revoking, setRevoking] = useState<TokenFieldsFragment | null>(null);
  const after = cursors[cursors.length - 1];

  const tokens = useQuery({
    queryKey: ['tokens', after],
    queryFn: () => execute(TokensQuery, { first: PAGE_SIZE, after }),
  });

  const samlEnabled = tokens.data?.samlIntegration?.enabled ?? false;
  const edges = tokens.data?.tokens.edges ?? [];
  const pageInfo = tokens.data?.tokens.pageInfo;

  return (
    <>
      <div className="page-header">
        <h1>Tokens</h1>
        <button type="button" onClick={() => setCreating(true)}>
          Create token
        </button>
      </div>
      {tokens.isSuccess && !samlEnabled ? (
        <p className="notice">
          Enable SAML SSO before creating a SCIM token:{' '}
          <Link to="/integrations/saml">Integrations → SAML</Link>. API tokens work without it.
        </p>
      ) : null}
      <ErrorList error={tokens.error} />
      {tokens.isPending ? <p className="loading">Loading…</p> : null}
      {tokens.isSuccess && edges.length === 0 && cursors.length === 1 ? (
        <EmptyState title="No tokens yet">
          <p>
            Create a SCIM token and paste it as the Secret Token in Entra ID&apos;s provisioning
            settings, or an API token for scripts that call /graphql.
          </p>
        </EmptyState>
      ) : null}
      {edges.length > 0 ? (
        <table>
          <caption className="visually-hidden">Tokens, newest first</caption>
          <thead>
            <tr>
              <th scope="col">Title</th>
              <th scope="col">Scope</th>
              <th scope="col">Status</th>
              <th scope="col">Starts with</th>
              <th scope="col">Acts as</th>
              <th scope="col">Created</th>
              <th scope="col">Expires</th>
              <th scope="col">Last used</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {edges.map(({ node }) => (
              <tr key={node.id}>
                <th scope="row">
                  {node.title}
                  {node.description ? <div className="hint">{node.description}</div> : null}
                </th>
                <td>{node.scope}</td>
                <td>
                  <span className={`badge ${node.status.toLowerCase()}`}>
                    {STATUS_LABELS[node.status]}
                  </span>
                </td>
                <td>
                  <code>{node.displayPrefix}…</code>
                </td>
                <td>{node.userName}</td>
                <td>
                  <DateTime value={node.createdAt} />
                </td>
                <td>
                  <DateTime value={node.expiresAt} empty="Never" />
                </td>
                <td>
                  <DateTime value={node.lastUsedAt} empty="Never used" />
                </td>
                <td>
                  {node.status === 'ACTIVE' || node.status === 'OWNER_INACTIVE' ? (
                    <button
                      type="button"
                      className="danger"
                      aria-label={`Revoke ${node.title}`}
                      onClick={() => setRevoking(node)}
                    >
                      Revoke
                    </button>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {pageInfo ? (
        <Pager
          label="tokens"
          summary={`Page ${cursors.length}`}
          hasPrevious={cursors.length > 1}
          hasNext={pageInfo.hasNextPage}
          onPrevious={() => setCursors(cursors.slice(0, -1))}
          onNext={() => setCursors([...cursors, pageInfo.endCursor ?? null])}
        />
      ) : null}
      {creating ? (
        <CreateTokenDialog
          samlEnabled={samlEnabled}
          onClose={() => setCreating(false)}
          onCreated={(title, secret) => {
            setCreating(false);
            setCursors([null]);
            setCreated({ title, secret });
          }}
        />
      ) : null}
      {created ? (
        <SecretDialog
          title={created.title}
          secret={created.secret}
          onClose={() => setCreated(null)}
        />
      ) : null}
      {revoking ? <RevokeTokenDialog token={revoking} onClose={() => setRevoking(null)} /> : null}
    </>
  );
}
