import { type FormEvent, useState } from 'react';
import type { Member, MemberCreate } from '../../../../contracts/admin.ts';
import {
  CheckboxField,
  FormAlert,
  SelectField,
  StatusMessage,
  SubmitButton,
  TextField,
} from '../../components/form-field.tsx';
import { useT } from '../../i18n/i18n.ts';
import { api } from '../../lib/api-client.ts';
import { type FormErrors, fieldErrors, formErrorsFrom, hasErrors, noErrors } from '../../lib/form-errors.ts';
import { passwordProblem, usernameProblem } from '../auth/credentials.ts';

const fields = ['username', 'password', 'email', 'role', 'isChild'] as const;

export function CreateMemberForm({ onCreated }: { onCreated: (member: Member) => void }) {
  const t = useT('admin');
  // The username and password rules' words are sign-up's.
  const ta = useT('auth');
  const roleOptions = [
    { value: 'learner', label: t('create.roleLearner') },
    { value: 'admin', label: t('create.roleAdmin') },
  ];
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<'learner' | 'admin'>('learner');
  const [isChild, setIsChild] = useState(false);
  const [errors, setErrors] = useState<FormErrors>(noErrors);
  const [created, setCreated] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setCreated(null);
    const clientErrors = fieldErrors({
      username: usernameProblem(username),
      password: passwordProblem(password),
    });
    setErrors(clientErrors);
    if (hasErrors(clientErrors)) return;
    setBusy(true);
    const trimmedEmail = email.trim();
    const body: MemberCreate = {
      username: username.trim(),
      password,
      role,
      isChild,
      ...(trimmedEmail ? { email: trimmedEmail } : {}),
    };
    try {
      const result = await api.post<{ member: Member }>('/api/admin/members', body);
      onCreated(result.member);
      setCreated(t('create.done', { name: result.member.username }));
      setUsername('');
      setPassword('');
      setEmail('');
      setRole('learner');
      setIsChild(false);
    } catch (error) {
      setErrors(formErrorsFrom(error, fields));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form onSubmit={submit} noValidate className="form" aria-labelledby="create-member">
      <h2 id="create-member">{t('create.title')}</h2>
      <FormAlert message={errors.form} />
      <div className="form-columns">
        <TextField
          label={ta('field.username')}
          name="username"
          value={username}
          onChange={setUsername}
          autoComplete="off"
          hint={ta('signUp.usernameHint')}
          error={errors.fields.username}
          required
          maxLength={32}
        />
        <TextField
          label={t('create.password')}
          name="password"
          type="password"
          value={password}
          onChange={setPassword}
          autoComplete="new-password"
          hint={t('create.passwordHint')}
          error={errors.fields.password}
          required
        />
        <TextField
          label={ta('field.email')}
          name="email"
          type="email"
          value={email}
          onChange={setEmail}
          autoComplete="off"
          optional
          error={errors.fields.email}
        />
        <SelectField
          label={t('create.role')}
          name="role"
          value={role}
          onChange={(value) => setRole(value === 'admin' ? 'admin' : 'learner')}
          options={roleOptions}
          error={errors.fields.role}
        />
      </div>
      <CheckboxField
        label={t('create.child')}
        name="isChild"
        checked={isChild}
        onChange={setIsChild}
        hint={t('create.childHint')}
        error={errors.fields.isChild}
      />
      <div className="form-actions">
        <SubmitButton busy={busy}>{t('create.submit')}</SubmitButton>
      </div>
      <StatusMessage message={created} />
    </form>
  );
}
