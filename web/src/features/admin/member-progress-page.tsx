import { Link, useParams } from 'react-router';
import { LoadError, PageLoading, PageTitle } from '../../components/page-states.tsx';
import { ProgressDashboard, useProgress } from '../progress/progress-dashboard.tsx';

function BackToMembers() {
  return (
    <p>
      <Link to="/admin/members" className="button button-small">
        <span aria-hidden="true">← </span>
        All members
      </Link>
    </p>
  );
}

/**
 * An admin's read-only view of a member's progress at /admin/members/:memberId/progress: the same
 * dashboard the member sees on their Home, without the links that act on it.
 */
export function MemberProgressPage() {
  const { memberId = '' } = useParams();
  const { query, setLanguage } = useProgress(`/api/admin/members/${encodeURIComponent(memberId)}/progress`);

  if (!query.data) {
    if (!query.error) return <PageLoading label="Loading progress…" />;
    return (
      <section className="page">
        <PageTitle>Progress</PageTitle>
        <LoadError message={query.error.message} onRetry={query.reload} />
        <BackToMembers />
      </section>
    );
  }
  const progress = query.data;
  const name = progress.member.username;
  return (
    <section className="page">
      <PageTitle lead="Read-only: the dashboard this member sees on their Home. Viewing it changes nothing.">
        {`${name}’s progress`}
      </PageTitle>
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
