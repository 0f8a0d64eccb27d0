import { lazy, Suspense, useEffect, useRef, useState } from 'react';
import { Link, useLocation, useNavigate, useParams } from 'react-router';
import { LoadError, NotFoundPage, PageLoading } from '../../components/page-states.tsx';
import { useT } from '../../i18n/i18n.ts';
import { languageName } from '../../lib/languages.ts';
import { useConversationSpeech } from '../speech/use-conversation-speech.ts';
import { DictationStatus, MicButton, SpeechBar } from '../speech/voice-mode.tsx';
import { Composer } from './composer.tsx';
import type { ComposerFocusState } from './conversation-list-page.tsx';

// The dialogs load when opened: the conversation screen's first load has no room for them.
const TutorSettingsDialog = lazy(async () => ({
  default: (await import('../tutor/tutor-settings-dialog.tsx')).TutorSettingsDialog,
}));
const RenameConversationDialog = lazy(async () => ({
  default: (await import('./conversation-dialogs.tsx')).RenameConversationDialog,
}));
const DeleteConversationDialog = lazy(async () => ({
  default: (await import('./conversation-dialogs.tsx')).DeleteConversationDialog,
}));

import { ConversationAside } from './extension-points.tsx';
import { MessageList } from './message-list.tsx';
import { ProviderNotice, useProviderStatus } from './provider-notice.tsx';
import { useConversation } from './use-conversation.ts';

/** Drafts survive leaving the screen (a quick look at the vocabulary, a reload) for this browser tab. */
function draftKey(conversationId: string) {
  return `charla:draft:${conversationId}`;
}

function readDraft(conversationId: string): string {
  try {
    return sessionStorage.getItem(draftKey(conversationId)) ?? '';
  } catch {
    return '';
  }
}

function writeDraft(conversationId: string, text: string) {
  try {
    if (text === '') sessionStorage.removeItem(draftKey(conversationId));
    else sessionStorage.setItem(draftKey(conversationId), text);
  } catch {
    // Storage full or disabled: the draft still lives in the box until the tab closes.
  }
}

export function ConversationScreen() {
  const { id } = useParams();
  if (!id) return <NotFoundPage />;
  // A fresh screen per conversation: no message, stream or draft leaks from one to the next.
  return <ConversationView key={id} conversationId={id} />;
}

type Dialog = 'tutor' | 'rename' | 'delete' | null;

