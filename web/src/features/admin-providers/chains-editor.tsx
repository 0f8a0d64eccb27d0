import { type FormEvent, useId, useState } from 'react';
import { Link } from 'react-router';
import {
  type AdminProvider,
  type ChainLinkView,
  type ChainSetting,
  type ChainUpdate,
  type ModelRole,
  modelRoles,
  type ProviderList,
} from '../../../../contracts/providers.ts';
import { FormAlert, SelectField, StatusMessage, SubmitButton } from '../../components/form-field.tsx';
import { type Translate, useT } from '../../i18n/i18n.ts';
import { rich, slots } from '../../i18n/rich-text.tsx';
import { api } from '../../lib/api-client.ts';
import { formErrorsFrom } from '../../lib/form-errors.ts';
import { languageName, languageOptions } from '../../lib/languages.ts';
import { providerOptionLabel, roleDescription, roleLabel } from './provider-format.ts';

/** The chain API accepts at most this many links per role. */
const maxLinks = 8;

type Saved = (list: ProviderList, message: string) => void;

function chainKey(role: ModelRole, language: string | null): string {
  return `${role}:${language ?? '*'}`;
}

function defaultModelFor(provider: AdminProvider | undefined, role: ModelRole): string {
  if (!provider) return '';
  return provider.defaultModels[role] ?? provider.models[0] ?? '';
}

type T = Translate<'providers'>;

export function linkName(t: T, index: number): string {
  return index === 0 ? t('chain.firstChoice') : t('chain.fallback', { index });
}

/**
 * One link of a chain: a provider and one of its real models (typed, when it has no list). The usage
 * page's cheaper chain uses it too.
 */
export function LinkFields({
  link,
  index,
  count,
  providers,
  role,
  onChange,
  onMove,
  onRemove,
}: {
  link: ChainLinkView;
  index: number;
  count: number;
  providers: readonly AdminProvider[];
  role: ModelRole;
  onChange: (link: ChainLinkView) => void;
  onMove: (offset: -1 | 1) => void;
  onRemove: () => void;
}) {
  const t = useT('providers');
  const modelId = useId();
  const provider = providers.find((item) => item.id === link.provider);
  const providerOptions = providers.map((item) => ({ value: item.id, label: providerOptionLabel(t, item) }));
  if (link.provider && !provider)
    providerOptions.push({ value: link.provider, label: t('chain.gone', { id: link.provider }) });
  const models = provider?.models ?? [];
  const modelOptions = models.includes(link.model) || !link.model ? models : [link.model, ...models];
  const name = linkName(t, index);

  return (
    <li>
      <fieldset className="chain-link">
        <legend>{name}</legend>
        <SelectField
          label={t('chain.provider')}
          name={`provider-${index}`}
          value={link.provider}
          placeholder={t('chain.chooseProvider')}
          options={providerOptions}
          onChange={(value) =>
            onChange({
              provider: value,
              model: defaultModelFor(
                providers.find((item) => item.id === value),
                role,
              ),
            })
          }
        />
        <div className="field">
          <label htmlFor={modelId} className="field-label">
            {t('chain.model')}
          </label>
          {modelOptions.length > 0 ? (
            <select
              id={modelId}
              value={link.model}
              onChange={(event) => onChange({ ...link, model: event.target.value })}
            >
              {link.model ? null : (
                <option value="" disabled>
                  {t('chain.chooseModel')}
                </option>
              )}
              {modelOptions.map((model) => (
                <option key={model} value={model}>
                  {models.includes(model) ? model : t('chain.notInList', { model })}
                </option>
              ))}
            </select>
          ) : (
            <input
              id={modelId}
              type="text"
              value={link.model}
              onChange={(event) => onChange({ ...link, model: event.target.value })}
              aria-describedby={`${modelId}-hint`}
              spellCheck={false}
              autoCapitalize="none"
            />
          )}
          {modelOptions.length === 0 ? (
            <p id={`${modelId}-hint`} className="field-hint">
              {t('chain.typeModel')}
            </p>
          ) : null}
        </div>
        <div className="row-actions">
          <button
            type="button"
            className="button button-secondary button-small"
            onClick={() => onMove(-1)}
            disabled={index === 0}
          >
            {t('chain.moveUp')}
            <span className="visually-hidden"> ({name})</span>
          </button>
          <button
            type="button"
            className="button button-secondary button-small"
            onClick={() => onMove(1)}
            disabled={index === count - 1}
          >
            {t('chain.moveDown')}
            <span className="visually-hidden"> ({name})</span>
          </button>
          <button type="button" className="button button-quiet button-small" onClick={onRemove}>
            {t('chain.remove')}
            <span className="visually-hidden"> ({name})</span>
          </button>
        </div>
      </fieldset>
    </li>
  );
}

