import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';

import { execute } from '../../api/client';
import { DateTime } from '../../components/date-time';
import { ErrorList } from '../../components/error-list';
import type { ResyncFieldsFragment } from '../../gql/graphql';
import { ScimSettingsPageQuery, StartResyncMutation } from './operations';

const POLL_MS = 1000;

interface ResyncSectionProps {
  latest: ResyncFieldsFragment | null;
  recommended: boolean;
  hasTarget: boolean;
}

/** Starts a resync of every user's record and shows its progress while it runs. */
export function ResyncSection({ latest, recommended, hasTarget }: ResyncSectionProps) {
  const queryClient = useQueryClient();
  const running = latest?.status === 'RUNNING';

  // While a resync runs, the page's query is polled so that the bar moves.
  useQuery({
    queryKey: ['scimSettingsPage'],
    queryFn: () => execute(ScimSettingsPageQuery),
    refetchInterval: running ? POLL_MS : false,
    enabled: running,
  });

  const start = useMutation({
    mutationFn: () => execute(StartResyncMutation),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['scimSettingsPage'] }),
  });

  const percent = latest ? Math.round(latest.progress * 100) : 0;

  return (
    <section aria-labelledby="resync-heading">
      <h2 id="resync-heading">Resync</h2>
      <p>
        A resync recomputes every user&apos;s record in the target application from the current
        mapping.
      </p>
      {recommended ? (
        <p className="notice">The target or mapping changed: start a resync to apply it.</p>
      ) : null}
      {latest ? (
        <div className="resync-status">
          <label htmlFor="resync-progress">
            {latest.status === 'RUNNING'
              ? 'Resync in progress'
              : `Last resync: ${latest.status.toLowerCase()}`}
          </label>
          <progress id="resync-progress" max={100} value={percent}>
            {percent}%
          </progress>
          <p role="status">
            {latest.processed} of {latest.total} users ({percent}%)
            {latest.warnings > 0 ? `, ${latest.warnings} values left empty` : ''}
            {latest.finishedAt ? (
              <>
                , finished <DateTime value={latest.finishedAt} />
              </>
            ) : null}
          </p>
          {latest.lastError ? <p className="field-error">{latest.lastError}</p> : null}
        </div>
      ) : null}
      <ErrorList error={start.error} />
      <button type="button" disabled={!hasTarget || start.isPending} onClick={() => start.mutate()}>
        {running ? 'Restart resync' : 'Start resync'}
      </button>
      {!hasTarget ? <p className="hint">Choose a target application first.</p> : null}
    </section>
  );
}
