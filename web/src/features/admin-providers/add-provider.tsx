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
import { api } from '../../lib/api-client.ts';
import { type FormErrors, formErrorsFrom, noErrors } from '../../lib/form-errors.ts';
import { kindLabels } from './provider-format.ts';
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
  if (!list.canStoreKeys || list.keyStorage === 'unavailable') {
    return (
      <p className="alert alert-warning">
        This server cannot store a key yet: with a PostgreSQL database, saving a key needs CHARLA_SECRET in
        the server’s environment. A local server without a key and a local model work without it.
      </p>
    );
  }
  return (
    <p className="muted">
      Keys are stored encrypted on this server (
      {list.keyStorage === 'environment'
        ? 'with CHARLA_SECRET from the environment'
        : 'with a key file in the data folder'}
      ) and never sent to a browser: the app shows only their last four characters.
    </p>
  );
}

/** A way to add a provider, folded until chosen; a link to its anchor opens it. */
function WayDetails({ way, hash, children }: { way: SetupWay; hash: string; children: ReactNode }) {
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
        <h3>{way.title}</h3>
        <span className="add-way-description">{way.description}</span>
      </summary>
      {children}
    </details>
  );
}

type KeyKind = 'anthropic' | 'mistral';

const keyKindOptions = [
  { value: 'anthropic', label: 'Anthropic (Claude)', description: 'Create a key at console.anthropic.com.' },
  { value: 'mistral', label: 'Mistral AI', description: 'Create a key at console.mistral.ai.' },
];

function AddKeyForm({ onAdded }: { onAdded: Added }) {
  const [kind, setKind] = useState<KeyKind>('anthropic');
  const [name, setName] = useState(kindLabels.anthropic);
  const [apiKey, setApiKey] = useState('');
  const [baseUrl, setBaseUrl] = useState('');
  const [errors, setErrors] = useState<FormErrors>(noErrors);
  const [busy, setBusy] = useState(false);

  function chooseKind(value: string) {
    const next: KeyKind = value === 'mistral' ? 'mistral' : 'anthropic';
    // The name follows the kind until the admin types one of their own.
    if (name === kindLabels[kind]) setName(kindLabels[next]);
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
        legend="Provider"
        name="keyKind"
        value={kind}
        onChange={chooseKind}
        options={keyKindOptions}
        error={errors.fields.kind}
      />
      <TextField
        label="Name"
        name="name"
        value={name}
        onChange={setName}
        error={errors.fields.name}
        required
      />
      <TextField
        label="API key"
        name="apiKey"
        type="password"
        value={apiKey}
        onChange={setApiKey}
        autoComplete="off"
        error={errors.fields.apiKey}
        required
      />
      <TextField
        label="Address"
        name="baseUrl"
        value={baseUrl}
        onChange={setBaseUrl}
        hint={`Leave empty for ${defaultBaseUrls[kind]}.`}
        error={errors.fields.baseUrl}
        optional
      />
      <SubmitButton busy={busy}>Add {kindLabels[kind]}</SubmitButton>
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
        <legend className="field-label">Fill in a usual address</legend>
        <div className="row-actions">
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
        label="Name"
        name="name"
        value={name}
        onChange={setName}
        hint="How it shows in chains and reports, e.g. “Ollama on the NAS”."
        error={errors.fields.name}
        required
      />
      <TextField
        label="Address"
        name="baseUrl"
        value={baseUrl}
        onChange={setBaseUrl}
        hint={
          <>
            Including /v1, e.g. <code>http://127.0.0.1:11434/v1</code> for Ollama. 127.0.0.1 is the machine
            Charla runs on (inside a container, the container itself). A cloud service such as DeepSeek or
            OpenRouter works too.
          </>
        }
        error={errors.fields.baseUrl}
        required
      />
      <TextField
        label="API key"
        name="apiKey"
        type="password"
        value={apiKey}
        onChange={setApiKey}
        autoComplete="off"
        hint="Only if the server asks for one."
        error={errors.fields.apiKey}
        optional
      />
      <CheckboxField
        label="Answers several requests at once"
        name="parallel"
        checked={parallel}
        onChange={setParallel}
        hint="Leave off for a single-slot server (one request at a time): feedback then runs after the reply instead of beside it."
        error={errors.fields.parallel}
      />
      <SubmitButton busy={busy}>Connect server</SubmitButton>
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
  const localWay = wayOf('local-model');
  return (
    <section className="providers-section" aria-labelledby="add-provider-title">
      <h2 id="add-provider-title">Add a provider</h2>
      <KeyStorageNote list={list} />
      <div className="add-ways">
        <WayDetails way={wayOf('add-key')} hash={hash}>
          <AddKeyForm onAdded={onAdded} />
        </WayDetails>
        <WayDetails way={wayOf('add-server')} hash={hash}>
          <AddServerForm onAdded={onAdded} />
        </WayDetails>
        <div className="card add-way">
          <h3>{localWay.title}</h3>
          <p className="add-way-description">{localWay.description}</p>
          <p>
            <Link to={`#${localWay.anchor}`} className="button button-secondary button-small">
              Choose a local model
            </Link>
          </p>
        </div>
      </div>
    </section>
  );
}
