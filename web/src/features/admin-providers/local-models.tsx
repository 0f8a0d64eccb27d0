import { useEffect, useRef, useState } from 'react';
import type {
  AdminProvider,
  DownloadProgress,
  LocalModelFile,
  LocalModels,
} from '../../../../contracts/providers.ts';
import { LoadError, PageLoading } from '../../components/page-states.tsx';
import { ProgressBar } from '../../components/progress-bar.tsx';
import { formatList, formatPercent } from '../../i18n/format.ts';
import { useT } from '../../i18n/i18n.ts';
import { rich, slots } from '../../i18n/rich-text.tsx';
import { api } from '../../lib/api-client.ts';
import { formErrorsFrom } from '../../lib/form-errors.ts';
import { languageName } from '../../lib/languages.ts';
import type { ApiQuery } from '../../lib/use-api-query.ts';
import { formatBytes, formatSpeed, formatTimeLeft } from './provider-format.ts';

type CatalogueEntry = LocalModels['catalogue'][number];
type SizeClass = CatalogueEntry['sizeClass'];

const sizeClasses: readonly SizeClass[] = ['1gb', '2gb', '5gb'];

const eventsPath = '/api/admin/local-models/events';

function isRunning(download: DownloadProgress | undefined): boolean {
  return download?.state === 'downloading' || download?.state === 'paused';
}

/**
 * Listens to the server's download progress while a download runs. `EventSource` (a GET with the
 * session cookie, reconnecting by itself) is enough here: nothing is posted and nothing needs a CSRF
 * header. Every (re)connection calls `onOpen`, so a progress frame missed in between is caught up.
 */
function useDownloadEvents(
  enabled: boolean,
  onProgress: (download: DownloadProgress) => void,
  onOpen: () => void,
) {
  const handlers = useRef({ onProgress, onOpen });
  useEffect(() => {
    handlers.current = { onProgress, onOpen };
  });
  useEffect(() => {
    if (!enabled || typeof EventSource === 'undefined') return;
    const source = new EventSource(eventsPath);
    source.addEventListener('progress', (event) => {
      let download: DownloadProgress;
      try {
        download = JSON.parse((event as MessageEvent<string>).data) as DownloadProgress;
      } catch {
        return; // A frame the app cannot read: the next one says the same, newer.
      }
      handlers.current.onProgress(download);
    });
    source.addEventListener('open', () => handlers.current.onOpen());
    return () => source.close();
  }, [enabled]);
}

function DownloadBar({ download, name }: { download: DownloadProgress; name: string }) {
  const t = useT('providers');
  const total = download.totalBytes;
  const percent = total ? Math.min(100, Math.floor((download.receivedBytes / total) * 100)) : 0;
  const received = formatBytes(t, download.receivedBytes);
  const parts = [
    total
      ? t('local.progressOf', { received, total: formatBytes(t, total) })
      : t('local.progressSoFar', { received }),
  ];
  if (download.state === 'paused') parts.push(t('local.paused'));
  else {
    if (download.bytesPerSecond) parts.push(formatSpeed(t, download.bytesPerSecond));
    if (download.secondsLeft !== null) parts.push(formatTimeLeft(t, download.secondsLeft));
  }
  const text = parts.join(' · ');
  return (
    <div className="download-progress">
      <div className="download-progress-text">
        <span>{total ? formatPercent(percent / 100) : t('local.downloading')}</span>
        <span>{text}</span>
      </div>
      <ProgressBar
        label={t('local.downloadingName', { name })}
        percent={percent}
        text={text}
        trackClassName="download-progress-track"
        fillClassName="download-progress-fill"
      />
    </div>
  );
}

/** Whether a model fits this machine's memory, said plainly. */
function MemoryFit({ entry, models }: { entry: CatalogueEntry; models: LocalModels }) {
  const t = useT('providers');
  const needed = formatBytes(t, entry.memoryBytes);
  const free = formatBytes(t, models.availableMemoryBytes);
  if (entry.memoryBytes > models.totalMemoryBytes)
    return (
      <p className="alert alert-error">
        {t('local.needsTooMuch', { needed, total: formatBytes(t, models.totalMemoryBytes) })}
      </p>
    );
  if (entry.memoryBytes > models.availableMemoryBytes)
    return <p className="alert alert-warning">{t('local.needsBusy', { needed, free })}</p>;
  return <p className="muted">{t('local.needs', { needed, free })}</p>;
}

function fileFor(entry: CatalogueEntry, files: readonly LocalModelFile[]): LocalModelFile | undefined {
  return (
    files.find((file) => file.catalogueId === entry.id) ?? files.find((file) => file.file === entry.file)
  );
}

type EntryActions = {
  onDownload: (entry: CatalogueEntry) => void;
  onCancel: (entry: CatalogueEntry) => void;
  onUse: (file: string, name: string) => void;
  providerName: (id: string) => string;
  busy: string | null;
  errors: Record<string, string>;
};

