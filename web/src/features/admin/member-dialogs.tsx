import { type FormEvent, useState } from 'react';
import type { Member } from '../../../../contracts/admin.ts';
import { ConfirmDialog } from '../../components/confirm-dialog.tsx';
import { DialogActions, FormAlert, TextField } from '../../components/form-field.tsx';
import { Modal } from '../../components/modal.tsx';
import { useT } from '../../i18n/i18n.ts';
import { rich, slots } from '../../i18n/rich-text.tsx';
import { api } from '../../lib/api-client.ts';
import { type FormErrors, fieldErrors, formErrorsFrom, hasErrors, noErrors } from '../../lib/form-errors.ts';
import { passwordProblem } from '../auth/credentials.ts';

type DialogProps = { member: Member; onClose: () => void; onDone: (member: Member) => void };

export function ResetPasswordDialog({ member, onClose, onDone }: DialogProps) {
  const t = useT('admin');
  // passwordProblem's words.
  useT('auth');
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
    <Modal title={t('reset.title', { name: member.username })} onClose={onClose}>
      <form onSubmit={submit} noValidate className="form">
        <p>{t('reset.text')}</p>
        <FormAlert message={errors.form} />
        <TextField
          label={t('reset.password')}
          name="password"
          type="password"
          value={password}
          onChange={setPassword}
          autoComplete="new-password"
          hint={t('reset.hint')}
          error={errors.fields.password}
          required
        />
        <DialogActions onCancel={onClose} busy={busy}>
          {t('reset.submit')}
        </DialogActions>
      </form>
    </Modal>
  );
}

export function DeleteMemberDialog({ member, onClose, onDone }: DialogProps) {
  const t = useT('admin');
  return (
    <ConfirmDialog
      title={t('delete.title', { name: member.username })}
      action={t('delete.action')}
      onClose={onClose}
      onConfirm={async () => {
        await api.delete(`/api/admin/members/${member.id}`);
        onDone(member);
      }}
    >
      <p>{rich(t('delete.text', slots('name')), { name: <strong>{member.username}</strong> })}</p>
    </ConfirmDialog>
  );
}
