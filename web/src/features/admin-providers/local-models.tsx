import { useEffect, useRef, useState } from 'react';
import type {
  AdminProvider,
  DownloadProgress,
  LocalModelFile,
  LocalModels,
} from '../../../../contracts/providers.ts';
import { LoadError, PageLoading } from '../../components/page-states.tsx';
import { ProgressBar } from '../../components/progress-bar.tsx';
import { api } from '../../lib/api-client.ts';
import { formErrorsFrom } from '../../lib/form-errors.ts';
import { languageName } from '../../lib/languages.ts';
import type { ApiQuery } from '../../lib/use-api-query.ts';
import { formatBytes, formatSpeed, formatTimeLeft } from './provider-format.ts';

type CatalogueEntry = LocalModels['catalogue'][number];
type SizeClass = CatalogueEntry['sizeClass'];

const sizeClassTitles: Record<SizeClass, string> = {
  '1gb': 'Small: about 1 GB',
  '2gb': 'Medium: about 2 GB',
  '5gb': 'Large: about 5 GB',
};

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
  const total = download.totalBytes;
  const percent = total ? Math.min(100, Math.floor((download.receivedBytes / total) * 100)) : 0;
  const parts = [
    total
      ? `${formatBytes(download.receivedBytes)} of ${formatBytes(total)}`
      : `${formatBytes(download.receivedBytes)} so far`,
  ];
  if (download.state === 'paused') parts.push('paused');
  else {
    if (download.bytesPerSecond) parts.push(formatSpeed(download.bytesPerSecond));
    if (download.secondsLeft !== null) parts.push(formatTimeLeft(download.secondsLeft));
  }
  const text = parts.join(' · ');
  return (
    <div className="download-progress">
      <div className="download-progress-text">
        <span>{total ? `${percent}%` : 'Downloading'}</span>
        <span>{text}</span>
      </div>
      <ProgressBar
        label={`Downloading ${name}`}
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
  const needed = formatBytes(entry.memoryBytes);
  if (entry.memoryBytes > models.totalMemoryBytes)
    return (
      <p className="alert alert-error">
        Needs {needed} of memory: more than this machine has ({formatBytes(models.totalMemoryBytes)}).
      </p>
    );
  if (entry.memoryBytes > models.availableMemoryBytes)
    return (
      <p className="alert alert-warning">
        Needs {needed} of memory; {formatBytes(models.availableMemoryBytes)} is free right now. Close other
        programs or pick a smaller model.
      </p>
    );
  return (
    <p className="muted">
      Needs {needed} of memory; {formatBytes(models.availableMemoryBytes)} is free.
    </p>
  );
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
  if (file.providerId)
    return <p className="muted">In use as the provider “{actions.providerName(file.providerId)}”.</p>;
  return (
    <button
      type="button"
      className="button button-primary button-small"
      onClick={() => actions.onUse(file.file, name)}
      disabled={actions.busy === file.file}
      aria-busy={actions.busy === file.file}
    >
      Use this model<span className="visually-hidden"> ({name})</span>
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
          {entry.verified ? null : <span className="badge badge-warning">unverified</span>}
          {entry.downloaded ? <span className="badge badge-level">downloaded</span> : null}
        </span>
      </div>
      <p>{entry.why}</p>
      <dl className="provider-facts">
        <div>
          <dt>Download</dt>
          <dd>{entry.sizeBytes !== null ? formatBytes(entry.sizeBytes) : 'Size not known yet'}</dd>
        </div>
        <div>
          <dt>Licence</dt>
          <dd>{entry.licence}</dd>
        </div>
        {entry.languages.length > 0 ? (
          <div>
            <dt>Languages</dt>
            <dd>{entry.languages.map((code) => languageName(code)).join(', ')}</dd>
          </div>
        ) : null}
        <div>
          <dt>From</dt>
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
          Not enough free disk space: {formatBytes(models.freeDiskBytes ?? 0)} left in the models folder.
        </p>
      ) : null}
      {error ? <p className="alert alert-error">{error}</p> : null}
      {download?.state === 'cancelled' && !entry.downloaded ? (
        <p className="muted">Download cancelled.</p>
      ) : null}
      {running && download ? (
        <div className="local-model-download">
          <DownloadBar download={download} name={entry.name} />
          <button
            type="button"
            className="button button-secondary button-small"
            onClick={() => actions.onCancel(entry)}
          >
            Cancel<span className="visually-hidden"> the download of {entry.name}</span>
          </button>
        </div>
      ) : entry.downloaded && file ? (
        <UseButton file={file} name={entry.name} actions={actions} />
      ) : entry.downloaded || download?.state === 'complete' ? (
        <p className="muted">Downloaded.</p>
      ) : (
        <button
          type="button"
          className="button button-secondary button-small"
          onClick={() => actions.onDownload(entry)}
          disabled={actions.busy === entry.id}
          aria-busy={actions.busy === entry.id}
        >
          Download<span className="visually-hidden"> {entry.name}</span>
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
      setError(key, formErrorsFrom(caught, []).form ?? 'That did not work. Please try again.');
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
      <h2 id="local-models-title">Local models</h2>
      <p className="alert alert-warning">
        A local model runs inside Charla on this machine: it costs nothing, needs no key and keeps every word
        on this server. It is also far smaller than a cloud model, so it makes more language mistakes, in its
        replies and above all in its corrections, and it answers more slowly. For reliable corrections, put a
        cloud model first in the Feedback chain.
      </p>
      {query.loading && !models ? <PageLoading label="Loading the local models…" /> : null}
      {query.error ? <LoadError message={query.error.message} onRetry={query.reload} /> : null}
      {models ? (
        <>
          <p>
            This machine has {formatBytes(models.availableMemoryBytes)} of memory free out of{' '}
            {formatBytes(models.totalMemoryBytes)}
            {models.freeDiskBytes !== null
              ? `, and ${formatBytes(models.freeDiskBytes)} of free disk space`
              : ''}
            .
          </p>
          <p className="muted">
            A model marked unverified has no recorded size and checksum yet: its first complete download
            records them, and later downloads are checked against them.
          </p>
          {sizeClasses.map((sizeClass) => {
            const entries = models.catalogue.filter((entry) => entry.sizeClass === sizeClass);
            if (entries.length === 0) return null;
            return (
              <div key={sizeClass} className="local-model-class">
                <h3>{sizeClassTitles[sizeClass]}</h3>
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

          <h3>Files in the models folder</h3>
          <p className="muted">
            Charla runs .gguf files from <code>{models.modelsDir}</code>. To use a model of your own, place
            its file there and press Refresh.
          </p>
          <p>
            <button
              type="button"
              className="button button-secondary button-small"
              onClick={query.reload}
              disabled={query.loading}
            >
              Refresh
            </button>
          </p>
          {models.files.length === 0 ? (
            <p>No model file is there yet.</p>
          ) : (
            <ul className="local-files">
              {models.files.map((file) => {
                const name = nameForFile(file, models.catalogue);
                return (
                  <li key={file.file} className="local-file">
                    <div>
                      <code>{file.file}</code>
                      <span className="badges">
                        {file.verified ? null : <span className="badge badge-warning">unverified</span>}
                      </span>
                      <span className="local-file-size">{formatBytes(file.sizeBytes)}</span>
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
