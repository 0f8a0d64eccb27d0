import { type FormEvent, type ReactNode, useEffect, useState } from 'react';
import { Link } from 'react-router';
import {
  type AdminProvider,
  defaultBaseUrls,
  type ProviderCreate,
  type ProviderList,
} from '../../../../contracts/providers.ts';
import {
  CheckboxField,
  FormAlert,
  RadioGroup,
  SubmitButton,
  TextField,
} from '../../components/form-field.tsx';
import { type Translate, useT } from '../../i18n/i18n.ts';
import { rich, slots } from '../../i18n/rich-text.tsx';
import { api } from '../../lib/api-client.ts';
import { type FormErrors, formErrorsFrom, noErrors } from '../../lib/form-errors.ts';
import { kindLabel } from './provider-format.ts';
import { type SetupWay, setupWays } from './setup-ways.ts';

const createFields = ['kind', 'name', 'baseUrl', 'apiKey', 'parallel', 'modelFile'] as const;

type Added = (provider: AdminProvider) => void;

async function createProvider(body: ProviderCreate): Promise<AdminProvider> {
  const result = await api.post<{ provider: AdminProvider }>('/api/admin/providers', body);
  return result.provider;
}

function wayOf(anchor: SetupWay['anchor']): SetupWay {
  return setupWays.find((way) => way.anchor === anchor)!;
}

/** Where stored keys are kept, said once above the forms that take one. */
function KeyStorageNote({ list }: { list: ProviderList }) {
  const t = useT('providers');
  if (!list.canStoreKeys || list.keyStorage === 'unavailable') {
    return <p className="alert alert-warning">{t('add.cannotStore')}</p>;
  }
  return (
    <p className="muted">
      {list.keyStorage === 'environment' ? t('add.storedEnvironment') : t('add.storedFile')}
    </p>
  );
}

/** A way to add a provider, folded until chosen; a link to its anchor opens it. */
function WayDetails({ way, hash, children }: { way: SetupWay; hash: string; children: ReactNode }) {
  // The three ways' words are the notice's, which links to them (namespace `provider-notice`).
  const tw = useT('provider-notice');
  const [open, setOpen] = useState(hash === `#${way.anchor}`);
  useEffect(() => {
    if (hash === `#${way.anchor}`) setOpen(true);
  }, [hash, way.anchor]);
  return (
    <details
      id={way.anchor}
      className="card add-way"
      open={open}
      onToggle={(event) => setOpen(event.currentTarget.open)}
    >
      <summary>
        <h3>{tw(`way.${way.anchor}.title`)}</h3>
        <span className="add-way-description">{tw(`way.${way.anchor}.description`)}</span>
      </summary>
      {children}
    </details>
  );
}

type KeyKind = 'anthropic' | 'mistral';

function keyKindOptions(t: Translate<'providers'>) {
  return [
    { value: 'anthropic', label: t('add.anthropicLabel'), description: t('add.anthropicHint') },
    { value: 'mistral', label: kindLabel(t, 'mistral'), description: t('add.mistralHint') },
  ];
}

function AddKeyForm({ onAdded }: { onAdded: Added }) {
  const t = useT('providers');
  const [kind, setKind] = useState<KeyKind>('anthropic');
  const [name, setName] = useState(() => kindLabel(t, 'anthropic'));
  const [apiKey, setApiKey] = useState('');
  const [baseUrl, setBaseUrl] = useState('');
  const [errors, setErrors] = useState<FormErrors>(noErrors);
  const [busy, setBusy] = useState(false);

  function chooseKind(value: string) {
    const next: KeyKind = value === 'mistral' ? 'mistral' : 'anthropic';
    // The name follows the kind until the admin types one of their own.
    if (name === kindLabel(t, kind)) setName(kindLabel(t, next));
    setKind(next);
  }

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setBusy(true);
    setErrors(noErrors);
    try {
      const provider = await createProvider({
        kind,
        name,
        apiKey,
        ...(baseUrl.trim() ? { baseUrl } : {}),
      });
      setApiKey('');
      setBaseUrl('');
      onAdded(provider);
    } catch (caught) {
      setErrors(formErrorsFrom(caught, createFields));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="form" onSubmit={submit} noValidate>
      <FormAlert message={errors.form} />
      <RadioGroup
        legend={t('add.provider')}
        name="keyKind"
        value={kind}
        onChange={chooseKind}
        options={keyKindOptions(t)}
        error={errors.fields.kind}
      />
      <TextField
        label={t('add.name')}
        name="name"
        value={name}
        onChange={setName}
        error={errors.fields.name}
        required
      />
      <TextField
        label={t('add.apiKey')}
        name="apiKey"
        type="password"
        value={apiKey}
        onChange={setApiKey}
        autoComplete="off"
        error={errors.fields.apiKey}
        required
      />
      <TextField
        label={t('add.address')}
        name="baseUrl"
        value={baseUrl}
        onChange={setBaseUrl}
        hint={t('add.addressDefault', { url: defaultBaseUrls[kind] })}
        error={errors.fields.baseUrl}
        optional
      />
      <SubmitButton busy={busy}>{t('add.submitKey', { kind: kindLabel(t, kind) })}</SubmitButton>
    </form>
  );
}