function UseButton({ file, name, actions }: { file: LocalModelFile; name: string; actions: EntryActions }) {
  const t = useT('providers');
  if (file.providerId)
    return <p className="muted">{t('local.inUse', { name: actions.providerName(file.providerId) })}</p>;
  return (
    <button
      type="button"
      className="button button-primary button-small"
      onClick={() => actions.onUse(file.file, name)}
      disabled={actions.busy === file.file}
      aria-busy={actions.busy === file.file}
    >
      {t('local.use')}
      <span className="visually-hidden"> ({name})</span>
    </button>
  );
}

function CatalogueItem({
  entry,
  models,
  download,
  actions,
}: {
  entry: CatalogueEntry;
  models: LocalModels;
  download: DownloadProgress | undefined;
  actions: EntryActions;
}) {
  const t = useT('providers');
  const file = fileFor(entry, models.files);
  const running = isRunning(download);
  const error =
    actions.errors[entry.id] ??
    (file ? actions.errors[file.file] : undefined) ??
    (download?.state === 'failed' ? download.error : null);
  const noRoom =
    !entry.downloaded &&
    entry.sizeBytes !== null &&
    models.freeDiskBytes !== null &&
    entry.sizeBytes > models.freeDiskBytes;
  return (
    <li className="card local-model">
      <div className="provider-card-head">
        <h4>{entry.name}</h4>
        <span className="badges">
          {entry.verified ? null : <span className="badge badge-warning">{t('local.unverified')}</span>}
          {entry.downloaded ? <span className="badge badge-level">{t('local.downloaded')}</span> : null}
        </span>
      </div>
      {/* The catalogue’s notes are written in English (server data), like the built-in content. */}
      <p lang="en">{entry.why}</p>
      <dl className="provider-facts">
        <div>
          <dt>{t('local.download')}</dt>
          <dd>{entry.sizeBytes !== null ? formatBytes(t, entry.sizeBytes) : t('local.sizeUnknown')}</dd>
        </div>
        <div>
          <dt>{t('local.licence')}</dt>
          <dd>{entry.licence}</dd>
        </div>
        {entry.languages.length > 0 ? (
          <div>
            <dt>{t('local.languages')}</dt>
            <dd>{formatList(entry.languages.map((code) => languageName(code)))}</dd>
          </div>
        ) : null}
        <div>
          <dt>{t('local.from')}</dt>
          <dd>
            <a href={entry.source} target="_blank" rel="noopener noreferrer">
              {entry.file}
            </a>
          </dd>
        </div>
      </dl>
      <MemoryFit entry={entry} models={models} />
      {noRoom ? (
        <p className="alert alert-warning">
          {t('local.noRoom', { free: formatBytes(t, models.freeDiskBytes ?? 0) })}
        </p>
      ) : null}
      {error ? <p className="alert alert-error">{error}</p> : null}
      {download?.state === 'cancelled' && !entry.downloaded ? (
        <p className="muted">{t('local.cancelled')}</p>
      ) : null}
      {running && download ? (
        <div className="local-model-download">
          <DownloadBar download={download} name={entry.name} />
          <button
            type="button"
            className="button button-secondary button-small"
            onClick={() => actions.onCancel(entry)}
          >
            {t('local.cancel')}
            <span className="visually-hidden"> {t('local.cancelHidden', { name: entry.name })}</span>
          </button>
        </div>
      ) : entry.downloaded && file ? (
        <UseButton file={file} name={entry.name} actions={actions} />
      ) : entry.downloaded || download?.state === 'complete' ? (
        <p className="muted">{t('local.downloadedDone')}</p>
      ) : (
        <button
          type="button"
          className="button button-secondary button-small"
          onClick={() => actions.onDownload(entry)}
          disabled={actions.busy === entry.id}
          aria-busy={actions.busy === entry.id}
        >
          {t('local.download')}
          <span className="visually-hidden"> {entry.name}</span>
        </button>
      )}
    </li>
  );
}

function nameForFile(file: LocalModelFile, catalogue: readonly CatalogueEntry[]): string {
  const entry = catalogue.find((item) => item.id === file.catalogueId);
  return (entry?.name ?? file.file.replace(/\.gguf$/i, '')).slice(0, 60);
}

/**
 * A model run by Charla itself: the catalogue (download with live progress, cancellable) and the GGUF
 * files already in the models folder; "Use this model" makes a file a provider.
 */
