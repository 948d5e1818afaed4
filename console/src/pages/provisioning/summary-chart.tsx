import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';

import { execute } from '../../api/client';
import { ErrorList } from '../../components/error-list';
import type { SummaryPeriod } from '../../gql/graphql';
import { ProvisioningSummaryQuery } from './operations';

const HOUR_MS = 3_600_000;
const CHART_HEIGHT = 120;
const BAR_WIDTH = 14;
const BAR_GAP = 4;

/** Returns the last 24 hours by hour, or the last 14 days by day, up to the current period. */
function summaryRange(period: SummaryPeriod): { from: string; to: string } {
  const step = period === 'HOUR' ? HOUR_MS : 24 * HOUR_MS;
  const count = period === 'HOUR' ? 24 : 14;
  const end = Math.floor(Date.now() / step) * step + step;

  return { from: new Date(end - count * step).toISOString(), to: new Date(end).toISOString() };
}

/** Renders outcomes per hour or day as stacked bars, with the totals as text and label. */
export function SummaryChart() {
  const [period, setPeriod] = useState<SummaryPeriod>('HOUR');
  const [range, setRange] = useState(() => summaryRange('HOUR'));

  const summary = useQuery({
    queryKey: ['provisioningSummary', period, range.from],
    queryFn: () => execute(ProvisioningSummaryQuery, { ...range, period }),
  });

  const buckets = summary.data?.provisioningSummary ?? [];
  const highest = Math.max(1, ...buckets.map((bucket) => bucket.total));
  const totals = buckets.reduce(
    (sum, bucket) => ({
      total: sum.total + bucket.total,
      failed: sum.failed + bucket.failed,
      warnings: sum.warnings + bucket.warnings,
    }),
    { total: 0, failed: 0, warnings: 0 },
  );
  const label =
    `${totals.total} requests in the last ${period === 'HOUR' ? '24 hours' : '14 days'}: ` +
    `${totals.failed} failed, ${totals.warnings} with warnings`;

  const choose = (next: SummaryPeriod) => {
    setPeriod(next);
    setRange(summaryRange(next));
  };

  return (
    <section aria-labelledby="summary-heading">
      <h2 id="summary-heading">Summary</h2>
      <div className="actions" role="group" aria-label="Summary period">
        <button
          type="button"
          className={period === 'HOUR' ? '' : 'secondary'}
          aria-pressed={period === 'HOUR'}
          onClick={() => choose('HOUR')}
        >
          Last 24 hours
        </button>
        <button
          type="button"
          className={period === 'DAY' ? '' : 'secondary'}
          aria-pressed={period === 'DAY'}
          onClick={() => choose('DAY')}
        >
          Last 14 days
        </button>
      </div>
      <ErrorList error={summary.error} />
      <p className="summary-totals">{summary.isSuccess ? label : ''}</p>
      <svg
        role="img"
        aria-label={label}
        width={buckets.length * (BAR_WIDTH + BAR_GAP)}
        height={CHART_HEIGHT}
        className="summary-chart"
      >
        {buckets.map((bucket, index) => {
          const scale = CHART_HEIGHT / highest;
          const failed = bucket.failed * scale;
          const warned = bucket.warnings * scale;
          const succeeded = (bucket.total - bucket.failed - bucket.warnings) * scale;
          const x = index * (BAR_WIDTH + BAR_GAP);

          return (
            <g key={bucket.start}>
              <title>{`${bucket.start}: ${bucket.total} requests, ${bucket.failed} failed`}</title>
              <rect
                x={x}
                y={CHART_HEIGHT - succeeded}
                width={BAR_WIDTH}
                height={succeeded}
                className="bar-success"
              />
              <rect
                x={x}
                y={CHART_HEIGHT - succeeded - warned}
                width={BAR_WIDTH}
                height={warned}
                className="bar-warning"
              />
              <rect
                x={x}
                y={CHART_HEIGHT - succeeded - warned - failed}
                width={BAR_WIDTH}
                height={failed}
                className="bar-failure"
              />
            </g>
          );
        })}
      </svg>
      <p className="legend">
        <span className="swatch bar-success" aria-hidden="true" /> Success{' '}
        <span className="swatch bar-warning" aria-hidden="true" /> Warning{' '}
        <span className="swatch bar-failure" aria-hidden="true" /> Failure
      </p>
    </section>
  );
}
