import { Link, useParams } from 'react-router';
import { LoadError, PageLoading, PageTitle } from '../../components/page-states.tsx';
import { useT } from '../../i18n/i18n.ts';
import { ProgressDashboard, useProgress } from '../progress/progress-dashboard.tsx';

function BackToMembers() {
  const t = useT('admin');
  return (
    <p>
      <Link to="/admin/members" className="button button-small">
        <span aria-hidden="true">← </span>
        {t('allMembers')}
      </Link>
    </p>
  );
}

/**
 * An admin's read-only view of a member's progress at /admin/members/:memberId/progress: the same
 * dashboard the member sees on their Home, without the links that act on it.
 */
export function MemberProgressPage() {
  const t = useT('admin');
  const { memberId = '' } = useParams();
  const { query, setLanguage } = useProgress(`/api/admin/members/${encodeURIComponent(memberId)}/progress`);

  if (!query.data) {
    if (!query.error) return <PageLoading label={t('progress.loading')} />;
    return (
      <section className="page">
        <PageTitle>{t('progress.title')}</PageTitle>
        <LoadError message={query.error.message} onRetry={query.reload} />
        <BackToMembers />
      </section>
    );
  }
  const progress = query.data;
  const name = progress.member.username;
  return (
    <section className="page">
      <PageTitle lead={t('progress.lead')}>{t('progress.named', { name })}</PageTitle>
      <BackToMembers />
      <ProgressDashboard
        progress={progress}
        view={{ kind: 'admin', username: name }}
        onLanguageChange={setLanguage}
        busy={query.loading}
      />
    </section>
  );
}
