import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import { useT } from '../i18n/i18n.ts';
import { useAuth } from '../lib/auth-context.tsx';
import { NotAllowedPage, PageLoading } from './page-states.tsx';

export type FromState = { from?: string };

/** Shown while `GET /api/me` is in flight, or when it failed for a reason other than "signed out". */
export function AuthPending() {
  const { status, error, refresh } = useAuth();
  const t = useT('common');
  if (status === 'error') {
    return (
      <main className="auth-layout">
        <div className="card auth-card" role="alert">
          <h1>{t('states.serverUnreachable')}</h1>
          <p>{error?.message ?? t('states.serverSilent')}</p>
          <button type="button" className="button button-primary" onClick={() => void refresh()}>
            {t('actions.tryAgain')}
          </button>
        </div>
      </main>
    );
  }
  return (
    <main className="auth-layout">
      <PageLoading />
    </main>
  );
}

/** Signed out → /login (remembering where the user was going). */
export function RequireAuth({ children }: { children: ReactNode }) {
  const { status } = useAuth();
  const location = useLocation();
  if (status === 'loading' || status === 'error') return <AuthPending />;
  if (status === 'signed-out') {
    const state: FromState = { from: `${location.pathname}${location.search}` };
    return <Navigate to="/login" replace state={state} />;
  }
  return children;
}

/** Learners finish onboarding (languages, level, goal) before anything else. */
export function RequireOnboarded({ children }: { children: ReactNode }) {
  const { user } = useAuth();
  if (user && !user.profile.onboarded) return <Navigate to="/onboarding" replace />;
  return children;
}

/** Non-admins get an explanation instead of the page; the server refuses their calls anyway. */
export function RequireAdmin({ children }: { children: ReactNode }) {
  const { user } = useAuth();
  if (user?.role !== 'admin') return <NotAllowedPage />;
  return children;
}

/** Sign-in and sign-up are for signed-out visitors; a signed-in one goes on into the app. */
export function RedirectIfSignedIn({ children }: { children: ReactNode }) {
  const { status } = useAuth();
  const location = useLocation();
  if (status === 'loading' || status === 'error') return <AuthPending />;
  if (status === 'signed-in') {
    const from = (location.state as FromState | null)?.from;
    return <Navigate to={from && from !== '/login' && from !== '/signup' ? from : '/'} replace />;
  }
  return children;
}
