import { Link } from 'react-router';
import { useT } from '../../i18n/i18n.ts';
import { DashboardCard, type View } from './progress-dashboard.tsx';

/**
 * Day one's card (nothing practised yet), a chunk of its own with the `progress-start` words: an active
 * learner's Home never loads either.
 */
export function WelcomeCard({ view }: { view: View }) {
  const t = useT('progress-start');
  return (
    <DashboardCard
      id="empty"
      title={view.kind === 'self' ? t('empty.title') : t('empty.titleMember', { name: view.username })}
      className="progress-empty"
    >
      {view.kind === 'self' ? (
        <>
          <p>{t('empty.text')}</p>
          <p className="progress-actions">
            <Link to="/conversations" className="button button-primary">
              {t('empty.converse')}
            </Link>
            <Link to="/vocabulary" className="button">
              {t('empty.review')}
            </Link>
            <Link to="/grammar" className="button">
              {t('empty.grammar')}
            </Link>
          </p>
        </>
      ) : (
        <p>{t('empty.textMember')}</p>
      )}
    </DashboardCard>
  );
}

/** No language to learn chosen yet: rare (onboarding asks for one), so its words are in `progress-start`. */
export function NoLevel({ own }: { own: boolean }) {
  const t = useT('progress-start');
  return own ? (
    <p>
      {t('level.none')} <Link to="/settings">{t('level.choose')}</Link>
    </p>
  ) : (
    <p>{t('level.noneMember')}</p>
  );
}
