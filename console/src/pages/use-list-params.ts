import { useSearchParams } from 'react-router';

/** Filter and 1-based start index of a SCIM-paged list, kept in the URL for links and Back. */
export function useListParams() {
  const [params, setParams] = useSearchParams();
  const filter = params.get('filter') ?? '';
  const startIndex = Math.max(1, Number(params.get('start') ?? '1') || 1);

  const update = (next: { filter?: string; startIndex?: number }) => {
    const values = new URLSearchParams();
    const nextFilter = next.filter ?? filter;
    const nextStart = next.startIndex ?? 1;
    if (nextFilter) {
      values.set('filter', nextFilter);
    }
    if (nextStart > 1) {
      values.set('start', String(nextStart));
    }
    setParams(values);
  };

  return { filter, startIndex, update };
}

/** Summary such as "Users 26–50 of 120". */
export function rangeSummary(noun: string, startIndex: number, shown: number, total: number) {
  if (total === 0) {
    return `No ${noun.toLowerCase()}`;
  }

  return `${noun} ${startIndex}–${startIndex + shown - 1} of ${total}`;
}
