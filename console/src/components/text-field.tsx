import { useId, type ChangeEvent } from 'react';

interface TextFieldProps {
  label: string;
  value: string;
  onChange: (value: string) => void;
  /** Error message shown under the field; marks the field invalid. */
  error?: string;
  hint?: string;
  type?: 'text' | 'email' | 'password' | 'url' | 'date' | 'search';
  multiline?: boolean;
  required?: boolean;
  readOnly?: boolean;
  autoComplete?: string;
  name?: string;
  placeholder?: string;
}

/** Renders a labelled input whose hint and error are tied to it with aria-describedby. */
export function TextField(props: TextFieldProps) {
  const id = useId();
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const describedBy =
    [props.hint ? hintId : '', props.error ? errorId : ''].filter(Boolean).join(' ') || undefined;

  const common = {
    id,
    name: props.name,
    value: props.value,
    required: props.required,
    readOnly: props.readOnly,
    placeholder: props.placeholder,
    'aria-invalid': props.error ? true : undefined,
    'aria-describedby': describedBy,
    onChange: (event: ChangeEvent<HTMLInputElement | HTMLTextAreaElement>) =>
      props.onChange(event.target.value),
  };

  return (
    <div className="field">
      <label htmlFor={id}>{props.label}</label>
      {props.multiline ? (
        <textarea rows={6} spellCheck={false} {...common} />
      ) : (
        <input type={props.type ?? 'text'} autoComplete={props.autoComplete} {...common} />
      )}
      {props.hint ? (
        <p id={hintId} className="hint">
          {props.hint}
        </p>
      ) : null}
      {props.error ? (
        <p id={errorId} className="field-error">
          {props.error}
        </p>
      ) : null}
    </div>
  );
}
