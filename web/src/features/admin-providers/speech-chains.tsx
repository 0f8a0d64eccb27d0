import { type FormEvent, useId, useState } from 'react';
import type { AdminProvider, ProviderList } from '../../../../contracts/providers.ts';
import type { SpeechChainLink, SpeechChainSetting, SpeechFunction } from '../../../../contracts/speech.ts';
import { FormAlert, SelectField, StatusMessage, SubmitButton } from '../../components/form-field.tsx';
import { api } from '../../lib/api-client.ts';
import { formErrorsFrom } from '../../lib/form-errors.ts';
import { providerOptionLabel } from './provider-format.ts';

/** The speech API accepts at most this many links per function. */
const maxLinks = 8;

/** Provider kinds with speech endpoints (an OpenAI-compatible server's `/audio/…`, Mistral's Voxtral). */
const speechKinds = new Set<AdminProvider['kind']>(['openai-compatible', 'mistral']);

const titles: Record<SpeechFunction, string> = {
  transcribe: 'Speech to text (transcribe)',
  speak: 'Text to speech (speak)',
};

const descriptions: Record<SpeechFunction, string> = {
  transcribe:
    'Writes down what learners say where their browser cannot (Firefox), fails, or they chose the server. Priced per minute of audio.',
  speak:
    'Reads replies and cards aloud where the browser has no voice for the language, or the learner chose the server. Priced per character. Learners choose a voice per language from the provider’s list; the voice here is the default.',
};

type Link = { provider: string; model: string; voice: string };

function suggestions(list: ProviderList, fn: SpeechFunction, provider: AdminProvider | undefined): string[] {
  if (!provider) return [];
  return list.speechModels[fn]?.[provider.kind] ?? [];
}

function sourceText(setting: SpeechChainSetting | undefined): string {
  if (setting?.source === 'app') return 'Set in the app.';
  if (setting?.source === 'environment')
    return 'From the server’s environment. Saving here sets it in the app, which wins over the environment.';
  return 'Not set up: learners use their browser’s speech only.';
}

function SpeechLinkFields({
  fn,
  list,
  providers,
  link,
  index,
  onChange,
  onRemove,
}: {
  fn: SpeechFunction;
  list: ProviderList;
  providers: readonly AdminProvider[];
  link: Link;
  index: number;
  onChange: (link: Link) => void;
  onRemove: () => void;
}) {
  const modelId = useId();
  const voiceId = useId();
  const name = index === 0 ? 'First choice' : `Fallback ${index}`;
  const provider = providers.find((item) => item.id === link.provider);
  const options = providers.map((item) => ({ value: item.id, label: providerOptionLabel(item) }));
  if (link.provider && !provider)
    options.push({ value: link.provider, label: `${link.provider} (no longer set up)` });
  const models = suggestions(list, fn, provider);
  return (
    <li>
      <fieldset className="chain-link">
        <legend>{name}</legend>
        <SelectField
          label="Provider"
          name={`${fn}-provider-${index}`}
          value={link.provider}
          placeholder="Choose a provider"
          options={options}
          onChange={(value) =>
            onChange({
              ...link,
              provider: value,
              model:
                suggestions(
                  list,
                  fn,
                  providers.find((item) => item.id === value),
                )[0] ?? link.model,
            })
          }
        />
        <div className="field">
          <label htmlFor={modelId} className="field-label">
            Model
          </label>
          <input
            id={modelId}
            type="text"
            value={link.model}
            list={models.length > 0 ? `${modelId}-models` : undefined}
            onChange={(event) => onChange({ ...link, model: event.target.value })}
            aria-describedby={`${modelId}-hint`}
            spellCheck={false}
            autoCapitalize="none"
          />
          {models.length > 0 ? (
            <datalist id={`${modelId}-models`}>
              {models.map((model) => (
                <option key={model} value={model} />
              ))}
            </datalist>
          ) : null}
          <p id={`${modelId}-hint`} className="field-hint">
            {models.length > 0
              ? `For example ${models.slice(0, 3).join(', ')}.`
              : 'The id the server knows the model by (e.g. whisper-1, Systran/faster-whisper-small, kokoro).'}
          </p>
        </div>
        {fn === 'speak' ? (
          <div className="field">
            <label htmlFor={voiceId} className="field-label">
              Default voice
            </label>
            <input
              id={voiceId}
              type="text"
              value={link.voice}
              onChange={(event) => onChange({ ...link, voice: event.target.value })}
              aria-describedby={`${voiceId}-hint`}
              spellCheck={false}
              autoCapitalize="none"
            />
            <p id={`${voiceId}-hint`} className="field-hint">
              Optional, e.g. alloy or af_bella. Empty: the provider’s first voice.
            </p>
          </div>
        ) : null}
        <div className="row-actions">
          <button type="button" className="button button-quiet button-small" onClick={onRemove}>
            Remove<span className="visually-hidden"> ({name})</span>
          </button>
        </div>
      </fieldset>
    </li>
  );
}

