import {
  createContext,
  type ReactNode,
  startTransition,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useRef,
  useState,
} from 'react';
import type { SessionResponse, User } from '../../../contracts/auth.ts';
import { setLanguage, translate } from '../i18n/i18n.ts';
import { ApiError, api, onUnauthenticated, setCsrfToken } from './api-client.ts';

export type AuthStatus = 'loading' | 'signed-in' | 'signed-out' | 'error';

export type AuthContextValue = {
  status: AuthStatus;
  user: User | null;
  csrfToken: string | null;
  /** Why the session could not be loaded when `status` is 'error' (server down, network). */
  error: ApiError | null;
  /** Re-reads `GET /api/me`; a 401 turns into the signed-out state. */
  refresh: () => Promise<void>;
  /**
   * Ends this session on the server and forgets the user here, even if the server cannot be reached.
   * `onSignedOut` runs in the same update as the sign-out (e.g. to navigate with a notice): after it, the
   * signed-in page that called it is gone and the route guards have already redirected.
   */
  logout: (onSignedOut?: () => void) => Promise<void>;
  /** Ends every session of the user, this one included; throws (and stays signed in) if the server refuses. */
  logoutEverywhere: (onSignedOut?: () => void) => Promise<void>;
  /** Adopts the session returned by login or sign-up. */
  setSession: (session: SessionResponse) => void;
  /** Replaces the user after a profile change, keeping the session. */
  setUser: (user: User) => void;
  /** Forgets the user locally, e.g. after the account was deleted; `onSignedOut` as for `logout`. */
  clearSession: (onSignedOut?: () => void) => void;
};

const AuthContext = createContext<AuthContextValue | null>(null);

type State = { status: AuthStatus; user: User | null; csrfToken: string | null; error: ApiError | null };

const signedOut: State = { status: 'signed-out', user: null, csrfToken: null, error: null };

export function AuthProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<State>({ status: 'loading', user: null, csrfToken: null, error: null });
  const generation = useRef(0);

  const applySignedOut = useCallback(() => {
    generation.current += 1;
    setCsrfToken(null);
    setState(signedOut);
    // For what lives outside this tree (a celebration card): the next person at the screen must not see it.
    window.dispatchEvent(new Event('charla:signed-out'));
  }, []);

  const refresh = useCallback(async () => {
    // A later call (or a logout) wins over a slower earlier one.
    const mine = ++generation.current;
    try {
      // Its own 401 is handled below: reported to the 401 listener, it would start another refresh that
      // supersedes this one, whose 401 starts another, and the signed-out state would never be reached.
      const session = await api.get<SessionResponse>('/api/me', { credentialCheck: true });
      if (mine !== generation.current) return;
      setCsrfToken(session.csrfToken);
      setState({ status: 'signed-in', user: session.user, csrfToken: session.csrfToken, error: null });
    } catch (error) {
      if (mine !== generation.current) return;
      if (error instanceof ApiError && (error.status === 401 || error.status === 403)) {
        setCsrfToken(null);
        setState(signedOut);
        return;
      }
      const apiError =
        error instanceof ApiError
          ? error
          : new ApiError(0, 'network_error', translate('common.errors.network'));
      setState((previous) =>
        // Keep a signed-in user on a transient failure; only a first load has nothing to show.
        previous.status === 'signed-in' ? previous : { ...signedOut, status: 'error', error: apiError },
      );
    }
  }, []);

  useEffect(() => {
    void refresh();
  }, [refresh]);

  // A signed-in member's interface language is their profile's, on every device they sign in on.
  const profileLanguage = state.user?.profile.interfaceLanguage;
  useEffect(() => {
    if (profileLanguage) void setLanguage(profileLanguage);
  }, [profileLanguage]);

  // A 401 on any ordinary call may mean the session ended elsewhere: confirm with /api/me, not guess.
  const stateRef = useRef(state);
  useEffect(() => {
    stateRef.current = state;
  }, [state]);
  useEffect(
    () =>
      onUnauthenticated(() => {
        if (stateRef.current.status === 'signed-in') void refresh();
      }),
    [refresh],
  );

  // React Router applies navigations as transitions; the sign-out joins the same transition so that the
  // guards never see "signed out, still on the old page" and redirect on their own.
  const signOutWith = useCallback(
    (onSignedOut?: () => void) =>
      startTransition(() => {
        onSignedOut?.();
        applySignedOut();
      }),
    [applySignedOut],
  );

  const logout = useCallback(
    async (onSignedOut?: () => void) => {
      try {
        await api.post('/api/auth/logout');
      } catch {
        // The local session is dropped regardless: a user who asked to sign out must not stay signed in here.
      }
      signOutWith(onSignedOut);
    },
    [signOutWith],
  );

  const logoutEverywhere = useCallback(
    async (onSignedOut?: () => void) => {
      await api.post('/api/auth/logout-all');
      signOutWith(onSignedOut);
    },
    [signOutWith],
  );

  const setSession = useCallback((session: SessionResponse) => {
    generation.current += 1;
    setCsrfToken(session.csrfToken);
    setState({ status: 'signed-in', user: session.user, csrfToken: session.csrfToken, error: null });
  }, []);

  const setUser = useCallback((user: User) => {
    setState((previous) => ({ ...previous, status: 'signed-in', user }));
  }, []);

  const value = useMemo<AuthContextValue>(
    () => ({
      ...state,
      refresh,
      logout,
      logoutEverywhere,
      setSession,
      setUser,
      clearSession: signOutWith,
    }),
    [state, refresh, logout, logoutEverywhere, setSession, setUser, signOutWith],
  );

  return <AuthContext value={value}>{children}</AuthContext>;
}

export function useAuth(): AuthContextValue {
  const value = useContext(AuthContext);
  if (!value) throw new Error('useAuth must be used inside <AuthProvider>');
  return value;
}

/** For pages behind the sign-in guard, where a user is always present. */
export function useCurrentUser(): User {
  const { user } = useAuth();
  if (!user) throw new Error('useCurrentUser used outside a signed-in route');
  return user;
}
