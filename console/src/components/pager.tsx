interface PagerProps {
  /** Plural noun for the listed items, such as "users", for the navigation landmark's name. */
  label: string;
  summary: string;
  hasPrevious: boolean;
  hasNext: boolean;
  onPrevious: () => void;
  onNext: () => void;
}

/** Previous and Next buttons with a summary such as "Users 26–50 of 120". */
export function Pager(props: PagerProps) {
  if (!props.hasPrevious && !props.hasNext) {
    return <p className="pager-summary">{props.summary}</p>;
  }

  return (
    <nav className="pager" aria-label={`Pages of ${props.label}`}>
      <button
        type="button"
        className="secondary"
        disabled={!props.hasPrevious}
        onClick={props.onPrevious}
      >
        Previous
      </button>
      <span className="pager-summary">{props.summary}</span>
      <button type="button" className="secondary" disabled={!props.hasNext} onClick={props.onNext}>
        Next
      </button>
    </nav>
  );
}
