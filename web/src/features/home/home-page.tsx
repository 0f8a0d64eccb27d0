import { lazy, Suspense } from 'react';
import { LoadError, PageLoading } from '../../components/page-states.tsx';
import { useT } from '../../i18n/i18n.ts';
import { useCurrentUser } from '../../lib/auth-context.tsx';
import { greetingFor } from '../../lib/languages.ts';
import { ProgressDashboard, useProgress } from '../progress/progress-dashboard.tsx';

/**
 * For admins: the ways to set up a provider when none can answer (learners meet it in Conversations).
 * Loaded apart, so that nobody else's first load of Home carries it.
 */
const AdminProviderNotice = lazy(async () => ({
  default: (await import('../conversations/provider-notice.tsx')).LoadedProviderNotice,
}));

/** Home: a greeting in the language being learned, then the learner's progress dashboard. */
export function HomePage() {
  const t = useT('common');
  const user = useCurrentUser();
  const greeting = greetingFor(user.profile.targetLanguages[0]?.language);
  // Spanish opens an exclamation with "¡"; the word carries it, the closing "!" is shared.
  const greetingText = `${greeting.word}, ${user.username}!`;
  const { query, setLanguage } = useProgress('/api/progress');

  return (
    <section className="page">
      <title>{t('states.documentTitle', { page: t('home.title') })}</title>
      <div className="page-title">
        <h1>
          <span lang={greeting.language} dir="auto" translate="no">
            {greetingText}
          </span>
        </h1>
        <p className="lead">{user.isChild ? t('home.leadChild') : t('home.lead')}</p>
      </div>
      {user.role === 'admin' ? (
        <Suspense fallback={null}>
          <AdminProviderNotice />
        </Suspense>
      ) : null}

      {query.data ? (
        <ProgressDashboard
          progress={query.data}
          view={{ kind: 'self', child: user.isChild }}
          onLanguageChange={setLanguage}
          busy={query.loading}
        />
      ) : query.error ? (
        <LoadError message={t('home.loadFailed', { message: query.error.message })} onRetry={query.reload} />
      ) : (
        <PageLoading label={t('home.loading')} />
      )}
    </section>
  );
}
