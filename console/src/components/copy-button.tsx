import { useState } from 'react';

/** Copies text with the Clipboard API, falling back to a hidden text area and execCommand. */
async function copyText(text: string): Promise<void> {
  if (navigator.clipboard && window.isSecureContext) {
    await navigator.clipboard.writeText(text);
    return;
  }

  const area = document.createElement('textarea');
  area.value = text;
  area.setAttribute('readonly', '');
  area.style.position = 'fixed';
  area.style.opacity = '0';
  document.body.append(area);
  area.select();
  const copied = document.execCommand('copy');
  area.remove();
  if (!copied) {
    throw new Error('copy failed: the browser rejected execCommand("copy")');
  }
}

interface CopyButtonProps {
  text: string;
  /** Name of the copied value, for the button's accessible name, such as "Entity ID". */
  label: string;
}

/** Renders a button that copies `text` and reports the result in a live region. */
export function CopyButton({ text, label }: CopyButtonProps) {
  const [status, setStatus] = useState('');

  const onClick = async () => {
    try {
      await copyText(text);
      setStatus('Copied');
    } catch {
      setStatus('Copy failed: select the text and copy it by hand');
    }
  };

  return (
    <span className="copy">
      <button type="button" className="secondary" onClick={onClick} aria-label={`Copy ${label}`}>
        Copy
      </button>
      <span role="status" className="copy-status">
        {status}
      </span>
    </span>
  );
}
