import { useState } from 'react';
import type { Coverage, Rewrite } from '../../../../contracts/reading.ts';
import { formatPercent } from '../../i18n/format.ts';
import { useT } from '../../i18n/i18n.ts';
import { ApiError, api } from '../../lib/api-client.ts';

function Shares({ label, coverage }: { label: string; coverage: Coverage }) {
  const t = useT('reading');
  return (
    <p className="muted">
      {t('rewrite.shares', {
        label,
        newShare: formatPercent(coverage.newShare, 1),
        knownShare: formatPercent(coverage.knownShare, 1),
      })}
    </p>
  );
}

/** "At my level": the text rewritten at the learner's CEFR level, beside the original. */
export function RewritePanel({ textId, language }: { textId: string; language: string }) {
  const t = useT('reading');
  const [rewrite, setRewrite] = useState<Rewrite | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function load() {
    setBusy(true);
    setError(null);
    try {
      setRewrite(await api.post<Rewrite>(`/api/reading/texts/${textId}/rewrite`, {}));
    } catch (caught) {
      setError(caught instanceof ApiError ? caught.message : t('rewrite.failed'));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="card reading-rewrite" aria-labelledby="rewrite-title">
      <h2 id="rewrite-title">{t('rewrite.title')}</h2>
      {rewrite ? (
        <>
          <p>{t('rewrite.for', { level: rewrite.level })}</p>
          <div className="reading-side-by-side">
            <div>
              <Shares label={t('rewrite.original')} coverage={rewrite.original} />
            </div>
            <div>
              <Shares label={t('rewrite.level', { level: rewrite.level })} coverage={rewrite.rewritten} />
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
          {busy ? t('rewrite.rewriting') : t('rewrite.start')}
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
