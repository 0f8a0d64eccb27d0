import { useId, useState } from 'react';
import { Link } from 'react-router';
import type { SpeechEngine } from '../../../../contracts/auth.ts';
import type { Recording, RecordingList } from '../../../../contracts/speech.ts';
import { LoadError } from '../../components/page-states.tsx';
import { formatDate } from '../../i18n/format.ts';
import { translate, useT } from '../../i18n/i18n.ts';
import { rich, slots } from '../../i18n/rich-text.tsx';
import { api } from '../../lib/api-client.ts';
import { useAuth } from '../../lib/auth-context.tsx';
import { languageName } from '../../lib/languages.ts';
import { useApiQuery } from '../../lib/use-api-query.ts';
import { SpeakerIcon } from './listen-button.tsx';
import { useSpeechCapabilities } from './server-capabilities.ts';
import { speakAll, stopSpeaking, usePlayer, useStopOnUnmount } from './synthesis.ts';

/** The three engines as the settings' radio group offers them (the caller renders with `speech-settings`). */
export function engineOptions(): { value: SpeechEngine; label: string; description: string }[] {
  return (['auto', 'browser', 'server'] as const).map((value) => ({
    value,
    label: translate(`speech-settings.engine.${value}`),
    description: translate(`speech-settings.engine.${value}.description`),
  }));
}

/**
 * The server voice for one language, from the speak provider's list; empty for the default. Shown only
 * where the server can speak the language.
 */
export function ServerVoiceChoice({
  language,
  value,
  onChange,
  rate,
}: {
  language: string;
  value: string;
  onChange: (voice: string) => void;
  rate: number;
}) {
  const t = useT('speech-settings');
  const caps = useSpeechCapabilities(language);
  const player = usePlayer();
  const id = useId();
  const owner = `test-server-voice:${language}`;
  useStopOnUnmount(owner);
  const name = languageName(language);
  if (!caps?.speak.available) return null;
  const voices = caps.speak.voices;
  const testing = player.owner === owner;
  const failure = player.failure?.owner === owner ? player.failure : null;
  const missing = value !== '' && !voices.includes(value);
  return (
    <div className="speech-voice-row">
      <div className="field">
        <label className="field-label" htmlFor={id}>
          {t('serverVoice.label', { language: name })}
        </label>
        <select id={id} value={value} onChange={(event) => onChange(event.target.value)}>
          <option value="">
            {caps.speak.defaultVoice
              ? t('serverVoice.defaultNamed', { voice: caps.speak.defaultVoice })
              : t('serverVoice.default')}
          </option>
          {missing ? <option value={value}>{t('serverVoice.gone', { voice: value })}</option> : null}
          {voices.map((voice) => (
            <option key={voice} value={voice}>
              {voice}
            </option>
          ))}
        </select>
        {failure ? (
          <p className="field-error" role="alert">
            {failure.message ?? t('serverVoice.failed')}
          </p>
        ) : null}
      </div>
      <button
        type="button"
        className="button button-secondary button-small"
        onClick={() => {
          if (testing) stopSpeaking(owner);
          else
            speakAll(owner, [`${languageName(language)}.`], {
              server: { language, voice: value || caps.speak.defaultVoice },
              rate,
            });
        }}
      >
        {testing ? <span className="speech-stop-icon" aria-hidden="true" /> : <SpeakerIcon />}
        {testing ? t('stop') : t('voice.test')}
        <span className="visually-hidden">
          {' '}
          ({name}, {t('serverVoice.server')})
        </span>
      </button>
    </div>
  );
}

/** Where the server's speech is not set up: the learner is told; an admin gets the way to set it up. */
export function ServerSpeechNote({ language }: { language: string | undefined }) {
  const t = useT('speech-settings');
  const caps = useSpeechCapabilities(language ?? '', language !== undefined);
  const admin = useAuth().user?.role === 'admin';
  if (!caps || (caps.transcribe.available && caps.speak.available)) return null;
  const reasons = [caps.transcribe.reason, caps.speak.reason];
  if (reasons.includes('over_budget')) return <p className="field-hint">{t('note.overBudget')}</p>;
  const missing =
    !caps.transcribe.available && !caps.speak.available
      ? 'Speech'
      : caps.speak.available
        ? 'Transcription'
        : 'Voices';
  return admin ? (
    <p className="field-hint">
      {rich(t(`note.admin${missing}`, slots('link')), {
        link: <Link to="/admin/providers#speech">{t('note.setUp')}</Link>,
      })}
    </p>
  ) : (
    <p className="field-hint">{t(`note.learner${missing}`)}</p>
  );
}

function formatDuration(ms: number): string {
  const seconds = Math.round(ms / 1000);
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;
}

function RecordingItem({ recording, onDeleted }: { recording: Recording; onDeleted: () => void }) {
  const t = useT('speech-settings');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const when = formatDate(recording.createdAt, { dateStyle: 'medium', timeStyle: 'short' });
  return (
    <li className="recording">
      <div className="recording-meta">
        <q lang={recording.language}>{recording.transcript || t('recordings.nothingHeard')}</q>
        <span className="muted">
          {' '}
          {languageName(recording.language)} · {formatDuration(recording.durationMs)} · {when}
        </span>
      </div>
      {/* biome-ignore lint/a11y/useMediaCaption: the transcript beside it is the caption. */}
      <audio controls preload="none" src={`/api/speech/recordings/${recording.id}`} />
      <button
        type="button"
        className="button button-quiet button-small"
        disabled={busy}
        onClick={async () => {
          setBusy(true);
          setError(null);
          try {
            await api.delete(`/api/speech/recordings/${recording.id}`);
            onDeleted();
          } catch {
            setError(t('recordings.deleteFailed'));
            setBusy(false);
          }
        }}
      >
        {t('recordings.delete')}
        <span className="visually-hidden">
          {' '}
          {t('recordings.deleteLabel', { transcript: recording.transcript })}
        </span>
      </button>
      {error ? (
        <p className="field-error" role="alert">
          {error}
        </p>
      ) : null}
    </li>
  );
}

/** The learner's kept recordings (only while keeping them is on): listen again, or delete. */
export function StoredRecordings() {
  const t = useT('speech-settings');
  const query = useApiQuery<RecordingList>('/api/speech/recordings');
  const [announcement, setAnnouncement] = useState<string | null>(null);
  const recordings = query.data?.recordings ?? [];
  return (
    <section className="recordings" aria-labelledby="recordings-title">
      <h3 id="recordings-title">{t('recordings.title')}</h3>
      {query.error ? <LoadError message={query.error.message} onRetry={query.reload} /> : null}
      {query.data && recordings.length === 0 ? <p className="muted">{t('recordings.none')}</p> : null}
      {recordings.length > 0 ? (
        <ul className="recording-list">
          {recordings.map((recording) => (
            <RecordingItem
              key={recording.id}
              recording={recording}
              onDeleted={() => {
                query.setData((current) =>
                  current
                    ? { recordings: current.recordings.filter((item) => item.id !== recording.id) }
                    : current,
                );
                setAnnouncement(t('recordings.deleted'));
              }}
            />
          ))}
        </ul>
      ) : null}
      <p className="visually-hidden" role="status">
        {announcement}
      </p>
    </section>
  );
}
