import type { InterfaceLanguage } from '../../contracts/messages/languages.ts';
import type { DownloadProgress, LocalModels } from '../../contracts/providers.ts';
import { AppError, notFound } from '../errors.ts';
import { render } from '../i18n/messages.ts';
import { loadLocalModelCatalogue } from './local/catalogue.ts';
import { DownloadError, type DownloadManager, presentDownload, statfsFree } from './local/downloads.ts';
import { readAvailableMemory } from './local/llama-runtime.ts';
import { listModelFiles } from './local/model-files.ts';
import type { ProviderRegistry } from './provider-registry.ts';

/*
 * The admin's local models: the curated catalogue, the GGUF files in the models folder (downloaded
 * or placed there by hand), and downloads in progress. Registering a file as a provider goes
 * through the providers' own use case (kind `local`).
 */

export type LocalModelsDeps = {
  modelsDir: string;
  downloads: DownloadManager;
  registry: ProviderRegistry;
};

async function freeDiskBytes(dir: string): Promise<number | null> {
  // The folder may not exist before the first download: its parent's file system is the same.
  for (const candidate of [dir, `${dir}/..`]) {
    try {
      return await statfsFree(candidate);
    } catch {}
  }
  return null;
}

/** Everything the Local models section shows. */
export async function readLocalModels(
  deps: LocalModelsDeps,
  language: InterfaceLanguage = 'en',
): Promise<LocalModels> {
  const [files, memory, freeDisk] = await Promise.all([
    listModelFiles(deps.modelsDir),
    readAvailableMemory(),
    freeDiskBytes(deps.modelsDir),
  ]);
  const runBy = new Map(
    deps.registry
      .entries()
      .filter((entry) => entry.kind === 'local' && entry.modelFile)
      .map((entry) => [entry.modelFile as string, entry.id]),
  );
  const catalogue = loadLocalModelCatalogue().models.map((entry) => {
    const file = files.find((candidate) => candidate.file === entry.file);
    return {
      ...entry,
      downloaded: Boolean(file?.ggufOk),
      // Known size and checksum from the catalogue, or recorded by the first complete download.
      verified: Boolean(file?.verified) || (entry.sha256 !== null && entry.sizeBytes !== null),
    };
  });
  return {
    catalogue,
    files: files
      .filter((file) => file.ggufOk)
      .map((file) => ({
        file: file.file,
        sizeBytes: file.sizeBytes,
        catalogueId: file.manifest?.catalogueId ?? null,
        verified: file.verified,
        sha256: file.manifest?.sha256 ?? null,
        providerId: runBy.get(file.file) ?? null,
      })),
    downloads: deps.downloads.list().map((status) => presentDownload(status, language)),
    modelsDir: deps.modelsDir,
    freeDiskBytes: freeDisk,
    totalMemoryBytes: memory.totalBytes,
    availableMemoryBytes: memory.availableBytes,
  };
}

function catalogueEntry(id: string) {
  const entry = loadLocalModelCatalogue().models.find((candidate) => candidate.id === id);
  if (!entry) throw notFound('model');
  return entry;
}

/** Starts (or resumes) downloading a catalogue model; refusals (disk space, …) are a clear 409. */
export async function startModelDownload(
  deps: LocalModelsDeps,
  id: string,
  language: InterfaceLanguage = 'en',
): Promise<DownloadProgress> {
  const entry = catalogueEntry(id);
  try {
    return presentDownload(await deps.downloads.start(entry), language);
  } catch (error) {
    if (error instanceof DownloadError) {
      // A refusal before any byte is one sentence (disk space, a missing file); several are joined.
      const [only] = error.messageRefs;
      throw new AppError(
        'conflict',
        error.messageRefs.length === 1 && only
          ? only
          : error.messageRefs.map((ref) => render(language, ref)).join(' '),
      );
    }
    throw error;
  }
}

/** Stops a download, deletes its part, and answers once it has stopped. */
export async function cancelModelDownload(
  deps: LocalModelsDeps,
  id: string,
  language: InterfaceLanguage = 'en',
): Promise<DownloadProgress> {
  catalogueEntry(id);
  if (!deps.downloads.cancel(id)) throw notFound('download');
  return presentDownload(await deps.downloads.wait(id), language);
}
