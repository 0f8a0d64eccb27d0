import { useEffect, useId, useRef, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import type { ConversationListItem } from '../../../../contracts/conversations.ts';
import { LoadError, PageLoading, PageTitle } from '../../components/page-states.tsx';
import { useT } from '../../i18n/i18n.ts';
import { languageName } from '../../lib/languages.ts';
import { useApiQuery } from '../../lib/use-api-query.ts';
import {
  DeleteConversationDialog,
  NewConversationDialog,
  RenameConversationDialog,
} from './conversation-dialogs.tsx';
import { formatListDate } from './format.ts';
import { ProviderNotice, useProviderStatus } from './provider-notice.tsx';

/** Typing pauses this long before the search goes to the server. */
export const searchDebounceMs = 300;

type Dialog =
  | { kind: 'new' }
  | { kind: 'rename'; conversation: ConversationListItem }
  | { kind: 'delete'; conversation: ConversationListItem }
  | null;

export type ComposerFocusState = { focusComposer?: boolean };

function useDebounced<T>(value: T, delayMs: number): T {
  const [debounced, setDebounced] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setDebounced(value), delayMs);
    return () => clearTimeout(timer);
  }, [value, delayMs]);
  return debounced;
}

export function ConversationListPage() {
  const t = useT('conversation-list');
  const navigate = useNavigate();
  const [search, setSearch] = useState('');
  const query = useDebounced(search.trim(), searchDebounceMs);
  const path = query
    ? `/api/conversations?q=${encodeURIComponent(query)}&limit=100`
    : '/api/conversations?limit=100';
  const list = useApiQuery<{ conversations: ConversationListItem[] }>(path);
  const providers = useProviderStatus();
  const [dialog, setDialog] = useState<Dialog>(null);
  const [status, setStatus] = useState<string | null>(null);
  const searchId = useId();
  const searchRef = useRef<HTMLInputElement>(null);
  const [refocus, setRefocus] = useState(0);

  // The deleted row's button had focus and is gone: continue from the search box, not from <body>.
  useEffect(() => {
    if (refocus > 0) searchRef.current?.focus();
  }, [refocus]);

  const conversations = list.data?.conversations ?? [];
  const resultsText = !list.data
    ? null
    : query
      ? conversations.length === 0
        ? t('search.none', { query })
        : t('search.some', { count: conversations.length, query })
      : null;

  return (
    <section className="page conversations-page">
      <PageTitle lead={t('lead')}>{t('title')}</PageTitle>
      <ProviderNotice status={providers.data} />

      <div className="conversation-toolbar">
        <div className="field conversation-search">
          <label htmlFor={searchId} className="field-label">
            {t('search.label')}
          </label>
          <input
            id={searchId}
            ref={searchRef}
            type="search"
            value={search}
            onChange={(event) => setSearch(event.target.value)}
            placeholder={t('search.placeholder')}
            autoComplete="off"
          />
        </div>
        <button
          type="button"
          className="button button-primary"
          aria-haspopup="dialog"
          onClick={() => setDialog({ kind: 'new' })}
        >
          {t('new')}
        </button>
      </div>

      <div role="status" className={status ? 'alert alert-success' : 'visually-hidden'}>
        {status ?? resultsText}
      </div>

      {list.loading && !list.data ? <PageLoading /> : null}
      {list.error ? <LoadError message={list.error.message} onRetry={list.reload} /> : null}
      {list.data && conversations.length === 0 ? (
        query ? (
          <p className="muted">{resultsText}</p>
        ) : (
          <div className="card empty-state">
            <h2>{t('empty.title')}</h2>
            <p>{t('empty.text')}</p>
            <button
              type="button"
              className="button button-primary"
              aria-haspopup="dialog"
              onClick={() => setDialog({ kind: 'new' })}
            >
              {t('empty.start')}
            </button>
          </div>
        )
      ) : null}
      {conversations.length > 0 ? (
        <ul className="conversation-list" aria-busy={list.loading}>
          {conversations.map((conversation) => (
            <li key={conversation.id} className="conversation-item">
              <div className="conversation-item-main">
                <Link to={`/conversations/${conversation.id}`} className="conversation-link">
                  {conversation.title}
                </Link>
                <p className="conversation-item-meta">
                  <span>{languageName(conversation.language)}</span>
                  <span className="badge badge-level">{conversation.level}</span>
                  <span className="muted">{t('item.messages', { count: conversation.messageCount })}</span>
                  {conversation.lastMessageAt ? (
                    <time className="muted" dateTime={conversation.lastMessageAt}>
                      {formatListDate(conversation.lastMessageAt)}
                    </time>
                  ) : null}
                </p>
                {conversation.preview ? (
                  <p className="conversation-preview" lang={conversation.language} dir="auto">
                    {conversation.preview}
                  </p>
                ) : null}
              </div>
              <div className="row-actions">
                <button
                  type="button"
                  className="button button-quiet button-small"
                  aria-haspopup="dialog"
                  onClick={() => setDialog({ kind: 'rename', conversation })}
                  aria-label={t('item.renameLabel', { title: conversation.title })}
                >
                  {t('item.rename')}
                </button>
                <button
                  type="button"
                  className="button button-quiet button-small"
                  aria-haspopup="dialog"
                  onClick={() => setDialog({ kind: 'delete', conversation })}
                  aria-label={t('item.deleteLabel', { title: conversation.title })}
                >
                  {t('item.delete')}
                </button>
              </div>
            </li>
          ))}
        </ul>
      ) : null}

      {dialog?.kind === 'new' ? (
        <NewConversationDialog
          onClose={() => setDialog(null)}
          onCreated={(conversation) => {
            const state: ComposerFocusState = { focusComposer: true };
            navigate(`/conversations/${conversation.id}`, { state });
          }}
        />
      ) : null}
      {dialog?.kind === 'rename' ? (
        <RenameConversationDialog
          conversation={dialog.conversation}
          onClose={() => setDialog(null)}
          onRenamed={(renamed) => {
            list.setData((data) =>
              data
                ? {
                    conversations: data.conversations.map((item) =>
                      item.id === renamed.id ? { ...item, ...renamed } : item,
                    ),
                  }
                : data,
            );
            setStatus(t('renamed', { title: renamed.title }));
            setDialog(null);
          }}
        />
      ) : null}
      {dialog?.kind === 'delete' ? (
        <DeleteConversationDialog
          conversation={dialog.conversation}
          onClose={() => setDialog(null)}
          onDeleted={(id) => {
            list.setData((data) =>
              data ? { conversations: data.conversations.filter((item) => item.id !== id) } : data,
            );
            setStatus(t('deleted', { title: dialog.conversation.title }));
            setDialog(null);
            setRefocus((count) => count + 1);
          }}
        />
      ) : null}
    </section>
  );
}
