import { type FormEvent, type ReactNode, useState } from 'react';
import { formErrorsFrom } from '../lib/form-errors.ts';
import { DialogActions, FormAlert } from './form-field.tsx';
import { Modal } from './modal.tsx';

/**
 * A destructive action confirmed in a dialog: what will happen, the action's button, and the
 * server's refusal in plain words if it comes (the dialog stays open for it).
 */
export function ConfirmDialog({
  title,
  action,
  onConfirm,
  onClose,
  children,
}: {
  title: string;
  /** The danger button's label, e.g. "Delete conversation". */
  action: string;
  /** Performs the action; a rejection is shown in the dialog. */
  onConfirm: () => Promise<void>;
  onClose: () => void;
  children: ReactNode;
}) {
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await onConfirm();
    } catch (caught) {
      setError(formErrorsFrom(caught, []).form);
      setBusy(false);
    }
  }

  return (
    <Modal title={title} onClose={onClose}>
      <form onSubmit={submit} className="form">
        {children}
        <FormAlert message={error} />
        <DialogActions onCancel={onClose} busy={busy} variant="danger">
          {action}
        </DialogActions>
      </form>
    </Modal>
  );
}
