/** Renders a timestamp in the browser's locale, with the exact ISO value in `dateTime`. */
export function DateTime({ value, empty = '—' }: { value?: string | null; empty?: string }) {
  if (!value) {
    return <>{empty}</>;
  }

  const date = new Date(value);
  return (
    <time dateTime={value} title={value}>
      {date.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' })}
    </time>
  );
}
