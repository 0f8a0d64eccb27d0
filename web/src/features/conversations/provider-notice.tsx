import type { ProviderStatus } from '../../../../contracts/conversations.ts';
import { useCurrentUser } from '../../lib/auth-context.tsx';
import { useApiQuery } from '../../lib/use-api-query.ts';

/** Used when the server reports no provider but gives no hint (e.g. providers exist, none for conversation). */
const fallbackHint =
  'No AI provider is set up for conversations. Add ANTHROPIC_API_KEY (or MISTRAL_API_KEY, or an OpenAI-compatible server in OPENAI_COMPATIBLE_ENDPOINTS) to the .env file next to package.json, then restart Charla.';

/** `GET /api/providers`, for the notice below. A failure to load it is not shown: sending still explains itself. */
export function useProviderStatus() {
  return useApiQuery<ProviderStatus>('/api/providers');
}

/**
 * What to do when the tutor cannot answer because no AI provider is configured. Everything else in the
 * app keeps working, so this sits on the conversation screens only, and names the exact setting.
 */
export function ProviderNotice({
  status,
  compact = false,
}: {
  status: ProviderStatus | null;
  compact?: boolean;
}) {
  const user = useCurrentUser();
  if (!status || status.available) return null;
  const hint = status.setupHint ?? fallbackHint;
  return (
    <section className="alert alert-warning provider-notice" aria-labelledby="provider-notice-title">
      <h2 id="provider-notice-title">The tutor can't answer yet</h2>
      <p>{hint}</p>
      {user.role === 'admin' ? (
        // Folded on the chat screen, where the messages need the room (a phone has little of it).
        <details open={!compact}>
          <summary>How to add a provider, step by step</summary>
          <ol>
            <li>
              Open the file <code>.env</code> in the folder that holds Charla's <code>package.json</code>{' '}
              (create it if it is missing).
            </li>
            <li>
              Add one line with your key, for example <code>ANTHROPIC_API_KEY=sk-ant-…</code>. A local model
              needs no key: an Ollama running on the same machine is found at start, other servers go in{' '}
              <code>OPENAI_COMPATIBLE_ENDPOINTS</code>.
            </li>
            <li>Restart Charla. Keys stay on the server; they are never sent to a browser.</li>
          </ol>
        </details>
      ) : (
        <p>
          Ask an admin of this server to add it. You can still read your conversations and start new ones.
        </p>
      )}
    </section>
  );
}
