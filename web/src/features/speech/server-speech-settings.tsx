import { useId, useState } from 'react';
import { Link } from 'react-router';
import type { SpeechEngine } from '../../../../contracts/auth.ts';
import type { Recording, RecordingList } from '../../../../contracts/speech.ts';
import { LoadError } from '../../components/page-states.tsx';
import { api } from '../../lib/api-client.ts';
import { useAuth } from '../../lib/auth-context.tsx';
import { languageName } from '../../lib/languages.ts';
import { useApiQuery } from '../../lib/use-api-query.ts';
import { SpeakerIcon } from './listen-button.tsx';
import { useSpeechCapabilities } from './server-capabilities.ts';
import { speakAll, stopSpeaking, usePlayer, useStopOnUnmount } from './synthesis.ts';

export const engineOptions: { value: SpeechEngine; label: string; description: string }[] = [
  {
    value: 'auto',
    label: 'Automatic',
    description:
      'This browser’s speech where it works (free); the server’s where the browser has no recognition or no voice for the language, or its recognition fails.',
  },
  {
    value: 'browser',
    label: 'This browser only',
    description: 'Nothing you say or hear goes through Charla’s server.',
  },
  {
    value: 'server',
    label: 'The server',
    description:
      'The same voices and recognition on every device. Your audio is sent to Charla’s server and the provider the owner set up, and counts toward your budget.',
  },
];

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
          {name} server voice
        </label>
        <select id={id} value={value} onChange={(event) => onChange(event.target.value)}>
          <option value="">
            {caps.speak.defaultVoice ? `Default (${caps.speak.defaultVoice})` : 'Default'}
          </option>
          {missing ? <option value={value}>{value} (not offered any more)</option> : null}
          {voices.map((voice) => (
            <option key={voice} value={voice}>
              {voice}
            </option>
          ))}
        </select>
        {failure ? (
          <p className="field-error" role="alert">
            {failure.message ?? 'The server’s voice could not be played.'}
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
        {testing ? 'Stop' : 'Test voice'}
        <span className="visually-hidden"> ({name}, server)</span>
      </button>
    </div>
  );
}

/** Where the server's speech is not set up: the learner is told; an admin gets the way to set it up. */
export function ServerSpeechNote({ language }: { language: string | undefined }) {
  const caps = useSpeechCapabilities(language ?? '', language !== undefined);
  const admin = useAuth().user?.role === 'admin';
  if (!caps || (caps.transcribe.available && caps.speak.available)) return null;
  const reasons = [caps.transcribe.reason, caps.speak.reason];
  if (reasons.includes('over_budget'))
    return (
      <p className="field-hint">
        Your speech budget is used up for now: the server’s speech is back when the budget resets.
      </p>
    );
  const missing =
    !caps.transcribe.available && !caps.speak.available
      ? 'speech'
      : caps.speak.available
        ? 'transcription'
        : 'voices';
  return admin ? (
    <p className="field-hint">
      The server’s {missing} is not set up. <Link to="/admin/providers#speech">Set up speech</Link> with a
      provider that serves it.
    </p>
  ) : (
    <p className="field-hint">
      The owner of this Charla has not set up the server’s {missing}: this browser’s speech is used.
    </p>
  );
}

function formatDuration(ms: number): string {
  const seconds = Math.round(ms / 1000);
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;
}

function RecordingItem({ recording, onDeleted }: { recording: Recording; onDeleted: () => void }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const when = new Date(recording.createdAt).toLocaleString();
  return (
    <li className="recording">
      <div className="recording-meta">
        <q lang={recording.language}>{recording.transcript || '(nothing was heard)'}</q>
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
            setError('Could not delete this recording. Try again.');
            setBusy(false);
          }
        }}
      >
        Delete<span className="visually-hidden"> the recording “{recording.transcript}”</span>
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
  const query = useApiQuery<RecordingList>('/api/speech/recordings');
  const [announcement, setAnnouncement] = useState<string | null>(null);
  const recordings = query.data?.recordings ?? [];
  return (
    <section className="recordings" aria-labelledby="recordings-title">
      <h3 id="recordings-title">Your recordings</h3>
      {query.error ? <LoadError message={query.error.message} onRetry={query.reload} /> : null}
      {query.data && recordings.length === 0 ? (
        <p className="muted">None yet: what you say through the server’s speech is kept here from now on.</p>
      ) : null}
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
                setAnnouncement('Recording deleted.');
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
