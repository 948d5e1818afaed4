import { otherErrors } from '../api/client';

interface ErrorListProps {
  error: unknown;
  /** Fields whose errors the form already shows next to the field. */
  shownFields?: string[];
}

/** Lists the errors that concern no field shown on the form, announced to screen readers. */
export function ErrorList({ error, shownFields }: ErrorListProps) {
  const messages = otherErrors(error, shownFields);
  if (messages.length === 0) {
    return null;
  }

  return (
    <div className="error-box" role="alert">
      {messages.map((message) => (
        <p key={message}>{message}</p>
      ))}
    </div>
  );
}