export function LocalModelsSection({
  query,
  providers,
  onProviderAdded,
}: {
  query: ApiQuery<LocalModels>;
  providers: readonly AdminProvider[];
  onProviderAdded: (provider: AdminProvider) => void;
}) {
  const t = useT('providers');
  const models = query.data;
  const [downloads, setDownloads] = useState<Record<string, DownloadProgress>>({});
  const [busy, setBusy] = useState<string | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const reload = query.reload;

  // The server's list is the truth: a download it no longer runs is over, whatever was missed.
  useEffect(() => {
    if (!models) return;
    setDownloads((current) => {
      const next: Record<string, DownloadProgress> = {};
      for (const [id, download] of Object.entries(current)) if (!isRunning(download)) next[id] = download;
      for (const download of models.downloads) next[download.catalogueId] = download;
      return next;
    });
  }, [models]);

  const anyRunning = Object.values(downloads).some(isRunning);
  useDownloadEvents(
    anyRunning,
    (download) => {
      setDownloads((current) => ({ ...current, [download.catalogueId]: download }));
      if (!isRunning(download)) reload();
    },
    reload,
  );

  function setError(key: string, message: string | null) {
    setErrors((current) => {
      const next = { ...current };
      if (message) next[key] = message;
      else delete next[key];
      return next;
    });
  }

  async function run(key: string, action: () => Promise<void>) {
    setBusy(key);
    setError(key, null);
    try {
      await action();
    } catch (caught) {
      setError(key, formErrorsFrom(caught, []).form ?? t('local.failed'));
    } finally {
      setBusy(null);
    }
  }

  const actions: EntryActions = {
    busy,
    errors,
    providerName: (id) => providers.find((provider) => provider.id === id)?.name ?? id,
    onDownload: (entry) =>
      void run(entry.id, async () => {
        const result = await api.post<{ download: DownloadProgress }>(
          `/api/admin/local-models/${encodeURIComponent(entry.id)}/download`,
        );
        setDownloads((current) => ({ ...current, [entry.id]: result.download }));
      }),
    onCancel: (entry) =>
      void run(entry.id, async () => {
        const result = await api.delete<{ download: DownloadProgress }>(
          `/api/admin/local-models/${encodeURIComponent(entry.id)}/download`,
        );
        setDownloads((current) => ({ ...current, [entry.id]: result.download }));
      }),
    onUse: (file, name) =>
      void run(file, async () => {
        const result = await api.post<{ provider: AdminProvider }>('/api/admin/providers', {
          kind: 'local',
          name,
          modelFile: file,
        });
        onProviderAdded(result.provider);
      }),
  };

  return (
    <section className="providers-section" id="local-model" aria-labelledby="local-models-title">
      <h2 id="local-models-title">{t('local.title')}</h2>
      <p className="alert alert-warning">{t('local.warning')}</p>
      {query.loading && !models ? <PageLoading label={t('local.loading')} /> : null}
      {query.error ? <LoadError message={query.error.message} onRetry={query.reload} /> : null}
      {models ? (
        <>
          <p>
            {models.freeDiskBytes !== null
              ? t('local.machineDisk', {
                  free: formatBytes(t, models.availableMemoryBytes),
                  total: formatBytes(t, models.totalMemoryBytes),
                  disk: formatBytes(t, models.freeDiskBytes),
                })
              : t('local.machine', {
                  free: formatBytes(t, models.availableMemoryBytes),
                  total: formatBytes(t, models.totalMemoryBytes),
                })}
          </p>
          <p className="muted">{t('local.unverifiedNote')}</p>
          {sizeClasses.map((sizeClass) => {
            const entries = models.catalogue.filter((entry) => entry.sizeClass === sizeClass);
            if (entries.length === 0) return null;
            return (
              <div key={sizeClass} className="local-model-class">
                <h3>{t(`local.size.${sizeClass}`)}</h3>
                <ul className="local-model-list">
                  {entries.map((entry) => (
                    <CatalogueItem
                      key={entry.id}
                      entry={entry}
                      models={models}
                      download={downloads[entry.id]}
                      actions={actions}
                    />
                  ))}
                </ul>
              </div>
            );
          })}

          <h3>{t('local.files')}</h3>
          <p className="muted">
            {rich(t('local.filesLead', slots('folder')), { folder: <code>{models.modelsDir}</code> })}
          </p>
          <p>
            <button
              type="button"
              className="button button-secondary button-small"
              onClick={query.reload}
              disabled={query.loading}
            >
              {t('local.refresh')}
            </button>
          </p>
          {models.files.length === 0 ? (
            <p>{t('local.noFiles')}</p>
          ) : (
            <ul className="local-files">
              {models.files.map((file) => {
                const name = nameForFile(file, models.catalogue);
                return (
                  <li key={file.file} className="local-file">
                    <div>
                      <code>{file.file}</code>
                      <span className="badges">
                        {file.verified ? null : (
                          <span className="badge badge-warning">{t('local.unverified')}</span>
                        )}
                      </span>
                      <span className="local-file-size">{formatBytes(t, file.sizeBytes)}</span>
                    </div>
                    {errors[file.file] ? <p className="alert alert-error">{errors[file.file]}</p> : null}
                    <UseButton file={file} name={name} actions={actions} />
                  </li>
                );
              })}
            </ul>
          )}
        </>
      ) : null}
    </section>
  );
}
