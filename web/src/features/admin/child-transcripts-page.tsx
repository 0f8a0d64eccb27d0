import { useEffect, useState } from 'react';
import { Link, Route, Routes, useParams } from 'react-router';
import type { MemberConversationList } from '../../../../contracts/admin.ts';
import type { Conversation, Message, TurnEvent } from '../../../../contracts/conversations.ts';
import { LoadError, NotFoundPage, PageLoading, PageTitle } from '../../components/page-states.tsx';
import { translate, useT } from '../../i18n/i18n.ts';
import { rich, slots } from '../../i18n/rich-text.tsx';
import { ApiError, api } from '../../lib/api-client.ts';
import { languageName } from '../../lib/languages.ts';
import { useApiQuery } from '../../lib/use-api-query.ts';
import { ConversationAside, MessageExtras } from '../conversations/extension-points.tsx';
import { formatListDate } from '../conversations/format.ts';
import { Markdown } from '../conversations/markdown.tsx';
import { LoadOlderMessages, MessageMeta } from '../conversations/message-list.tsx';
import '../conversations/conversations.css';

/** How many conversations the list shows, and how many messages one page of a transcript holds. */
const listLimit = 100;
const pageSize = 50;

type Member = MemberConversationList['member'];
type TranscriptPage = { conversation: Conversation; messages: Message[]; hasMore: boolean };
/** A transcript is read after the fact: no turn streams here, so the feedback is what was stored. */
const noEvents: readonly TurnEvent[] = [];

function BackLink({ to, children }: { to: string; children: string }) {
  return (
    <p>
      <Link to={to} className="button button-small">
        <span aria-hidden="true">← </span>
        {children}
      </Link>
    </p>
  );
}

/**
 * An admin's read-only view of a child account's conversations: the list at
 * /admin/members/:memberId/transcripts and one transcript below it. Nothing here can write: there is no
 * composer, no retry and no rename, and the conversation screen's extras (feedback under each message,
 * a role-play's goals) render `readOnly`; the server refuses anything but a child account anyway.
 */
export function ChildTranscriptsPage() {
  const t = useT('admin');
  const { memberId = '' } = useParams();
  const list = useApiQuery<MemberConversationList>(
    `/api/admin/members/${encodeURIComponent(memberId)}/conversations?limit=${listLimit}`,
  );

  if (list.loading && !list.data) return <PageLoading />;
  if (list.error || !list.data) {
    return (
      <section className="page">
        <PageTitle>{t('transcripts.title')}</PageTitle>
        <LoadError
          message={list.error?.message ?? translate('common.errors.loadFailed')}
          onRetry={list.reload}
        />
        <BackLink to="/admin/members">{t('allMembers')}</BackLink>
      </section>
    );
  }
  const { member, conversations } = list.data;
  return (
    <Routes>
      <Route index element={<TranscriptList member={member} conversations={conversations} />} />
      <Route path=":conversationId" element={<TranscriptRoute member={member} />} />
      <Route path="*" element={<NotFoundPage />} />
    </Routes>
  );
}

function TranscriptList({
  member,
  conversations,
}: {
  member: Member;
  conversations: MemberConversationList['conversations'];
}) {
  const t = useT('admin');
  return (
    <section className="page conversations-page">
      <PageTitle lead={t('transcripts.lead')}>{t('transcripts.named', { name: member.username })}</PageTitle>
      <BackLink to="/admin/members">{t('allMembers')}</BackLink>
      {conversations.length === 0 ? (
        <p className="muted">{t('transcripts.none', { name: member.username })}</p>
      ) : (
        <ul className="conversation-list">
          {conversations.map((conversation) => {
            const lastActivity = conversation.lastMessageAt ?? conversation.updatedAt;
            return (
              <li key={conversation.id} className="conversation-item">
                <div className="conversation-item-main">
                  <Link
                    to={`/admin/members/${member.id}/transcripts/${conversation.id}`}
                    className="conversation-link"
                  >
                    {conversation.title}
                  </Link>
                  <p className="conversation-item-meta">
                    <span>{languageName(conversation.language)}</span>
                    <span className="badge badge-level">{conversation.level}</span>
                    <span className="muted">
                      {t('transcripts.messages', { count: conversation.messageCount })}
                    </span>
                    <span className="muted">
                      {rich(t('transcripts.lastActivity', slots('date')), {
                        date: <time dateTime={lastActivity}>{formatListDate(lastActivity)}</time>,
                      })}
                    </span>
                  </p>
                  {conversation.preview ? (
                    <p className="conversation-preview" lang={conversation.language} dir="auto">
                      {conversation.preview}
                    </p>
                  ) : null}
                </div>
              </li>
            );
          })}
        </ul>
      )}
      {conversations.length === listLimit ? (
        <p className="muted">{t('transcripts.limit', { count: listLimit })}</p>
      ) : null}
    </section>
  );
}