function sourceText(t: T, setting: ChainSetting | undefined, language: string | null): string {
  if (setting?.source === 'app') return t('chain.fromApp');
  if (setting?.source === 'environment') return t('chain.fromEnvironment');
  return language === null ? t('chain.default') : t('chain.languageNotSaved');
}

/** The ordered providers and models of one role (and optionally one language), edited as a list. */
function ChainEditor({
  role,
  language,
  setting,
  initial,
  providers,
  onSaved,
  onDiscard,
}: {
  role: ModelRole;
  language: string | null;
  setting: ChainSetting | undefined;
  initial: readonly ChainLinkView[];
  providers: readonly AdminProvider[];
  onSaved: Saved;
  /** For a language chain not saved yet: drop it. */
  onDiscard?: () => void;
}) {
  const t = useT('providers');
  const headingId = useId();
  const [links, setLinks] = useState<ChainLinkView[]>(() => initial.map((link) => ({ ...link })));
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const title =
    language === null
      ? roleLabel(t, role)
      : t('chain.titleLanguage', { role: roleLabel(t, role), language: languageName(language) });

  function update(index: number, link: ChainLinkView) {
    setLinks((current) => current.map((item, position) => (position === index ? link : item)));
  }

  function move(index: number, offset: -1 | 1) {
    setLinks((current) => {
      const target = index + offset;
      if (target < 0 || target >= current.length) return current;
      const next = [...current];
      [next[index], next[target]] = [next[target]!, next[index]!];
      return next;
    });
  }

  function addLink() {
    const used = new Set(links.map((link) => link.provider));
    const provider = providers.find((item) => !used.has(item.id)) ?? providers[0];
    setLinks((current) => [
      ...current,
      { provider: provider?.id ?? '', model: defaultModelFor(provider, role) },
    ]);
  }

  async function save(next: ChainLinkView[], message: string) {
    setBusy(true);
    setError(null);
    try {
      const body: ChainUpdate = {
        role,
        language,
        links: next.map((link) => ({ provider: link.provider, model: link.model.trim() })),
      };
      const result = await api.put<ProviderList>('/api/admin/chains', body);
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
    if (links.length === 0) {
      void save([], t('chain.savedDefault', { title }));
      return;
    }
    void save(links, t('chain.saved', { title }));
  }

  return (
    <form className="card chain-editor" onSubmit={submit} aria-labelledby={headingId} noValidate>
      <h3 id={headingId}>{title}</h3>
      <p className="muted">
        {language === null ? `${roleDescription(t, role)} ` : ''}
        {sourceText(t, setting, language)}
      </p>
      <FormAlert message={error} />
      {links.length === 0 ? (
        <p>{language === null ? t('chain.noLinkDefault') : t('chain.noLinkLanguage')}</p>
      ) : (
        <ol className="chain-links">
          {links.map((link, index) => (
            <LinkFields
              // Links have no id of their own; their position is who they are while editing.
              key={index}
              link={link}
              index={index}
              count={links.length}
              providers={providers}
              role={role}
              onChange={(next) => update(index, next)}
              onMove={(offset) => move(index, offset)}
              onRemove={() => setLinks((current) => current.filter((_, position) => position !== index))}
            />
          ))}
        </ol>
      )}
      <div className="form-actions">
        <button
          type="button"
          className="button button-secondary"
          onClick={addLink}
          disabled={links.length >= maxLinks || providers.length === 0}
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
            onClick={() =>
              void save(
                [],
                language === null
                  ? t('chain.savedDefault', { title })
                  : t('chain.removedLanguage', { title }),
              )
            }
          >
            {language === null ? t('chain.backToDefault') : t('chain.removeChain')}
          </button>
        ) : null}
        {onDiscard ? (
          <button type="button" className="button button-quiet" onClick={onDiscard}>
            {t('chain.discard')}
          </button>
        ) : null}
      </div>
    </form>
  );
}

