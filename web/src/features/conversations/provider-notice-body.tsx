import { Link } from 'react-router';
import { useT } from '../../i18n/i18n.ts';
import { rich, slots } from '../../i18n/rich-text.tsx';
import { setupWayPath, setupWays } from '../admin-providers/setup-ways.ts';
import './provider-notice.css';

function SetupWayList() {
  const t = useT('provider-notice');
  return (
    <ul className="setup-ways">
      {setupWays.map((way) => (
        <li key={way.anchor}>
          <Link to={setupWayPath(way)}>{t(`way.${way.anchor}.title`)}</Link>
          <span className="setup-way-description">{t(`way.${way.anchor}.description`)}</span>
        </li>
      ))}
    </ul>
  );
}

/**
 * The notice itself, loaded (code and words) only when it shows: most screens never show it, and the
 * conversation screen's first load has no room for it.
 */
export function Notice({ canConfigure, compact }: { canConfigure: boolean; compact: boolean }) {
  const t = useT('provider-notice');
  return (
    <section className="alert alert-warning provider-notice" aria-labelledby="provider-notice-title">
      <h2 id="provider-notice-title">{t('title')}</h2>
      {canConfigure ? (
        <>
          <p>
            {rich(t('admin', slots('link')), { link: <Link to="/admin/providers">{t('admin.link')}</Link> })}
          </p>
          {compact ? (
            // Folded on the chat screen, where the messages need the room (a phone has little of it).
            <details>
              <summary>{t('admin.threeWays')}</summary>
              <SetupWayList />
            </details>
          ) : (
            <SetupWayList />
          )}
        </>
      ) : (
        <p>{t('learner')}</p>
      )}
    </section>
  );
}
