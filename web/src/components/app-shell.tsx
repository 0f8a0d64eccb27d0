import { type ReactNode, Suspense, useEffect, useId, useRef, useState } from 'react';
import { Link, NavLink, Outlet, useLocation, useNavigate } from 'react-router';
import { type NavGroup, type NavItem, navGroupLabels, navItems, navItemsFor } from '../app/nav-items.ts';
import { BudgetAlertBanner } from '../features/usage/budget-alerts.tsx';
import { useT } from '../i18n/i18n.ts';
import { useAuth, useCurrentUser } from '../lib/auth-context.tsx';
import { Icon } from './icon.tsx';
import { PageLoading } from './page-states.tsx';

const groupOrder: readonly NavGroup[] = ['learn', 'account', 'admin'];

export function MainNav({ items, onNavigate }: { items: readonly NavItem[]; onNavigate?: () => void }) {
  const t = useT('common');
  return (
    <>
      {groupOrder.map((group) => {
        const inGroup = items.filter((item) => item.group === group);
        if (inGroup.length === 0) return null;
        const headingId = `nav-group-${group}`;
        return (
          <div className="nav-group" key={group}>
            {/* Only the admin group gets a visible heading: it tells admins which pages others don't see. */}
            <h2 id={headingId} className={group === 'admin' ? 'nav-heading' : 'visually-hidden'}>
              {t(navGroupLabels[group])}
            </h2>
            <ul aria-labelledby={headingId}>
              {inGroup.map((item) => (
                <li key={item.path}>
                  <NavLink
                    to={item.path}
                    end={!item.matchDescendants}
                    className="nav-link"
                    onClick={onNavigate}
                  >
                    <Icon name={item.icon} />
                    <span>{t(item.label)}</span>
                  </NavLink>
                </li>
              ))}
            </ul>
          </div>
        );
      })}
    </>
  );
}

/** The signed-in frame: header, navigation (a collapsible panel on phones) and the page. */
export function AppShell({ children }: { children?: ReactNode }) {
  const t = useT('common');
  const user = useCurrentUser();
  const { logout } = useAuth();
  const navigate = useNavigate();
  const location = useLocation();
  const [menuOpen, setMenuOpen] = useState(false);
  const [signingOut, setSigningOut] = useState(false);
  const navId = useId();
  const mainRef = useRef<HTMLElement>(null);
  const firstPath = useRef(location.pathname);

  // After client-side navigation, move focus to the page so screen readers announce the new content.
  useEffect(() => {
    if (location.pathname === firstPath.current) return;
    firstPath.current = location.pathname;
    setMenuOpen(false);
    mainRef.current?.focus();
  }, [location.pathname]);

  useEffect(() => {
    if (!menuOpen) return;
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') setMenuOpen(false);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [menuOpen]);

  async function signOut() {
    setSigningOut(true);
    // Straight to the sign-in page, not "back to where you were": the next person may be someone else.
    await logout(() => navigate('/login', { replace: true }));
  }

  const items = navItemsFor(user, navItems);

  return (
    <div className="shell">
      <a className="skip-link" href="#main">
        {t('shell.skipToContent')}
      </a>
      <header className="topbar">
        <Link to="/" className="brand">
          <svg viewBox="0 0 32 32" width="28" height="28" aria-hidden="true" focusable="false">
            <rect width="32" height="32" rx="8" fill="currentColor" />
            <path
              d="M8 9h16a2 2 0 0 1 2 2v9a2 2 0 0 1-2 2h-9l-5 4v-4H8a2 2 0 0 1-2-2v-9a2 2 0 0 1 2-2z"
              fill="var(--surface)"
            />
          </svg>
          <span>Charla</span>
        </Link>
        <div className="account">
          <span className="account-name" title={t('shell.signedInAs', { name: user.username })}>
            <span className="visually-hidden">{t('shell.signedInAs', { name: user.username })}</span>
            <span aria-hidden="true">{user.username}</span>
          </span>
          <button
            type="button"
            className="button button-secondary button-small"
            onClick={signOut}
            disabled={signingOut}
          >
            {t('shell.signOut')}
          </button>
        </div>
        <button
          type="button"
          className="menu-toggle button button-quiet"
          aria-expanded={menuOpen}
          aria-controls={navId}
          onClick={() => setMenuOpen((open) => !open)}
        >
          <Icon name={menuOpen ? 'close' : 'menu'} />
          <span>{t('shell.menu')}</span>
        </button>
      </header>
      <div className="shell-body">
        <nav id={navId} className="sidenav" data-open={menuOpen || undefined} aria-label={t('shell.mainNav')}>
          <p className="sidenav-user">{t('shell.signedInAs', { name: user.username })}</p>
          <MainNav items={items} onNavigate={() => setMenuOpen(false)} />
        </nav>
        <main id="main" ref={mainRef} tabIndex={-1} className="main">
          <BudgetAlertBanner />
          <Suspense fallback={<PageLoading />}>{children ?? <Outlet />}</Suspense>
        </main>
      </div>
    </div>
  );
}
