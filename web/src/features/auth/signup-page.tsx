import { type FormEvent, useState } from 'react';
import { Link } from 'react-router';
import type { SessionResponse } from '../../../../contracts/auth.ts';
import { FormAlert, SubmitButton, TextField } from '../../components/form-field.tsx';
import { LoadError, PageLoading } from '../../components/page-states.tsx';
import { api } from '../../lib/api-client.ts';
import { useAuth } from '../../lib/auth-context.tsx';
import { type FormErrors, fieldErrors, formErrorsFrom, hasErrors, noErrors } from '../../lib/form-errors.ts';
import { passwordProblem, usernameProblem } from './credentials.ts';
import { useAuthStatus } from './use-auth-status.ts';

const fields = ['username', 'password', 'email'] as const;

export function SignupPage() {
  const status = useAuthStatus();

  if (status.loading) return <PageLoading />;
  if (status.error || !status.data) {
    return (
      <div className="card auth-card">
        <title>Sign up · Charla</title>
        <h1>Sign up</h1>
        <LoadError message={status.error?.message ?? 'Could not load.'} onRetry={status.reload} />
      </div>
    );
  }

  const { needsSetup, openSignup } = status.data;
  if (!needsSetup && !openSignup) {
    return (
      <div className="card auth-card">
        <title>Sign-up is closed · Charla</title>
        <p className="auth-brand">Charla</p>
        <h1>Sign-up is closed</h1>
        <p>
          This server does not accept new sign-ups. Ask an admin of this server to create an account for you.
        </p>
        <p className="auth-switch">
          Already have an account? <Link to="/login">Sign in</Link>
        </p>
      </div>
    );
  }
  return <SignupForm owner={needsSetup} />;
}

function SignupForm({ owner }: { owner: boolean }) {
  const { setSession } = useAuth();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [email, setEmail] = useState('');
  const [errors, setErrors] = useState<FormErrors>(noErrors);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const clientErrors = fieldErrors({
      username: usernameProblem(username),
      password: passwordProblem(password),
    });
    setErrors(clientErrors);
    if (hasErrors(clientErrors)) return;
    setBusy(true);
    try {
      const trimmedEmail = email.trim();
      const session = await api.post<SessionResponse>('/api/auth/signup', {
        username: username.trim(),
        password,
        ...(trimmedEmail ? { email: trimmedEmail } : {}),
      });
      // The route guard takes the new user on to onboarding.
      setSession(session);
    } catch (error) {
      setErrors(formErrorsFrom(error, fields));
      setBusy(false);
    }
  }

  const title = owner ? 'Create the owner account' : 'Create your account';
  return (
    <div className="card auth-card">
      <title>{`${title} · Charla`}</title>
      <p className="auth-brand">Charla</p>
      <h1>{title}</h1>
      {owner ? (
        <p className="lead">
          Welcome! This is the first account on this server. It becomes the owner: an admin who manages the
          family or class, creates accounts for the other learners and looks after the server's settings.
        </p>
      ) : (
        <p className="lead">Choose a username and a password to start learning.</p>
      )}
      <form onSubmit={submit} noValidate className="form">
        <FormAlert message={errors.form} />
        <TextField
          label="Username"
          name="username"
          value={username}
          onChange={setUsername}
          autoComplete="username"
          hint="3–32 characters: letters, digits, dot, underscore or hyphen."
          error={errors.fields.username}
          required
          maxLength={32}
        />
        <TextField
          label="Password"
          name="password"
          type="password"
          value={password}
          onChange={setPassword}
          autoComplete="new-password"
          hint="At least 10 characters. A few unrelated words make a strong password."
          error={errors.fields.password}
          required
        />
        <TextField
          label="Email"
          name="email"
          type="email"
          value={email}
          onChange={setEmail}
          autoComplete="email"
          optional
          error={errors.fields.email}
        />
        <SubmitButton busy={busy}>Create account</SubmitButton>
      </form>
      {owner ? null : (
        <p className="auth-switch">
          Already have an account? <Link to="/login">Sign in</Link>
        </p>
      )}
    </div>
  );
}
