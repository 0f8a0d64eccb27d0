import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { useT } from '../i18n/i18n.ts';

export function PageLoading({ label }: { label?: string }) {
  const t = useT('common');
  return (
    <div className="page-loading" role="status">
      <span className="spinner" aria-hidden="true" />
      <span>{label ?? t('states.loading')}</span>
    </div>
  );
}

/** A page's title: the heading and the document title, kept in step. */
export function PageTitle({ children, lead }: { children: string; lead?: ReactNode }) {
  const t = useT('common');
  return (
    <div className="page-title">
      <title>{t('states.documentTitle', { page: children })}</title>
      <h1>{children}</h1>
      {lead ? <p className="lead">{lead}</p> : null}
    </div>
  );
}

export function NotFoundPage() {
  const t = useT('common');
  return (
    <section className="page page-narrow">
      <PageTitle lead={t('states.notFoundLead')}>{t('states.notFound')}</PageTitle>
      <p>
        <Link to="/" className="button button-primary">
          {t('states.goHome')}
        </Link>
      </p>
    </section>
  );
}

export function NotAllowedPage() {
  const t = useT('common');
  return (
    <section className="page page-narrow">
      <PageTitle lead={t('states.notAllowedLead')}>{t('states.notAllowed')}</PageTitle>
      <p>
        <Link to="/" className="button button-primary">
          {t('states.goHome')}
        </Link>
      </p>
    </section>
  );
}

export function LoadError({ message, onRetry }: { message: string; onRetry?: () => void }) {
  const t = useT('common');
  return (
    <div className="alert alert-error" role="alert">
      <p>{message}</p>
      {onRetry ? (
        <button type="button" className="button button-secondary" onClick={onRetry}>
          {t('actions.tryAgain')}
        </button>
      ) : null}
    </div>
  );
}
