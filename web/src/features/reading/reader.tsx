import { useCallback, useEffect, useMemo, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import type { KeyIn } from '../../../../contracts/messages/catalogues.ts';
import type { Coverage, GlossaryEntry, ReadingView, ReadingWord } from '../../../../contracts/reading.ts';
import { wordKey } from '../../../../contracts/reading-words.ts';
import type { Card, Deck } from '../../../../contracts/vocabulary.ts';
import { LoadError, PageLoading } from '../../components/page-states.tsx';
import { formatPercent } from '../../i18n/format.ts';
import { useT } from '../../i18n/i18n.ts';
import { rich, slots } from '../../i18n/rich-text.tsx';
import { ApiError, api } from '../../lib/api-client.ts';
import { useApiQuery } from '../../lib/use-api-query.ts';
import { ListenButton } from '../speech/listen-button.tsx';
import { SpeechSupportNote } from '../speech/speech-support-note.tsx';
import { type CardDraft, CardEditorDialog } from '../vocabulary/card-editor.tsx';
import { ReadingQuestions } from './reading-questions.tsx';
import { RewritePanel } from './rewrite-panel.tsx';

/** A word the learner tapped: where it is (sentence, piece) and its key. */
type Selection = { sentence: number; piece: number; key: string };

const percent = (share: number) => formatPercent(share, 1);

/** What the known share means for reading, after Nation's lexical coverage research (a `reading` key). */
export function difficultyLabel(coverage: Coverage, thresholds: ReadingView['thresholds']): KeyIn<'reading'> {
  if (coverage.words === 0) return 'difficulty.none';
  if (coverage.knownShare >= thresholds.comfortable) return 'difficulty.comfortable';
  if (coverage.knownShare >= thresholds.adequate) return 'difficulty.adequate';
  return 'difficulty.hard';
}

function WordPanel({
  view,
  selection,
  word,
  glossary,
  onExplain,
  explaining,
  onMark,
  onAdded,
}: {
  view: ReadingView;
  selection: Selection;
  word: ReadingWord;
  glossary: GlossaryEntry[] | null;
  onExplain: () => void;
  explaining: boolean;
  onMark: (known: boolean) => void;
  onAdded: () => void;
}) {
  const t = useT('reading');
  const language = view.text.language;
  const surface = view.sentences[selection.sentence]?.[selection.piece] ?? selection.key;
  const sentence = (view.sentences[selection.sentence] ?? []).join('').trim();
  const [card, setCard] = useState<Card | null>(null);
  const [adding, setAdding] = useState<{ deck: Deck } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const gloss = glossary?.find((entry) => entry.word === selection.key) ?? null;

  useEffect(() => {
    setCard(null);
    if (!word.cardId) return;
    api
      .get<{ card: Card }>(`/api/vocabulary/cards/${word.cardId}`)
      .then((result) => setCard(result.card))
      .catch(() => setCard(null));
  }, [word.cardId]);

  async function startAdding() {
    setError(null);
    try {
      const decks = await api.get<{ decks: Deck[] }>(`/api/vocabulary/decks?language=${language}`);
      const deck =
        decks.decks[0] ??
        (await api.post<{ deck: Deck }>('/api/vocabulary/decks', { language, name: t('word.defaultDeck') }))
          .deck;
      setAdding({ deck });
    } catch (caught) {
      setError(caught instanceof ApiError ? caught.message : t('word.decksFailed'));
    }
  }

  const statusLabel = t(`word.${word.status}`);
  return (
    <aside className="card reading-word" aria-labelledby="word-title" aria-live="polite">
      <h2 id="word-title">
        <span lang={language}>{surface}</span>{' '}
        <span className={`badge reading-status-${word.status}`}>{statusLabel}</span>
      </h2>
      {word.lemma || gloss?.lemma ? (
        <p>
          {rich(t('word.lemma', slots('lemma')), {
            lemma: <span lang={language}>{gloss?.lemma ?? word.lemma}</span>,
          })}
        </p>
      ) : null}
      {card ? (
        <div className="reading-card">
          <p>
            {rich(
              t('word.fromDeck', {
                translation: card.translation || t('word.noTranslation'),
                ...slots('term'),
              }),
              {
                term: <strong lang={language}>{card.term}</strong>,
              },
            )}
          </p>
          {card.exampleSentence ? <p lang={language}>{card.exampleSentence}</p> : null}
        </div>
      ) : null}
      {gloss ? (
        <div className="reading-gloss">
          <p>{rich(t('word.here', slots('meaning')), { meaning: <strong>{gloss.meaning}</strong> })}</p>
          <p lang={language}>{gloss.example}</p>
        </div>
      ) : !card ? (
        glossary ? (
          <p className="muted">{t('word.notInGlossary')}</p>
        ) : (
          <button type="button" className="button button-small" onClick={onExplain} disabled={explaining}>
            {explaining ? t('word.explaining') : t('word.explain')}
          </button>
        )
      ) : null}
      <p className="row-actions">
        {word.status === 'known' && !word.cardId ? (
          <button type="button" className="button button-small" onClick={() => onMark(false)}>
            {t('word.notKnown')}
          </button>
        ) : word.status !== 'known' ? (
          <button type="button" className="button button-small" onClick={() => onMark(true)}>
            {t('word.markKnown')} <kbd translate="no">K</kbd>
          </button>
        ) : null}
        {!word.cardId ? (
          <button
            type="button"
            className="button button-small button-primary"
            aria-haspopup="dialog"
            onClick={startAdding}
          >
            {t('word.addToDeck')}
          </button>
        ) : null}
      </p>
      {error ? <p className="form-alert">{error}</p> : null}
      {adding ? (
        <CardEditorDialog
          title={t('word.addTo', { deck: adding.deck.name })}
          language={language}
          initial={
            {
              term: gloss?.lemma ?? word.lemma ?? selection.key,
              translation: gloss?.meaning ?? '',
              exampleSentence: sentence,
              notes: '',
            } satisfies CardDraft
          }
          submitLabel={t('word.addCard')}
          onSubmit={async (draft) => {
            await api.post('/api/vocabulary/cards', { deckId: adding.deck.id, ...draft });
            setAdding(null);
            onAdded();
          }}
          onClose={() => setAdding(null)}
        />
      ) : null}
    </aside>
  );
}

/** The reader: the text with every word marked, the tapped word's panel, and the text's tools. */
export function Reader() {
  const t = useT('reading');
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const query = useApiQuery<ReadingView>(`/api/reading/texts/${id}/view`);
  const [selection, setSelection] = useState<Selection | null>(null);
  const [glossary, setGlossary] = useState<GlossaryEntry[] | null>(null);
  const [explaining, setExplaining] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const [talking, setTalking] = useState(false);
  const view = query.data;

  // Word positions in reading order, for the arrow keys.
  const positions = useMemo(() => {
    const out: Selection[] = [];
    view?.sentences.forEach((sentence, index) => {
      for (let piece = 1; piece < sentence.length; piece += 2)
        out.push({ sentence: index, piece, key: wordKey(sentence[piece] as string) });
    });
    return out;
  }, [view]);

  const explain = useCallback(async () => {
    setExplaining(true);
    setNotice(null);
    try {
      setGlossary(
        (await api.post<{ entries: GlossaryEntry[] }>(`/api/reading/texts/${id}/glossary`, {})).entries,
      );
    } catch (caught) {
      setNotice(caught instanceof ApiError ? caught.message : t('reader.explainFailed'));
    } finally {
      setExplaining(false);
    }
  }, [id, t]);

  const mark = useCallback(
    async (key: string, known: boolean) => {
      if (!view) return;
      setNotice(null);
      try {
        await api.put('/api/reading/known-words', { language: view.text.language, word: key, known });
        query.reload();
      } catch (caught) {
        setNotice(caught instanceof ApiError ? caught.message : t('reader.markFailed'));
      }
    },
    [view, query, t],
  );

  useEffect(() => {
    function onKey(event: KeyboardEvent) {
      // Typing in a field or a dialog is not a reader command.
      const target = event.target;
      if (target instanceof Element && target.closest('input, textarea, select, [role="dialog"]')) return;
      if (event.key === 'ArrowRight' || event.key === 'ArrowLeft') {
        if (positions.length === 0) return;
        const at = selection
          ? positions.findIndex((p) => p.sentence === selection.sentence && p.piece === selection.piece)
          : -1;
        const next =
          event.key === 'ArrowRight' ? Math.min(positions.length - 1, at + 1) : Math.max(0, at - 1);
        setSelection(positions[next] ?? null);
        event.preventDefault();
      } else if ((event.key === 'k' || event.key === 'K') && selection) {
        void mark(selection.key, true);
      } else if (event.key === 'Escape') setSelection(null);
    }
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [positions, selection, mark]);

  if (query.loading && !view) return <PageLoading />;
  if (query.error && !view) return <LoadError message={query.error.message} onRetry={query.reload} />;
  if (!view) return null;
  const language = view.text.language;
  const word = selection ? view.words[selection.key] : undefined;
  const body = view.sentences.map((sentence) => sentence.join('')).join('');

  async function talk() {
    setTalking(true);
    setNotice(null);
    try {
      const started = await api.post<{ conversationId: string }>(`/api/reading/texts/${id}/conversation`, {});
      navigate(`/conversations/${started.conversationId}`);
    } catch (caught) {
      setNotice(caught instanceof ApiError ? caught.message : t('reader.talkFailed'));
      setTalking(false);
    }
  }

  return (
    <div className="reader">
      <p>
        <Link to="/reading">
          <span aria-hidden="true">←</span> {t('reader.back')}
        </Link>
      </p>
      <h1 lang={language}>{view.text.title}</h1>
      <p className="reading-coverage" data-testid="known-share">
        {rich(t('reader.known', slots('share')), {
          share: <strong>{percent(view.coverage.knownShare)}</strong>,
        })}{' '}
        · {t(difficultyLabel(view.coverage, view.thresholds))}{' '}
        <span className="muted">
          {t('reader.counts', {
            known: view.coverage.known,
            learning: view.coverage.learning,
            new: view.coverage.new,
            words: view.coverage.words,
            comfortable: percent(view.thresholds.comfortable),
          })}
        </span>
      </p>
      <div className="reading-tools row-actions">
        <ListenButton text={body} language={language} owner={`reading-${id}`} label={t('reader.listen')} />
        <button type="button" className="button button-small" onClick={talk} disabled={talking}>
          {t('reader.talk')}
        </button>
      </div>
      <SpeechSupportNote language={language} />
      {notice ? (
        <p className="form-alert" role="alert">
          {notice}
        </p>
      ) : null}
      <div className="reading-layout">
        <article className="reading-text" lang={language}>
          {view.sentences.map((sentence, sentenceIndex) => (
            <span key={sentenceIndex} className="reading-sentence">
              {sentence.map((piece, pieceIndex) => {
                if (pieceIndex % 2 === 0) return piece;
                const key = wordKey(piece);
                const status = view.words[key]?.status ?? 'new';
                const selected = selection?.sentence === sentenceIndex && selection.piece === pieceIndex;
                return (
                  <button
                    key={pieceIndex}
                    type="button"
                    className={`reading-w reading-${status}`}
                    aria-pressed={selected}
                    onClick={() => setSelection({ sentence: sentenceIndex, piece: pieceIndex, key })}
                  >
                    {piece}
                  </button>
                );
              })}
            </span>
          ))}
        </article>
        {selection && word ? (
          <WordPanel
            view={view}
            selection={selection}
            word={word}
            glossary={glossary}
            onExplain={explain}
            explaining={explaining}
            onMark={(known) => mark(selection.key, known)}
            onAdded={() => {
              setNotice(t('reader.added'));
              query.reload();
            }}
          />
        ) : (
          <aside className="reading-word muted">{t('reader.hint')}</aside>
        )}
      </div>
      <RewritePanel textId={id} language={language} />
      <ReadingQuestions textId={id} language={language} />
    </div>
  );
}