function TranscriptRoute({ member }: { member: Member }) {
  const { conversationId = '' } = useParams();
  // A fresh view per conversation: no page of one transcript leaks into the next.
  return <Transcript key={conversationId} member={member} conversationId={conversationId} />;
}

function Transcript({ member, conversationId }: { member: Member; conversationId: string }) {
  const t = useT('admin');
  const base = `/api/admin/members/${member.id}/conversations/${encodeURIComponent(conversationId)}`;
  const [page, setPage] = useState<TranscriptPage | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [attempt, setAttempt] = useState(0);
  const [older, setOlder] = useState<'idle' | 'loading' | 'error'>('idle');

  useEffect(() => {
    void attempt;
    const controller = new AbortController();
    setLoadError(null);
    api
      .get<TranscriptPage>(`${base}?limit=${pageSize}`, { signal: controller.signal })
      .then((result) => {
        if (!controller.signal.aborted) setPage(result);
      })
      .catch((caught: unknown) => {
        if (controller.signal.aborted) return;
        setLoadError(caught instanceof ApiError ? caught.message : t('transcripts.loadFailed'));
      });
    return () => controller.abort();
  }, [base, attempt, t]);

  async function loadOlder() {
    const first = page?.messages[0];
    if (!first) return;
    setOlder('loading');
    try {
      const result = await api.get<TranscriptPage>(`${base}?limit=${pageSize}&before=${first.id}`);
      setPage((current) =>
        current
          ? { ...current, messages: [...result.messages, ...current.messages], hasMore: result.hasMore }
          : current,
      );
      setOlder('idle');
    } catch {
      setOlder('error');
    }
  }

  const backToList = (
    <BackLink to={`/admin/members/${member.id}/transcripts`}>
      {t('transcripts.allOf', { name: member.username })}
    </BackLink>
  );
  if (loadError) {
    return (
      <section className="page">
        <PageTitle>{t('transcripts.transcript')}</PageTitle>
        <LoadError message={loadError} onRetry={() => setAttempt((value) => value + 1)} />
        {backToList}
      </section>
    );
  }
  if (!page) return <PageLoading />;
  const { conversation, messages } = page;
  return (
    <section className="page transcript-page">
      <PageTitle
        lead={t('transcripts.lead2', {
          language: languageName(conversation.language),
          level: conversation.level,
          count: conversation.messageCount,
        })}
      >
        {conversation.title}
      </PageTitle>
      <p className="alert alert-warning">
        <strong>{t('transcripts.readOnly', { name: member.username })}</strong>
      </p>
      {backToList}
      <div className="chat-layout">
        {/* A role-play's roles and goals, as the child saw them beside the chat. */}
        <ConversationAside conversation={conversation} messages={messages} readOnly />
        <div className="card">
          {page.hasMore || older === 'error' ? (
            <LoadOlderMessages state={older} error={t('transcripts.olderFailed')} onLoad={loadOlder} />
          ) : null}
          {messages.length === 0 ? <p className="muted">{t('transcripts.noMessages')}</p> : null}
          <ol className="messages" aria-label={t('transcripts.messagesLabel')}>
            {messages.map((message) => (
              <TranscriptMessage
                key={message.id}
                message={message}
                conversation={conversation}
                learnerName={member.username}
              />
            ))}
          </ol>
        </div>
      </div>
    </section>
  );
}

/** One message as the child saw it, feedback included, without the conversation screen's actions. */
function TranscriptMessage({
  message,
  conversation,
  learnerName,
}: {
  message: Message;
  conversation: Conversation;
  learnerName: string;
}) {
  const t = useT('admin');
  const language = conversation.language;
  return (
    <li className={`message message-${message.role}`} data-status={message.status}>
      <div className="message-bubble">
        <span className="visually-hidden">
          {message.role === 'tutor'
            ? t('transcripts.tutor')
            : t('transcripts.learner', { name: learnerName })}
        </span>
        {message.role === 'tutor' ? (
          // Model output is untrusted: the same safe renderer as the conversation screen.
          <div className="message-text markdown" lang={language} dir="auto">
            <Markdown text={message.text} />
          </div>
        ) : (
          <div className="message-text message-plain" lang={language} dir="auto">
            {message.text}
          </div>
        )}
      </div>
      <MessageMeta message={message} />
      <MessageExtras message={message} conversation={conversation} events={noEvents} readOnly />
    </li>
  );
}
