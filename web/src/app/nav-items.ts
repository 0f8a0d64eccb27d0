import { type ComponentType, type LazyExoticComponent, lazy } from 'react';
import type { User } from '../../../contracts/auth.ts';
import type { KeyIn, Namespace } from '../../../contracts/messages/catalogues.ts';
import type { IconName } from '../components/icon.tsx';
import { preloadNamespaces } from '../i18n/i18n.ts';

/**
 * Where an item sits in the navigation. `admin` items are shown only to admins, and their routes are
 * guarded: a learner who types the address gets the "not allowed" page.
 */
export type NavGroup = 'learn' | 'account' | 'admin';

export type NavItem = {
  /** Absolute path: both the link target and the route path (sub-routes match `${path}/*`). */
  path: string;
  /** A key of the `common` catalogue. */
  label: KeyIn<'common'>;
  icon: IconName;
  group: NavGroup;
  /** The page, loaded on first visit so that each section stays out of the first-load bundle. */
  page: LazyExoticComponent<ComponentType>;
  /** Also mark the link active on sub-paths (e.g. a conversation under /conversations). */
  matchDescendants?: boolean;
};

/**
 * A page loaded on first visit. `namespaces` are the message catalogues it shows at once: they load in
 * parallel with its chunk (a page that forgets one still works: `useT` loads it, one round trip later).
 */
function lazyPage<Module>(
  load: () => Promise<Module>,
  pick: (module: Module) => ComponentType,
  namespaces: readonly Namespace[] = [],
) {
  return lazy(async () => {
    const [module] = await Promise.all([load(), preloadNamespaces(namespaces)]);
    return { default: pick(module) };
  });
}

/**
 * The app's sections, in navigation order. A new feature (Conversations, Review, Grammar, Progress,
 * Usage…) adds exactly one entry here; `app.tsx` turns every entry into a lazy, guarded route.
 */
export const navItems: readonly NavItem[] = [
  {
    path: '/',
    label: 'nav.home',
    icon: 'home',
    group: 'learn',
    page: lazyPage(
      () => import('../features/home/home-page.tsx'),
      (module) => module.HomePage,
      // The dashboard's words: fetched after the data, they blanked the page while they came.
      ['progress'],
    ),
  },
  {
    path: '/conversations',
    label: 'nav.conversations',
    icon: 'chat',
    group: 'learn',
    matchDescendants: true,
    page: lazyPage(
      () => import('../features/conversations/conversations-page.tsx'),
      (module) => module.ConversationsPage,
    ),
  },
  {
    path: '/vocabulary',
    label: 'nav.vocabulary',
    icon: 'cards',
    group: 'learn',
    matchDescendants: true,
    page: lazyPage(
      () => import('../features/vocabulary/vocabulary-page.tsx'),
      (module) => module.VocabularyPage,
      ['vocabulary', 'speech'],
    ),
  },
  {
    path: '/grammar',
    label: 'nav.grammar',
    icon: 'book',
    group: 'learn',
    matchDescendants: true,
    page: lazyPage(
      () => import('../features/grammar/grammar-page.tsx'),
      (module) => module.GrammarPage,
      ['grammar'],
    ),
  },
  {
    path: '/reading',
    label: 'nav.reading',
    icon: 'book',
    group: 'learn',
    matchDescendants: true,
    page: lazyPage(
      () => import('../features/reading/reading-page.tsx'),
      (module) => module.ReadingPage,
      ['reading', 'speech'],
    ),
  },
  {
    path: '/tutor',
    label: 'nav.tutor',
    icon: 'chat',
    group: 'learn',
    page: lazyPage(
      () => import('../features/tutor/tutor-page.tsx'),
      (module) => module.TutorPage,
      ['tutor-page'],
    ),
  },
  {
    path: '/usage',
    label: 'nav.usage',
    icon: 'coins',
    group: 'account',
    page: lazyPage(
      () => import('../features/usage/usage-page.tsx'),
      (module) => module.UsagePage,
      ['usage'],
    ),
  },
  {
    path: '/settings',
    label: 'nav.settings',
    icon: 'settings',
    group: 'account',
    page: lazyPage(
      () => import('../features/settings/settings-page.tsx'),
      (module) => module.SettingsPage,
      ['settings', 'corrections', 'speech-settings'],
    ),
  },
  {
    path: '/admin/members',
    label: 'nav.members',
    icon: 'members',
    group: 'admin',
    matchDescendants: true,
    page: lazyPage(
      () => import('../features/admin/members-section.tsx'),
      (module) => module.MembersSection,
      ['admin'],
    ),
  },
  {
    path: '/admin/usage',
    label: 'nav.adminUsage',
    icon: 'chart',
    group: 'admin',
    page: lazyPage(
      () => import('../features/admin-usage/admin-usage-page.tsx'),
      (module) => module.AdminUsagePage,
      // providers: the cheaper chain's link fields are the providers page's.
      ['admin-usage', 'usage', 'providers'],
    ),
  },
  {
    path: '/admin/providers',
    label: 'nav.providers',
    icon: 'plug',
    group: 'admin',
    page: lazyPage(
      () => import('../features/admin-providers/providers-page.tsx'),
      (module) => module.ProvidersPage,
      // provider-notice: the three ways to add one; admin: when a provider was last checked.
      ['providers', 'provider-notice', 'admin'],
    ),
  },
  {
    path: '/admin/settings',
    label: 'nav.serverSettings',
    icon: 'server',
    group: 'admin',
    page: lazyPage(
      () => import('../features/admin/server-settings-page.tsx'),
      (module) => module.ServerSettingsPage,
      ['admin'],
    ),
  },
];

export const navGroupLabels: Record<NavGroup, KeyIn<'common'>> = {
  learn: 'nav.learn',
  account: 'nav.account',
  admin: 'nav.admin',
};

export function canSee(item: NavItem, user: Pick<User, 'role'>): boolean {
  return item.group !== 'admin' || user.role === 'admin';
}

/** The items this user may see, in order. */
export function navItemsFor(user: Pick<User, 'role'>, items: readonly NavItem[] = navItems): NavItem[] {
  return items.filter((item) => canSee(item, user));
}
