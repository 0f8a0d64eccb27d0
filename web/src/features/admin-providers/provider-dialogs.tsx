import { type FormEvent, useState } from 'react';
import type { AdminProvider, LocalModelFile, ProviderUpdate } from '../../../../contracts/providers.ts';
import { ConfirmDialog } from '../../components/confirm-dialog.tsx';
import {
  CheckboxField,
  DialogActions,
  FormAlert,
  SelectField,
  TextField,
} from '../../components/form-field.tsx';
import { Modal } from '../../components/modal.tsx';
import { useT } from '../../i18n/i18n.ts';
import { rich, slots } from '../../i18n/rich-text.tsx';
import { api } from '../../lib/api-client.ts';
import { type FormErrors, formErrorsFrom, noErrors } from '../../lib/form-errors.ts';

const editFields = ['name', 'baseUrl', 'apiKey', 'parallel', 'modelFile'] as const;

/**
 * Changes an app provider. Only what changed is sent: an empty key box keeps the stored key (never
 * shown, only its last four characters), a new key replaces it.
 */
export function EditProviderDialog({
  provider,
  files,
  onClose,
  onDone,
}: {
  provider: AdminProvider;
  /** The GGUF files in the models folder, for a local model. */
  files: readonly LocalModelFile[];
  onClose: () => void;
  onDone: (provider: AdminProvider) => void;
}) {
  const t = useT('providers');
  const isLocal = provider.kind === 'local';
  const [name, setName] = useState(provider.name);
  const [baseUrl, setBaseUrl] = useState(provider.baseUrl ?? '');
  const [apiKey, setApiKey] = useState('');
  const [removeKey, setRemoveKey] = useState(false);
  const [parallel, setParallel] = useState(provider.parallel);
  const [modelFile, setModelFile] = useState(provider.modelFile ?? '');
  const [errors, setErrors] = useState<FormErrors>(noErrors);
  const [busy, setBusy] = useState(false);

  function changes(): ProviderUpdate {
    const update: ProviderUpdate = {};
    if (name.trim() !== provider.name) update.name = name;
    if (!isLocal && baseUrl.trim() !== (provider.baseUrl ?? '')) update.baseUrl = baseUrl;
    if (!isLocal && removeKey) update.apiKey = null;
    else if (!isLocal && apiKey.trim() !== '') update.apiKey = apiKey;
    if (provider.kind === 'openai-compatible' && parallel !== provider.parallel) update.parallel = parallel;
    if (isLocal && modelFile !== '' && modelFile !== provider.modelFile) update.modelFile = modelFile;
    return update;
  }

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const update = changes();
    if (Object.keys(update).length === 0) {
      onClose();
      return;
    }
    setBusy(true);
    setErrors(noErrors);
    try {
      const result = await api.patch<{ provider: AdminProvider }>(
        `/api/admin/providers/${encodeURIComponent(provider.id)}`,
        update,
      );
      onDone(result.provider);
    } catch (caught) {
      setErrors(formErrorsFrom(caught, editFields));
      setBusy(false);
    }
  }

  const keyHint =
    provider.state.status === 'key_unreadable'
      ? t('keyUnreadableHelp')
      : provider.hasKey
        ? t('edit.keyEnds', { last4: provider.keyLast4 ?? '????' })
        : t('edit.noKey');

  const fileOptions = files.map((file) => ({ value: file.file, label: file.file }));
  if (provider.modelFile && !files.some((file) => file.file === provider.modelFile))
    fileOptions.unshift({
      value: provider.modelFile,
      label: t('edit.missing', { file: provider.modelFile }),
    });

  return (
    <Modal title={t('edit.title', { name: provider.name })} onClose={onClose}>
      <form onSubmit={submit} noValidate className="form">
        <FormAlert message={errors.form} />
        <TextField
          label={t('edit.name')}
          name="name"
          value={name}
          onChange={setName}
          error={errors.fields.name}
          required
        />
        {!isLocal ? (
          <TextField
            label={t('edit.address')}
            name="baseUrl"
            value={baseUrl}
            onChange={setBaseUrl}
            hint={t('edit.addressHint')}
            error={errors.fields.baseUrl}
          />
        ) : null}
        {!isLocal ? (
          <TextField
            label={t('edit.newKey')}
            name="apiKey"
            type="password"
            value={apiKey}
            onChange={setApiKey}
            autoComplete="off"
            hint={keyHint}
            error={errors.fields.apiKey}
            disabled={removeKey}
            optional
          />
        ) : null}
        {provider.kind === 'openai-compatible' && provider.hasKey ? (
          <CheckboxField
            label={t('edit.removeKey')}
            name="removeKey"
            checked={removeKey}
            onChange={setRemoveKey}
          />
        ) : null}
        {provider.kind === 'openai-compatible' ? (
          <CheckboxField
            label={t('edit.parallel')}
            name="parallel"
            checked={parallel}
            onChange={setParallel}
            hint={t('edit.parallelHint')}
            error={errors.fields.parallel}
          />
        ) : null}
        {isLocal && fileOptions.length > 0 ? (
          <SelectField
            label={t('edit.modelFile')}
            name="modelFile"
            value={modelFile}
            onChange={setModelFile}
            options={fileOptions}
            error={errors.fields.modelFile}
          />
        ) : null}
        <DialogActions onCancel={onClose} busy={busy}>
          {t('edit.save')}
        </DialogActions>
      </form>
    </Modal>
  );
}

export function RemoveProviderDialog({
  provider,
  onClose,
  onDone,
}: {
  provider: AdminProvider;
  onClose: () => void;
  onDone: (provider: AdminProvider) => void;
}) {
  const t = useT('providers');
  return (
    <ConfirmDialog
      title={t('remove.title', { name: provider.name })}
      action={t('remove.action')}
      onClose={onClose}
      onConfirm={async () => {
        await api.delete(`/api/admin/providers/${encodeURIComponent(provider.id)}`);
        onDone(provider);
      }}
    >
      <p>
        {rich(t(provider.hasKey ? 'remove.textKey' : 'remove.text', slots('name')), {
          name: <strong>{provider.name}</strong>,
        })}
        {provider.kind === 'local' ? ` ${t('remove.localFile')}` : ''}
      </p>
    </ConfirmDialog>
  );
}
