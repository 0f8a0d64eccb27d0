import { type FormEvent, useId, useState } from 'react';
import type { SpeechEngine } from '../../../../contracts/auth.ts';
import { findLanguage } from '../../../../contracts/language-catalogue.ts';
import {
  CheckboxField,
  FormAlert,
  RadioGroup,
  StatusMessage,
  SubmitButton,
} from '../../components/form-field.tsx';
import { useT } from '../../i18n/i18n.ts';
import { useCurrentUser } from '../../lib/auth-context.tsx';
import { type FormErrors, formErrorsFrom, noErrors } from '../../lib/form-errors.ts';
import { greetingFor, languageName } from '../../lib/languages.ts';
import { SpeakerIcon } from './listen-button.tsx';
import { recognitionAvailable } from './recognition.ts';
import { refreshSpeechCapabilities, useSpeechCapabilities } from './server-capabilities.ts';
import {
  engineOptions,
  ServerSpeechNote,
  ServerVoiceChoice,
  StoredRecordings,
} from './server-speech-settings.tsx';
import { useSaveVoiceSettings } from './speech-api.ts';
import './speech.css';
import { speakAll, stopSpeaking, usePlayer, useStopOnUnmount, useVoicesFor } from './synthesis.ts';
import { formatRate } from './voice-mode.tsx';

/** A short line in the language itself, to hear what a voice sounds like. */
function sampleFor(language: string): string {
  const greeting = greetingFor(language);
  const name = findLanguage(language)?.nativeName ?? '';
  return greeting.language === language ? `${greeting.word}! ${name}.` : name;
}

function VoiceChoice({
  language,
  value,
  onChange,
  rate,
}: {
  language: string;
  /** The chosen voice's name; empty for the best match. */
  value: string;
  onChange: (name: string) => void;
  rate: number;
}) {
  const t = useT('speech-settings');
  const { status, voices } = useVoicesFor(language);
  const player = usePlayer();
  const id = useId();
  const owner = `test-voice:${language}`;
  useStopOnUnmount(owner);
  const name = languageName(language);
  const best = voices[0];
  const chosen = voices.find((voice) => voice.name === value);
  const missing = value !== '' && !chosen;
  const testing = player.owner === owner;

  let hint: string | null = null;
  if (status === 'unsupported') hint = t('voice.unsupported');
  else if (status === 'loading') hint = t('voice.loading');
  else if (voices.length === 0) hint = t('voice.none', { language: name });
  else if (missing) hint = t('voice.missing');

  return (
    <div className="speech-voice-row">
      <div className="field">
        <label className="field-label" htmlFor={id}>
          {t('voice.label', { language: name })}
        </label>
        {hint ? (
          <p className="field-hint" id={`${id}-hint`}>
            {hint}
          </p>
        ) : null}
        <select
          id={id}
          value={value}
          onChange={(event) => onChange(event.target.value)}
          aria-describedby={hint ? `${id}-hint` : undefined}
        >
          <option value="">
            {best ? t('voice.automaticNamed', { voice: best.name }) : t('voice.automatic')}
          </option>
          {missing ? <option value={value}>{t('voice.notHere', { voice: value })}</option> : null}
          {voices.map((voice) => (
            <option key={voice.voiceURI || voice.name} value={voice.name}>
              {voice.name} · {voice.lang}
              {voice.localService ? '' : ` · ${t('voice.online')}`}
            </option>
          ))}
        </select>
      </div>
      <button
        type="button"
        className="button button-secondary button-small"
        disabled={!best}
        onClick={() => {
          const voice = chosen ?? best;
          if (testing) stopSpeaking(owner);
          else if (voice) speakAll(owner, [sampleFor(language)], { voice, rate });
        }}
      >
        {testing ? <span className="speech-stop-icon" aria-hidden="true" /> : <SpeakerIcon />}
        {testing ? t('stop') : t('voice.test')}
        <span className="visually-hidden"> ({name})</span>
      </button>
    </div>
  );
}

/**
 * Speech preferences, kept in the profile: the rate replies and cards are read at, a voice per language
 * being learned (voices belong to the browser: a name another device lacks falls back to the best match
 * there), whether every reply is read aloud as it arrives, and whose speech it is (the browser's or the
 * server's, with a server voice per language and whether recordings are kept).
 */