function ConversationView({ conversationId }: { conversationId: string }) {
  const t = useT('conversations');
  const tc = useT('common');
  const conversation = useConversation(conversationId);
  const providers = useProviderStatus();
  const navigate = useNavigate();
  const location = useLocation();
  const [draft, setDraftState] = useState(() => readDraft(conversationId));
  const [dialog, setDialog] = useState<Dialog>(null);
  const [announcement, setAnnouncement] = useState<string | null>(null);
  const textareaRef = useRef<HTMLTextAreaElement>(null);
  const { conversation: current, load, loadError, phase, refusal } = conversation;

  function setDraft(text: string) {
    setDraftState(text);
    writeDraft(conversationId, text);
    if (refusal) conversation.dismissRefusal();
  }

  function sendText(text: string) {
    void conversation.send(text, {
      onAccepted: () => {
        setDraftState('');
        writeDraft(conversationId, '');
      },
    });
  }

  // Speech (features/speech): spoken words join the draft for the learner to check and send; in voice
  // mode the box is sent at once, so a refused send leaves them there like a typed draft.
  const draftNow = useRef(draft);
  draftNow.current = draft;
  function addToDraft(text: string): string {
    const before = draftNow.current.trimEnd();
    const next = before ? `${before} ${text}` : text;
    setDraft(next);
    return next;
  }
  const speech = useConversationSpeech({
    language: current?.language ?? '',
    conversationId,
    messages: conversation.messages,
    liveReply: conversation.liveReply,
    phase,
    onDictated: (text) => {
      addToDraft(text);
      textareaRef.current?.focus();
    },
    onSpoken: (text) => sendText(addToDraft(text)),
  });

  // Opening a conversation is for writing in it: the box takes focus. On a touch screen only when the
  // learner came from "New conversation", since focus there opens the keyboard over the reply.
  const fromNew = (location.state as ComposerFocusState | null)?.focusComposer === true;
  useEffect(() => {
    if (load !== 'ready') return;
    const touch = typeof window.matchMedia === 'function' && window.matchMedia('(pointer: coarse)').matches;
    if (fromNew || !touch) textareaRef.current?.focus({ preventScroll: true });
  }, [load, fromNew]);

  // "/" jumps to the message box from anywhere on the screen (not while typing elsewhere, not in a dialog).
  useEffect(() => {
    function onKeyDown(event: KeyboardEvent) {
      if (event.key !== '/' || event.ctrlKey || event.metaKey || event.altKey || event.defaultPrevented)
        return;
      const target = event.target as HTMLElement | null;
      const typing =
        target instanceof HTMLInputElement ||
        target instanceof HTMLTextAreaElement ||
        target instanceof HTMLSelectElement ||
        target?.isContentEditable === true;
      if (typing || target?.closest('dialog, [role="dialog"]')) return;
      event.preventDefault();
      textareaRef.current?.focus();
    }
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, []);

  // The tutor opens every conversation (a greeting fit for the level, in character for a role-play),
  // streamed like a reply, once. Not when no provider can answer: the notice above says what to add.
  const opened = useRef(false);
  const needsOpening = load === 'ready' && current?.messageCount === 0 && providers.data?.available === true;
  useEffect(() => {
    if (!needsOpening || opened.current) return;
    opened.current = true;
    void conversation.startOpening();
  }, [needsOpening, conversation.startOpening]);

  // One short status line for screen readers; the reply itself is announced by its own polite region.
  const previousPhase = useRef(phase);
  useEffect(() => {
    const was = previousPhase.current;
    previousPhase.current = phase;
    if (phase === 'streaming' && was !== 'streaming') setAnnouncement(t('screen.announce.sent'));
  }, [phase, t]);

  if (load === 'loading') return <PageLoading label={t('screen.loading')} />;
  if (load === 'error' || !current) {
    if (loadError?.status === 404 || loadError?.code === 'validation_failed') return <NotFoundPage />;
    return (
      <section className="page">
        <LoadError message={loadError?.message ?? t('screen.loadFailed')} onRetry={conversation.reload} />
      </section>
    );
  }

  const language = languageName(current.language);

  function send() {
    sendText(draft);
  }

  return (
    <section className="chat-page" aria-labelledby="chat-title">
      <title>{tc('states.documentTitle', { page: current.title })}</title>
      <header className="chat-header">
        <Link to="/conversations" className="chat-back">
          <span aria-hidden="true">←</span> <span>{t('screen.back')}</span>
        </Link>
        <div className="chat-heading">
          <h1 id="chat-title">{current.title}</h1>
          <p className="chat-heading-meta">
            <span>{language}</span>
            <span className="badge badge-level">{current.level}</span>
          </p>
        </div>
        <div className="row-actions chat-actions">
          <button
            type="button"
            className="button button-quiet button-small"
            aria-haspopup="dialog"
            onClick={() => setDialog('tutor')}
          >
            {t('screen.tutor')}
          </button>
          <button
            type="button"
            className="button button-quiet button-small"
            aria-haspopup="dialog"
            onClick={() => setDialog('rename')}
          >
            {t('screen.rename')}
          </button>
          <button
            type="button"
            className="button button-quiet button-small"
            aria-haspopup="dialog"
            onClick={() => setDialog('delete')}
          >
            {t('screen.delete')}
          </button>
        </div>
      </header>

      <ProviderNotice status={providers.data} compact />

      <div className="chat-layout">
        {/* Extension point: a scenario's goal checklist (Tutor feature). */}
        <ConversationAside
          conversation={current}
          messages={conversation.messages}
          events={conversation.events}
        />
        <div className="chat-column">
          <MessageList
            conversation={current}
            messages={conversation.messages}
            events={conversation.events}
            hasMore={conversation.hasMore}
            older={conversation.older}
            olderError={conversation.olderError}
            onLoadOlder={() => void conversation.loadOlder()}
            busy={phase !== 'idle'}
            onRetry={(tutorMessageId) => {
              void conversation.retry(tutorMessageId);
              textareaRef.current?.focus();
            }}
            onJumped={() => textareaRef.current?.focus()}
            emptyHint={t('screen.emptyHint', { language, level: current.level })}
          />
          <SpeechBar speech={speech} language={current.language} />
          <Composer
            value={draft}
            onChange={setDraft}
            onSend={send}
            onStop={() => {
              conversation.stop();
              setAnnouncement(t('screen.announce.stopped'));
            }}
            phase={phase}
            refusal={refusal?.message ?? null}
            language={current.language}
            languageName={language}
            textareaRef={textareaRef}
            speechButton={<MicButton speech={speech} />}
            speechStatus={<DictationStatus speech={speech} language={current.language} />}
          />
        </div>
      </div>
      <div className="visually-hidden" role="status">
        {announcement}
      </div>

      <Suspense fallback={null}>
        {dialog === 'tutor' ? (
          <TutorSettingsDialog
            conversation={current}
            onClose={() => setDialog(null)}
            onSaved={(saved) => {
              conversation.renamed(saved);
              setAnnouncement(t('screen.announce.tutorSaved'));
              setDialog(null);
            }}
          />
        ) : null}
        {dialog === 'rename' ? (
          <RenameConversationDialog
            conversation={current}
            onClose={() => setDialog(null)}
            onRenamed={(renamed) => {
              conversation.renamed(renamed);
              setAnnouncement(t('screen.announce.renamed', { title: renamed.title }));
              setDialog(null);
            }}
          />
        ) : null}
        {dialog === 'delete' ? (
          <DeleteConversationDialog
            conversation={current}
            onClose={() => setDialog(null)}
            onDeleted={() => navigate('/conversations', { replace: true })}
          />
        ) : null}
      </Suspense>
    </section>
  );
}
