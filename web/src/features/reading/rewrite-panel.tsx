import { useState } from 'react';
import type { Coverage, Rewrite } from '../../../../contracts/reading.ts';
import { ApiError, api } from '../../lib/api-client.ts';

const percent = (share: number) => `${Math.round(share * 1000) / 10} %`;

function Shares({ label, coverage }: { label: string; coverage: Coverage }) {
  return (
    <p className="muted">
      {label}: {percent(coverage.newShare)} new words, {percent(coverage.knownShare)} known
    </p>
  );
}

/** "At my level": the text rewritten at the learner's CEFR level, beside the original. */
export function RewritePanel({ textId, language }: { textId: string; language: string }) {
  const [rewrite, setRewrite] = useState<Rewrite | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function load() {
    setBusy(true);
    setError(null);
    try {
      setRewrite(await api.post<Rewrite>(`/api/reading/texts/${textId}/rewrite`, {}));
    } catch (caught) {
      setError(caught instanceof ApiError ? caught.message : 'Could not rewrite the text.');
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="card reading-rewrite" aria-labelledby="rewrite-title">
      <h2 id="rewrite-title">At my level</h2>
      {rewrite ? (
        <>
          <p>Rewritten for level {rewrite.level}.</p>
          <div className="reading-side-by-side">
            <div>
              <Shares label="Original" coverage={rewrite.original} />
            </div>
            <div>
              <Shares label={`Level ${rewrite.level}`} coverage={rewrite.rewritten} />
              <div lang={language} className="reading-rewritten" data-testid="rewritten-text">
                {rewrite.text.split('\n\n').map((paragraph) => (
                  <p key={paragraph}>{paragraph}</p>
                ))}
              </div>
            </div>
          </div>
        </>
      ) : (
        <button type="button" className="button" onClick={load} disabled={busy}>
          {busy ? 'Rewriting…' : 'Rewrite it at my level'}
        </button>
      )}
      {error ? (
        <p className="form-alert" role="alert">
          {error}
        </p>
      ) : null}
    </section>
  );
}