/** Default addresses of the usual local servers, on the machine Charla runs on. */
const serverPresets = [
  { name: 'Ollama', baseUrl: 'http://127.0.0.1:11434/v1' },
  { name: 'llama.cpp', baseUrl: 'http://127.0.0.1:8080/v1' },
  { name: 'LM Studio', baseUrl: 'http://127.0.0.1:1234/v1' },
  { name: 'vLLM', baseUrl: 'http://127.0.0.1:8000/v1' },
] as const;

function AddServerForm({ onAdded }: { onAdded: Added }) {
  const t = useT('providers');
  const [name, setName] = useState('');
  const [baseUrl, setBaseUrl] = useState('');
  const [apiKey, setApiKey] = useState('');
  const [parallel, setParallel] = useState(false);
  const [errors, setErrors] = useState<FormErrors>(noErrors);
  const [busy, setBusy] = useState(false);

  function applyPreset(preset: (typeof serverPresets)[number]) {
    setBaseUrl(preset.baseUrl);
    if (name.trim() === '' || serverPresets.some((other) => other.name === name)) setName(preset.name);
  }

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setBusy(true);
    setErrors(noErrors);
    try {
      const provider = await createProvider({
        kind: 'openai-compatible',
        name,
        baseUrl,
        parallel,
        ...(apiKey.trim() ? { apiKey } : {}),
      });
      setName('');
      setBaseUrl('');
      setApiKey('');
      setParallel(false);
      onAdded(provider);
    } catch (caught) {
      setErrors(formErrorsFrom(caught, createFields));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="form" onSubmit={submit} noValidate>
      <FormAlert message={errors.form} />
      <fieldset className="server-presets">
        <legend className="field-label">{t('add.presets')}</legend>
        {/* Product names, the same in every language. */}
        <div className="row-actions" translate="no">
          {serverPresets.map((preset) => (
            <button
              key={preset.name}
              type="button"
              className="button button-secondary button-small"
              onClick={() => applyPreset(preset)}
            >
              {preset.name}
            </button>
          ))}
        </div>
      </fieldset>
      <TextField
        label={t('add.name')}
        name="name"
        value={name}
        onChange={setName}
        hint={t('add.serverNameHint')}
        error={errors.fields.name}
        required
      />
      <TextField
        label={t('add.address')}
        name="baseUrl"
        value={baseUrl}
        onChange={setBaseUrl}
        hint={rich(t('add.serverAddressHint', slots('example')), {
          example: <code>http://127.0.0.1:11434/v1</code>,
        })}
        error={errors.fields.baseUrl}
        required
      />
      <TextField
        label={t('add.apiKey')}
        name="apiKey"
        type="password"
        value={apiKey}
        onChange={setApiKey}
        autoComplete="off"
        hint={t('add.serverKeyHint')}
        error={errors.fields.apiKey}
        optional
      />
      <CheckboxField
        label={t('add.parallel')}
        name="parallel"
        checked={parallel}
        onChange={setParallel}
        hint={t('add.parallelHint')}
        error={errors.fields.parallel}
      />
      <SubmitButton busy={busy}>{t('add.submitServer')}</SubmitButton>
    </form>
  );
}

/** "Add a provider": the three ways, each with its own anchor so other screens can link to it. */
export function AddProviderSection({
  list,
  hash,
  onAdded,
}: {
  list: ProviderList;
  hash: string;
  onAdded: Added;
}) {
  const t = useT('providers');
  const tw = useT('provider-notice');
  const localWay = wayOf('local-model');
  return (
    <section className="providers-section" aria-labelledby="add-provider-title">
      <h2 id="add-provider-title">{t('add.title')}</h2>
      <KeyStorageNote list={list} />
      <div className="add-ways">
        <WayDetails way={wayOf('add-key')} hash={hash}>
          <AddKeyForm onAdded={onAdded} />
        </WayDetails>
        <WayDetails way={wayOf('add-server')} hash={hash}>
          <AddServerForm onAdded={onAdded} />
        </WayDetails>
        <div className="card add-way">
          <h3>{tw('way.local-model.title')}</h3>
          <p className="add-way-description">{tw('way.local-model.description')}</p>
          <p>
            <Link to={`#${localWay.anchor}`} className="button button-secondary button-small">
              {t('add.chooseLocal')}
            </Link>
          </p>
        </div>
      </div>
    </section>
  );
}
