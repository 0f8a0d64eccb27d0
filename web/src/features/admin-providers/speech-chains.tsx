import { type FormEvent, useId, useState } from 'react';
import type { AdminProvider, ProviderList } from '../../../../contracts/providers.ts';
import type { SpeechChainLink, SpeechChainSetting, SpeechFunction } from '../../../../contracts/speech.ts';
import { FormAlert, SelectField, StatusMessage, SubmitButton } from '../../components/form-field.tsx';
import { type Translate, useT } from '../../i18n/i18n.ts';
import { api } from '../../lib/api-client.ts';
import { formErrorsFrom } from '../../lib/form-errors.ts';
import { linkName } from './chains-editor.tsx';
import { providerOptionLabel } from './provider-format.ts';

/** The speech API accepts at most this many links per function. */
const maxLinks = 8;

/** Provider kinds with speech endpoints (an OpenAI-compatible server's `/audio/…`, Mistral's Voxtral). */
const speechKinds = new Set<AdminProvider['kind']>(['openai-compatible', 'mistral']);

type T = Translate<'providers'>;

type Link = { provider: string; model: string; voice: string };

function suggestions(list: ProviderList, fn: SpeechFunction, provider: AdminProvider | undefined): string[] {
  if (!provider) return [];
  return list.speechModels[fn]?.[provider.kind] ?? [];
}

function sourceText(t: T, setting: SpeechChainSetting | undefined): string {
  if (setting?.source === 'app') return t('chain.fromApp');
  if (setting?.source === 'environment') return t('chain.fromEnvironment');
  return t('speech.notSet');
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
  const t = useT('providers');
  const modelId = useId();
  const voiceId = useId();
  const name = linkName(t, index);
  const provider = providers.find((item) => item.id === link.provider);
  const options = providers.map((item) => ({ value: item.id, label: providerOptionLabel(t, item) }));
  if (link.provider && !provider)
    options.push({ value: link.provider, label: t('chain.gone', { id: link.provider }) });
  const models = suggestions(list, fn, provider);
  return (
    <li>
      <fieldset className="chain-link">
        <legend>{name}</legend>
        <SelectField
          label={t('chain.provider')}
          name={`${fn}-provider-${index}`}
          value={link.provider}
          placeholder={t('chain.chooseProvider')}
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
            {t('chain.model')}
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
              ? t('speech.examples', { models: models.slice(0, 3).join(', ') })
              : t('speech.modelHint')}
          </p>
        </div>
        {fn === 'speak' ? (
          <div className="field">
            <label htmlFor={voiceId} className="field-label">
              {t('speech.voice')}
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
              {t('speech.voiceHint')}
            </p>
          </div>
        ) : null}
        <div className="row-actions">
          <button type="button" className="button button-quiet button-small" onClick={onRemove}>
            {t('chain.remove')}
            <span className="visually-hidden"> ({name})</span>
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
  const t = useT('providers');
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
  const title = t(`speech.${fn}`);

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
      setError(t('chain.incomplete'));
      return;
    }
    void save(links, links.length === 0 ? t('speech.removed', { title }) : t('chain.saved', { title }));
  }

  return (
    <form className="card chain-editor" onSubmit={submit} aria-labelledby={headingId} noValidate>
      <h3 id={headingId}>{title}</h3>
      <p className="muted">
        {t(`speech.${fn}Description`)} {sourceText(t, setting)}
      </p>
      <FormAlert message={error} />
      {links.length === 0 ? (
        <p>{fn === 'speak' ? t('speech.noLinkSpeak') : t('speech.noLinkTranscribe')}</p>
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
          {links.length === 0 ? t('chain.addProvider') : t('chain.addFallback')}
        </button>
        <SubmitButton busy={busy}>
          {t('chain.save')}
          <span className="visually-hidden"> {title}</span>
        </SubmitButton>
        {setting?.source === 'app' ? (
          <button
            type="button"
            className="button button-quiet"
            disabled={busy}
            onClick={() => void save([], t('speech.removed', { title }))}
          >
            {t('chain.removeChain')}
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
  const t = useT('providers');
  const [status, setStatus] = useState<string | null>(null);
  const speechProviders = list.providers.filter((provider) => speechKinds.has(provider.kind));
  // Editors are keyed by what was saved, so a save (or another admin's change) starts them afresh.
  const key = (fn: SpeechFunction) =>
    `${fn}:${JSON.stringify(list.speechChains.find((chain) => chain.function === fn) ?? null)}`;
  return (
    <section className="providers-section" aria-labelledby="speech-title" id="speech">
      <h2 id="speech-title">{t('speech.title')}</h2>
      <p className="muted">{t('speech.lead')}</p>
      {speechProviders.length === 0 ? <p>{t('speech.noProvider')}</p> : null}
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