/** Chains per role, then per language; a new language chain starts from the role's current chain. */
export function ChainsSection({
  list,
  onSaved,
}: {
  list: ProviderList;
  onSaved: (list: ProviderList) => void;
}) {
  const t = useT('providers');
  const roleOptions = modelRoles.map((role) => ({ value: role, label: roleLabel(t, role) }));
  const [pending, setPending] = useState<{ role: ModelRole; language: string }[]>([]);
  const [newLanguage, setNewLanguage] = useState('');
  const [newRole, setNewRole] = useState<string>('conversation');
  const [status, setStatus] = useState<string | null>(null);
  const settings = new Map(list.chains.map((chain) => [chainKey(chain.role, chain.language), chain]));
  const languageChains = list.chains.filter((chain) => chain.language !== null);
  const openPending = pending.filter((item) => !settings.has(chainKey(item.role, item.language)));

  const saved: Saved = (result, message) => {
    setStatus(message);
    onSaved(result);
  };

  function addLanguageChain(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const role = modelRoles.find((item) => item === newRole);
    if (!newLanguage || !role) return;
    if (
      !settings.has(chainKey(role, newLanguage)) &&
      !openPending.some((item) => item.role === role && item.language === newLanguage)
    )
      setPending((current) => [...current, { role, language: newLanguage }]);
    setNewLanguage('');
  }

  // Editors are keyed by what was saved, so a save (or another admin's change) starts them afresh.
  const editorKey = (role: ModelRole, language: string | null) =>
    `${chainKey(role, language)}:${JSON.stringify(settings.get(chainKey(role, language)) ?? null)}:${JSON.stringify(list.effective[role] ?? [])}`;

  return (
    <section className="providers-section" aria-labelledby="chains-title" id="chains">
      <h2 id="chains-title">{t('chains.title')}</h2>
      <p className="muted">{t('chains.lead')}</p>
      <p className="muted">
        {rich(t('chains.cheaper', slots('link')), {
          link: <Link to="/admin/usage">{t('chains.cheaperLink')}</Link>,
        })}
      </p>
      <StatusMessage message={status} />
      <div className="chain-editors">
        {modelRoles.map((role) => {
          const setting = settings.get(chainKey(role, null));
          return (
            <ChainEditor
              key={editorKey(role, null)}
              role={role}
              language={null}
              setting={setting}
              initial={setting?.links ?? list.effective[role] ?? []}
              providers={list.providers}
              onSaved={saved}
            />
          );
        })}
      </div>

      <h3>{t('chains.perLanguage')}</h3>
      <p className="muted">{t('chains.perLanguageLead')}</p>
      <div className="chain-editors">
        {languageChains.map((chain) => (
          <ChainEditor
            key={editorKey(chain.role, chain.language)}
            role={chain.role}
            language={chain.language}
            setting={chain}
            initial={chain.links}
            providers={list.providers}
            onSaved={saved}
          />
        ))}
        {openPending.map((item) => (
          <ChainEditor
            key={`pending:${chainKey(item.role, item.language)}`}
            role={item.role}
            language={item.language}
            setting={undefined}
            initial={list.effective[item.role] ?? []}
            providers={list.providers}
            onSaved={saved}
            onDiscard={() =>
              setPending((current) =>
                current.filter((other) => other.role !== item.role || other.language !== item.language),
              )
            }
          />
        ))}
      </div>
      <form className="chain-add-language" onSubmit={addLanguageChain}>
        <SelectField
          label={t('chains.language')}
          name="chainLanguage"
          value={newLanguage}
          onChange={setNewLanguage}
          placeholder={t('chains.chooseLanguage')}
          options={languageOptions()}
        />
        <SelectField
          label={t('chains.role')}
          name="chainRole"
          value={newRole}
          onChange={setNewRole}
          options={roleOptions}
        />
        <button type="submit" className="button button-secondary" disabled={!newLanguage}>
          {t('chains.addLanguage')}
        </button>
      </form>
    </section>
  );
}
