import { type FormEvent, useState } from 'react';
import type { Member } from '../../../../contracts/admin.ts';
import { ConfirmDialog } from '../../components/confirm-dialog.tsx';
import { DialogActions, FormAlert, TextField } from '../../components/form-field.tsx';
import { Modal } from '../../components/modal.tsx';
import { api } from '../../lib/api-client.ts';
import { type FormErrors, fieldErrors, formErrorsFrom, hasErrors, noErrors } from '../../lib/form-errors.ts';
import { passwordProblem } from '../auth/credentials.ts';

type DialogProps = { member: Member; onClose: () => void; onDone: (member: Member) => void };

export function ResetPasswordDialog({ member, onClose, onDone }: DialogProps) {
  const [password, setPassword] = useState('');
  const [errors, setErrors] = useState<FormErrors>(noErrors);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const clientErrors = fieldErrors({ password: passwordProblem(password) });
    setErrors(clientErrors);
    if (hasErrors(clientErrors)) return;
    setBusy(true);
    try {
      const result = await api.patch<{ member: Member }>(`/api/admin/members/${member.id}`, { password });
      onDone(result.member);
    } catch (error) {
      setErrors(formErrorsFrom(error, ['password']));
      setBusy(false);
    }
  }

  return (
    <Modal title={`Reset the password of ${member.username}`} onClose={onClose}>
      <form onSubmit={submit} noValidate className="form">
        <p>They will be signed out everywhere and sign in again with the new temporary password.</p>
        <FormAlert message={errors.form} />
        <TextField
          label="New temporary password"
          name="password"
          type="password"
          value={password}
          onChange={setPassword}
          autoComplete="new-password"
          hint="At least 10 characters."
          error={errors.fields.password}
          required
        />
        <DialogActions onCancel={onClose} busy={busy}>
          Reset password
        </DialogActions>
      </form>
    </Modal>
  );
}

export function DeleteMemberDialog({ member, onClose, onDone }: DialogProps) {
  return (
    <ConfirmDialog
      title={`Delete ${member.username}?`}
      action="Delete member"
      onClose={onClose}
      onConfirm={async () => {
        await api.delete(`/api/admin/members/${member.id}`);
        onDone(member);
      }}
    >
      <p>
        This deletes the account of <strong>{member.username}</strong> and all of their data: conversations,
        cards and progress. It cannot be undone.
      </p>
    </ConfirmDialog>
  );
}
