import { Link } from 'react-router';
import type { ProviderStatus } from '../../../../contracts/conversations.ts';
import { useApiQuery } from '../../lib/use-api-query.ts';
import { setupWayPath, setupWays } from '../admin-providers/setup-ways.ts';
import './provider-notice.css';

/** `GET /api/providers`, for the notice below. A failure to load it is not shown: sending still explains itself. */
export function useProviderStatus() {
  return useApiQuery<ProviderStatus>('/api/providers');
}

/** The notice with its own status request, for a screen that has no other use for it (the owner's home). */
export function LoadedProviderNotice() {
  const providers = useProviderStatus();
  return <ProviderNotice status={providers.data} />;
}

function SetupWayList() {
  return (
    <ul className="setup-ways">
      {setupWays.map((way) => (
        <li key={way.anchor}>
          <Link to={setupWayPath(way)}>{way.title}</Link>
          <span className="setup-way-description">{way.description}</span>
        </li>
      ))}
    </ul>
  );
}

/**
 * What to do when the tutor cannot answer because no AI provider can. Everything else in the app keeps
 * working, so this sits on the conversation screens and the owner's home only. An admin gets the three
 * ways to set one up in the app; anyone else learns that the owner has to.
 */
export function ProviderNotice({
  status,
  compact = false,
}: {
  status: ProviderStatus | null;
  compact?: boolean;
}) {
  if (!status || status.available) return null;
  return (
    <section className="alert alert-warning provider-notice" aria-labelledby="provider-notice-title">
      <h2 id="provider-notice-title">The tutor can't answer yet</h2>
      {status.canConfigure ? (
        <>
          <p>
            No AI provider can answer conversations. Set one up in the app, on the{' '}
            <Link to="/admin/providers">AI providers</Link> page: no file to edit, no restart.
          </p>
          {compact ? (
            // Folded on the chat screen, where the messages need the room (a phone has little of it).
            <details>
              <summary>Three ways to set one up</summary>
              <SetupWayList />
            </details>
          ) : (
            <SetupWayList />
          )}
        </>
      ) : (
        <p>
          The owner of this server has to set up an AI provider first; ask them to. You can still read your
          conversations and start new ones, and review, grammar drills and progress work without it.
        </p>
      )}
    </section>
  );
}
