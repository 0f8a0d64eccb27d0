import { lazy, type ReactNode, Suspense } from 'react';
import { Route, Routes } from 'react-router';
import { type NavItem, navItems } from './app/nav-items.ts';
import { AppShell } from './components/app-shell.tsx';
import { NotFoundPage, PageLoading } from './components/page-states.tsx';
import {
  AuthPending,
  RedirectIfSignedIn,
  RequireAdmin,
  RequireAuth,
  RequireOnboarded,
} from './components/route-guards.tsx';
import { preloadNamespaces } from './i18n/i18n.ts';
import { useAuth } from './lib/auth-context.tsx';

const LoginPage = lazy(async () => ({
  default: (await Promise.all([import('./features/auth/login-page.tsx'), preloadNamespaces(['auth'])]))[0]
    .LoginPage,
}));
const SignupPage = lazy(async () => ({
  default: (await Promise.all([import('./features/auth/signup-page.tsx'), preloadNamespaces(['auth'])]))[0]
    .SignupPage,
}));
const OnboardingPage = lazy(async () => ({
  default: (
    await Promise.all([
      import('./features/onboarding/onboarding-page.tsx'),
      preloadNamespaces(['onboarding']),
    ])
  )[0].OnboardingPage,
}));

function Standalone({ children }: { children: ReactNode }) {
  return (
    <main className="auth-layout" id="main">
      <Suspense fallback={<PageLoading />}>{children}</Suspense>
    </main>
  );
}

/** An unknown address: inside the app frame for signed-in users, on its own for everyone else. */
function NotFoundRoute() {
  const { status, user } = useAuth();
  if (status === 'loading' || status === 'error') return <AuthPending />;
  if (user?.profile.onboarded) {
    return (
      <AppShell>
        <NotFoundPage />
      </AppShell>
    );
  }
  return (
    <Standalone>
      <NotFoundPage />
    </Standalone>
  );
}

/** One lazy route per nav registry entry; admin sections are guarded. */
function navRoute(item: NavItem) {
  const Page = item.page;
  const page =
    item.group === 'admin' ? (
      <RequireAdmin>
        <Page />
      </RequireAdmin>
    ) : (
      <Page />
    );
  if (item.path === '/') return <Route key={item.path} index element={page} />;
  return <Route key={item.path} path={item.matchDescendants ? `${item.path}/*` : item.path} element={page} />;
}

export function App() {
  return (
    <Routes>
      <Route
        path="/login"
        element={
          <RedirectIfSignedIn>
            <Standalone>
              <LoginPage />
            </Standalone>
          </RedirectIfSignedIn>
        }
      />
      <Route
        path="/signup"
        element={
          <RedirectIfSignedIn>
            <Standalone>
              <SignupPage />
            </Standalone>
          </RedirectIfSignedIn>
        }
      />
      <Route
        path="/onboarding"
        element={
          <RequireAuth>
            <Standalone>
              <OnboardingPage />
            </Standalone>
          </RequireAuth>
        }
      />
      <Route
        element={
          <RequireAuth>
            <RequireOnboarded>
              <AppShell />
            </RequireOnboarded>
          </RequireAuth>
        }
      >
        {navItems.map(navRoute)}
        {/* Any other admin address: "not allowed" for learners, "not found" for admins. */}
        <Route
          path="/admin/*"
          element={
            <RequireAdmin>
              <NotFoundPage />
            </RequireAdmin>
          }
        />
      </Route>
      <Route path="*" element={<NotFoundRoute />} />
    </Routes>
  );
}
