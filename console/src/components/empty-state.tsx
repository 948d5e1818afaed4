import { useId, type ReactNode } from 'react';

/** Renders what a list or page shows when it is empty, and what to do next. */
export function EmptyState({ title, children }: { title: string; children: ReactNode }) {
  const headingId = useId();

  return (
    <section className="empty-state" aria-labelledby={headingId}>
      <h2 id={headingId}>{title}</h2>
      {children}
    </section>
  );
}
