import { type Translate, useT } from '../../i18n/i18n.ts';
import './speech.css';
import { speechSentences } from './speech-text.ts';
import { speakAll, stopSpeaking, usePlayer, useSpeaker, useStopOnUnmount } from './synthesis.ts';

function failureMessage(
  failure: { error: string; message?: string | undefined },
  t: Translate<'speech'>,
): string {
  if (failure.message) return failure.message;
  return failure.error === 'not-allowed' ? t('listen.notAllowed') : t('listen.failed');
}

export function SpeakerIcon() {
  return (
    <svg className="speech-icon" viewBox="0 0 20 20" aria-hidden="true" focusable="false">
      <path d="M3 8v4h3l4 3V5L6 8H3z" fill="currentColor" />
      <path
        d="M13 7.5a3.5 3.5 0 0 1 0 5M15 5a7 7 0 0 1 0 10"
        fill="none"
        stroke="currentColor"
        strokeWidth="1.6"
      />
    </svg>
  );
}

/**
 * Reads `text` (Markdown is fine: it is spoken as the reader sees it) aloud in `language`, with the
 * learner's voice and rate; Stop while it speaks. Not offered where the browser cannot speak the
 * language — the screen says why once, with `SpeechSupportNote`.
 */
export function ListenButton({
  text,
  language,
  owner,
  label,
}: {
  text: string;
  language: string;
  /** Who speaks: a Listen button elsewhere with the same owner shows Stop too. */
  owner: string;
  label?: string;
}) {
  const t = useT('speech');
  const speaker = useSpeaker(language);
  const player = usePlayer();
  useStopOnUnmount(owner);
  if (speaker.status !== 'ready') return null;
  const speaking = player.owner === owner;
  const failure = player.failure?.owner === owner ? player.failure : null;
  return (
    <>
      <button
        type="button"
        className="button button-quiet button-small speech-listen"
        data-speaking={speaking || undefined}
        onClick={() => {
          if (speaking) stopSpeaking(owner);
          else speakAll(owner, speechSentences(text, { final: true }).sentences, speaker.options);
        }}
      >
        {speaking ? <span className="speech-stop-icon" aria-hidden="true" /> : <SpeakerIcon />}
        {speaking ? t('stop') : (label ?? t('listen'))}
      </button>
      {failure ? (
        <span className="speech-failure" role="alert">
          {failureMessage(failure, t)}
        </span>
      ) : null}
    </>
  );
}
