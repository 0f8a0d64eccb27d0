import type { ReactNode } from 'react';
import { Link } from 'react-router';

export function PageLoading({ label = 'Loading…' }: { label?: string }) {
  return (
    <div className="page-loading" role="status">
      <span className="spinner" aria-hidden="true" />
      <span>{label}</span>
    </div>
  );
}

/** A page's title: the heading and the document title, kept in step. */
export function PageTitle({ children, lead }: { children: string; lead?: ReactNode }) {
  return (
    <div className="page-title">
      <title>{`${children} · Charla`}</title>
      <h1>{children}</h1>
      {lead ? <p className="lead">{lead}</p> : null}
    </div>
  );
}

export function NotFoundPage() {
  return (
    <section className="page page-narrow">
      <PageTitle lead="There is no page at this address. It may have moved, or the link may be mistyped.">
        Page not found
      </PageTitle>
      <p>
        <Link to="/" className="button button-primary">
          Go to the home page
        </Link>
      </p>
    </section>
  );
}

export function NotAllowedPage() {
  return (
    <section className="page page-narrow">
      <PageTitle lead="This page is only for admins of this server. Ask an admin if you think you need it.">
        Not allowed
      </PageTitle>
      <p>
        <Link to="/" className="button button-primary">
          Go to the home page
        </Link>
      </p>
    </section>
  );
}

export function LoadError({ message, onRetry }: { message: string; onRetry?: () => void }) {
  return (
    <div className="alert alert-error" role="alert">
      <p>{message}</p>
      {onRetry ? (
        <button type="button" className="button button-secondary" onClick={onRetry}>
          Try again
        </button>
      ) : null}
    </div>
  );
}