export function SpeechSettings() {
  const t = useT('speech-settings');
  const user = useCurrentUser();
  const saved = user.profile.voice;
  const languages = user.profile.targetLanguages.map((target) => target.language);
  const [rate, setRate] = useState(saved.rate);
  const [names, setNames] = useState<Partial<Record<string, string>>>(() => ({ ...saved.voiceNames }));
  const [autoSpeak, setAutoSpeak] = useState(saved.autoSpeak);
  const [engine, setEngine] = useState<SpeechEngine>(saved.engine);
  const [serverVoices, setServerVoices] = useState<Partial<Record<string, string>>>(() => ({
    ...saved.serverVoices,
  }));
  const [storeAudio, setStoreAudio] = useState(saved.storeAudio);
  const [errors, setErrors] = useState<FormErrors>(noErrors);
  const [status, setStatus] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const save = useSaveVoiceSettings();
  const rateId = useId();
  // The server's voices (the same list for every language): asked only where the server may speak.
  const serverCaps = useSpeechCapabilities(languages[0] ?? '', engine !== 'browser');

  function changed() {
    setStatus(null);
  }

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setBusy(true);
    setErrors(noErrors);
    setStatus(null);
    const voiceNames: Record<string, string | null> = {};
    const chosenServerVoices: Record<string, string | null> = {};
    for (const language of languages) {
      voiceNames[language] = names[language] || null;
      chosenServerVoices[language] = serverVoices[language] || null;
    }
    try {
      await save({ rate, autoSpeak, voiceNames, engine, serverVoices: chosenServerVoices, storeAudio });
      // What the server offers may have changed since (a cap reset): asked again on the next screen.
      refreshSpeechCapabilities();
      setStatus(t('saved'));
    } catch (error) {
      setErrors(
        formErrorsFrom(error, [
          'voice.rate',
          'voice.voiceNames',
          'voice.autoSpeak',
          'voice.engine',
          'voice.serverVoices',
          'voice.storeAudio',
        ]),
      );
    } finally {
      setBusy(false);
    }
  }

  return (
    <form onSubmit={submit} noValidate className="form" aria-labelledby="settings-speech">
      <h2 id="settings-speech">{t('title')}</h2>
      <FormAlert message={errors.form} />
      <div className="field" data-invalid={errors.fields['voice.rate'] ? true : undefined}>
        <label className="field-label" htmlFor={rateId}>
          {t('rate')}
        </label>
        <p className="field-hint" id={`${rateId}-hint`}>
          {t('rateHint')}
        </p>
        <div className="range-row">
          <input
            id={rateId}
            type="range"
            min={0.5}
            max={1.5}
            step={0.05}
            value={rate}
            onChange={(event) => {
              setRate(Number(event.target.value));
              changed();
            }}
            aria-describedby={`${rateId}-hint`}
            aria-valuetext={t('rateValue', { rate: formatRate(rate) })}
          />
          <output htmlFor={rateId}>{formatRate(rate)}</output>
        </div>
        {errors.fields['voice.rate'] ? <p className="field-error">{errors.fields['voice.rate']}</p> : null}
      </div>

      {languages.length > 0 ? (
        <fieldset className="speech-voices">
          <legend className="field-label">{t('voices')}</legend>
          {languages.map((language) => (
            <VoiceChoice
              key={language}
              language={language}
              value={names[language] ?? ''}
              rate={rate}
              onChange={(name) => {
                setNames((current) => ({ ...current, [language]: name }));
                changed();
              }}
            />
          ))}
          <p className="field-hint">{t('voicesHint')}</p>
        </fieldset>
      ) : null}

      <CheckboxField
        label={t('autoSpeak')}
        name="autoSpeak"
        checked={autoSpeak}
        onChange={(value) => {
          setAutoSpeak(value);
          changed();
        }}
        hint={t('autoSpeakHint')}
      />

      <RadioGroup
        legend={t('engine')}
        name="engine"
        value={engine}
        onChange={(value) => {
          setEngine(value as SpeechEngine);
          changed();
        }}
        options={engineOptions()}
        error={errors.fields['voice.engine']}
      />
      {engine !== 'browser' ? <ServerSpeechNote language={languages[0]} /> : null}

      {engine !== 'browser' && languages.length > 0 && serverCaps?.speak.available ? (
        <fieldset className="speech-voices">
          <legend className="field-label">{t('serverVoices')}</legend>
          {languages.map((language) => (
            <ServerVoiceChoice
              key={language}
              language={language}
              value={serverVoices[language] ?? ''}
              rate={rate}
              onChange={(voice) => {
                setServerVoices((current) => ({ ...current, [language]: voice }));
                changed();
              }}
            />
          ))}
        </fieldset>
      ) : null}

      {engine !== 'browser' ? (
        <CheckboxField
          label={t('storeAudio')}
          name="storeAudio"
          checked={storeAudio}
          onChange={(value) => {
            setStoreAudio(value);
            changed();
          }}
          hint={t('storeAudioHint')}
        />
      ) : null}

      <p className="field-hint">
        {engine === 'server'
          ? t('privacy.server')
          : recognitionAvailable()
            ? t('privacy.browser')
            : t('privacy.none')}
      </p>

      <div className="form-actions">
        <SubmitButton busy={busy}>{t('save')}</SubmitButton>
      </div>
      <StatusMessage message={status} />
      {saved.storeAudio && engine !== 'browser' ? <StoredRecordings /> : null}
    </form>
  );
}
