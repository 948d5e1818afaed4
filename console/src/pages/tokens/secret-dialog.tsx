import { CopyButton } from '../../components/copy-button';
import { Dialog } from '../../components/dialog';

interface SecretDialogProps {
  title: string;
  secret: string;
  onClose: () => void;
}

/**
 * Shows a new token's secret once. Closing the dialog drops the secret from the page's state,
 * and the server never returns it again.
 */
export function SecretDialog({ title, secret, onClose }: SecretDialogProps) {
  return (
    <Dialog title={`Token "${title}" created`} onClose={onClose}>
      <p className="warning" role="alert">
        Copy the secret now. It is shown only this once: Roster keeps only a hash of it, so nobody
        can show it to you again.
      </p>
      <div className="field">
        <label htmlFor="token-secret">Secret</label>
        <div className="secret-row">
          <input
            id="token-secret"
            readOnly
            value={secret}
            onFocus={(event) => event.target.select()}
          />
          <CopyButton text={secret} label="secret" />
        </div>
      </div>
      <div className="actions">
        <button type="button" onClick={onClose}>
          I have copied the secret
        </button>
      </div>
    </Dialog>
  );
}