function SpeechChainEditor({
  fn,
  list,
  onSaved,
}: {
  fn: SpeechFunction;
  list: ProviderList;
  onSaved: (list: ProviderList, message: string) => void;
}) {
  const headingId = useId();
  const setting = list.speechChains.find((chain) => chain.function === fn);
  const providers = list.providers.filter((provider) => speechKinds.has(provider.kind));
  const [links, setLinks] = useState<Link[]>(() =>
    (setting?.links ?? []).map((link) => ({
      provider: link.provider,
      model: link.model,
      voice: link.voice ?? '',
    })),
  );
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const title = titles[fn];

  async function save(next: Link[], message: string) {
    setBusy(true);
    setError(null);
    try {
      const body = {
        function: fn,
        links: next.map((link): SpeechChainLink => {
          const out: SpeechChainLink = { provider: link.provider, model: link.model.trim() };
          if (fn === 'speak' && link.voice.trim()) out.voice = link.voice.trim();
          return out;
        }),
      };
      const result = await api.put<ProviderList>('/api/admin/providers/speech-chains', body);
      onSaved(result, message);
    } catch (caught) {
      setError(formErrorsFrom(caught, []).form);
    } finally {
      setBusy(false);
    }
  }

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (links.some((link) => !link.provider || !link.model.trim())) {
      setError('Choose a provider and a model for each link, or remove the link.');
      return;
    }
    void save(
      links,
      links.length === 0 ? `${title}: removed.` : `${title}: saved. It applies from the next call.`,
    );
  }

  return (
    <form className="card chain-editor" onSubmit={submit} aria-labelledby={headingId} noValidate>
      <h3 id={headingId}>{title}</h3>
      <p className="muted">
        {descriptions[fn]} {sourceText(setting)}
      </p>
      <FormAlert message={error} />
      {links.length === 0 ? (
        <p>No link: nothing {fn === 'speak' ? 'is spoken' : 'is transcribed'} by the server.</p>
      ) : (
        <ol className="chain-links">
          {links.map((link, index) => (
            <SpeechLinkFields
              // Links have no id of their own; their position is who they are while editing.
              key={index}
              fn={fn}
              list={list}
              providers={providers}
              link={link}
              index={index}
              onChange={(next) =>
                setLinks((current) => current.map((item, position) => (position === index ? next : item)))
              }
              onRemove={() => setLinks((current) => current.filter((_, position) => position !== index))}
            />
          ))}
        </ol>
      )}
      <div className="form-actions">
        <button
          type="button"
          className="button button-secondary"
          disabled={links.length >= maxLinks || providers.length === 0}
          onClick={() => {
            const used = new Set(links.map((link) => link.provider));
            const provider = providers.find((item) => !used.has(item.id)) ?? providers[0];
            setLinks((current) => [
              ...current,
              { provider: provider?.id ?? '', model: suggestions(list, fn, provider)[0] ?? '', voice: '' },
            ]);
          }}
        >
          {links.length === 0 ? 'Add a provider' : 'Add a fallback'}
        </button>
        <SubmitButton busy={busy}>
          Save<span className="visually-hidden"> {title}</span>
        </SubmitButton>
        {setting?.source === 'app' ? (
          <button
            type="button"
            className="button button-quiet"
            disabled={busy}
            onClick={() => void save([], `${title}: removed.`)}
          >
            Remove this chain
          </button>
        ) : null}
      </div>
    </form>
  );
}

/**
 * Admin → AI providers → Speech: which providers transcribe and speak for the server's speech path,
 * each as a chain with fallbacks, like the model roles. Metered like every model call.
 */
export function SpeechChainsSection({
  list,
  onSaved,
}: {
  list: ProviderList;
  onSaved: (list: ProviderList) => void;
}) {
  const [status, setStatus] = useState<string | null>(null);
  const speechProviders = list.providers.filter((provider) => speechKinds.has(provider.kind));
  // Editors are keyed by what was saved, so a save (or another admin's change) starts them afresh.
  const key = (fn: SpeechFunction) =>
    `${fn}:${JSON.stringify(list.speechChains.find((chain) => chain.function === fn) ?? null)}`;
  return (
    <section className="providers-section" aria-labelledby="speech-title" id="speech">
      <h2 id="speech-title">Speech</h2>
      <p className="muted">
        Learners’ browsers speak and listen for free where they can. Set these up for browsers that cannot
        (Firefox has no speech recognition, many systems lack voices) and for learners who choose the server’s
        speech in their settings. An OpenAI-compatible server (OpenAI, Groq, Speaches, LocalAI, Kokoro) or
        Mistral (Voxtral, transcription) serves them.
      </p>
      {speechProviders.length === 0 ? (
        <p>
          No provider here can serve speech yet: add an OpenAI-compatible or Mistral provider above, then
          choose it here.
        </p>
      ) : null}
      <StatusMessage message={status} />
      <div className="chain-editors">
        {(['transcribe', 'speak'] as const).map((fn) => (
          <SpeechChainEditor
            key={key(fn)}
            fn={fn}
            list={list}
            onSaved={(result, message) => {
              setStatus(message);
              onSaved(result);
            }}
          />
        ))}
      </div>
    </section>
  );
}
