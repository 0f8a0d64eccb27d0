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
import { api } from '../../lib/api-client.ts';
import { type FormErrors, fieldErrors, formErrorsFrom, hasErrors, noErrors } from '../../lib/form-errors.ts';
import { passwordProblem, usernameProblem } from '../auth/credentials.ts';

const fields = ['username', 'password', 'email', 'role', 'isChild'] as const;

const roleOptions = [
  { value: 'learner', label: 'Learner' },
  { value: 'admin', label: 'Admin: manages members and the server' },
];

export function CreateMemberForm({ onCreated }: { onCreated: (member: Member) => void }) {
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
      setCreated(
        `Created ${result.member.username}. Give them the temporary password; they can change it in Profile & settings.`,
      );
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
      <h2 id="create-member">Add a member</h2>
      <FormAlert message={errors.form} />
      <div className="form-columns">
        <TextField
          label="Username"
          name="username"
          value={username}
          onChange={setUsername}
          autoComplete="off"
          hint="3–32 characters: letters, digits, dot, underscore or hyphen."
          error={errors.fields.username}
          required
          maxLength={32}
        />
        <TextField
          label="Temporary password"
          name="password"
          type="password"
          value={password}
          onChange={setPassword}
          autoComplete="new-password"
          hint="At least 10 characters. Tell it to them; they can change it later."
          error={errors.fields.password}
          required
        />
        <TextField
          label="Email"
          name="email"
          type="email"
          value={email}
          onChange={setEmail}
          autoComplete="off"
          optional
          error={errors.fields.email}
        />
        <SelectField
          label="Role"
          name="role"
          value={role}
          onChange={(value) => setRole(value === 'admin' ? 'admin' : 'learner')}
          options={roleOptions}
          error={errors.fields.role}
        />
      </div>
      <CheckboxField
        label="Child account"
        name="isChild"
        checked={isChild}
        onChange={setIsChild}
        hint="Child accounts get content-safety rules in every conversation, and admins can read their transcripts."
        error={errors.fields.isChild}
      />
      <div className="form-actions">
        <SubmitButton busy={busy}>Create member</SubmitButton>
      </div>
      <StatusMessage message={created} />
    </form>
  );
}
