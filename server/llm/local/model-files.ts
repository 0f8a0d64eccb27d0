import { open, readdir, readFile, realpath, rename, stat, writeFile } from 'node:fs/promises';
import { join, sep } from 'node:path';
import { z } from 'zod';
import type { MessageRef } from '../../../contracts/messages/catalogues.ts';
import { modelFileNameSchema } from '../../../contracts/providers.ts';
import { msg, render } from '../../i18n/messages.ts';

/*
 * The models folder (DATA_DIR/models): the only place a local model is read from. A file name sent
 * by the admin is resolved there, and its real path (after symlinks) must stay inside it, so a
 * request can never make the server open an arbitrary file.
 */

/** The first four bytes of every GGUF file. */
export const ggufMagic = Buffer.from('GGUF', 'latin1');

export type ModelFileErrorCode = 'invalid_name' | 'not_found' | 'outside_folder' | 'not_gguf';

/** A model file that cannot be used, with a message a person understands (400/404 at the edge). */
export class ModelFileError extends Error {
  readonly code: ModelFileErrorCode;
  /** The message as a catalogue key, shown to the admin in their language; `message` is English. */
  readonly messageRef: MessageRef;
  constructor(code: ModelFileErrorCode, message: MessageRef) {
    super(render('en', message));
    this.messageRef = message;
    this.name = 'ModelFileError';
    this.code = code;
  }
}

/** What a complete download records beside the model: `<file>.json`. */
export const modelFileManifestSchema = z.object({
  catalogueId: z.string(),
  sizeBytes: z.number().int().nonnegative(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  completedAt: z.string(),
});
export type ModelFileManifest = z.infer<typeof modelFileManifestSchema>;

export type ModelFileInfo = {
  file: string;
  sizeBytes: number;
  /** The file starts with the GGUF magic bytes. */
  ggufOk: boolean;
  manifest: ModelFileManifest | null;
  /** A complete download recorded this file's size and checksum, and the size still matches. */
  verified: boolean;
};

/** The models folder inside a data directory. */
export function modelsDirOf(dataDir: string): string {
  return join(dataDir, 'models');
}

/** The model id a provider exposes for a file: its name without `.gguf`. */
export function modelIdOf(file: string): string {
  return file.replace(/\.gguf$/i, '');
}

/** True when the file at `path` starts with the 4 bytes `GGUF`. */
export async function hasGgufMagic(path: string): Promise<boolean> {
  let handle: Awaited<ReturnType<typeof open>> | undefined;
  try {
    handle = await open(path, 'r');
    const head = Buffer.alloc(4);
    const { bytesRead } = await handle.read(head, 0, 4, 0);
    return bytesRead === 4 && head.equals(ggufMagic);
  } catch {
    return false;
  } finally {
    await handle?.close();
  }
}

function manifestPathOf(modelsDir: string, file: string): string {
  return join(modelsDir, `${file}.json`);
}

/** The sidecar manifest of a model file, or null when there is none (or it is unreadable). */
export async function readModelManifest(modelsDir: string, file: string): Promise<ModelFileManifest | null> {
  try {
    const parsed = modelFileManifestSchema.safeParse(
      JSON.parse(await readFile(manifestPathOf(modelsDir, file), 'utf8')),
    );
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** Writes the sidecar manifest atomically (a temp file renamed over it). */
export async function writeModelManifest(
  modelsDir: string,
  file: string,
  manifest: ModelFileManifest,
): Promise<void> {
  const path = manifestPathOf(modelsDir, file);
  await writeFile(`${path}.tmp`, `${JSON.stringify(manifest, null, 2)}\n`);
  await rename(`${path}.tmp`, path);
}

function isInside(folder: string, path: string): boolean {
  return path.startsWith(folder.endsWith(sep) ? folder : folder + sep);
}

/**
 * Resolves a file name picked by the admin to the real path of a GGUF file inside `modelsDir`.
 * Refuses names with folders in them, files whose real path (after symlinks) leaves the folder,
 * missing files and files that do not start with the GGUF magic.
 */
export async function resolveModelFile(modelsDir: string, name: string): Promise<string> {
  if (!modelFileNameSchema.safeParse(name).success)
    throw new ModelFileError(
      'invalid_name',
      msg('errors.modelFile.invalidName', { name: name.slice(0, 80) }),
    );
  let folder: string;
  try {
    folder = await realpath(modelsDir);
  } catch {
    throw new ModelFileError('not_found', msg('errors.modelFile.noFolder', { folder: modelsDir }));
  }
  let real: string;
  try {
    real = await realpath(join(folder, name));
  } catch {
    throw new ModelFileError('not_found', msg('errors.modelFile.missing', { name, folder: modelsDir }));
  }
  if (!isInside(folder, real))
    throw new ModelFileError('outside_folder', msg('errors.modelFile.outside', { name, folder: modelsDir }));
  const info = await stat(real);
  if (!info.isFile()) throw new ModelFileError('not_found', msg('errors.modelFile.notAFile', { name }));
  if (!(await hasGgufMagic(real)))
    throw new ModelFileError('not_gguf', msg('errors.modelFile.notGguf', { name }));
  return real;
}

/**
 * The GGUF files in the models folder, by name, with their manifests. A missing folder is an empty
 * list; files whose real path leaves the folder and unfinished downloads (`.part`) are left out.
 */
export async function listModelFiles(modelsDir: string): Promise<ModelFileInfo[]> {
  let folder: string;
  let names: string[];
  try {
    folder = await realpath(modelsDir);
    names = await readdir(folder);
  } catch {
    return [];
  }
  const files: ModelFileInfo[] = [];
  for (const name of names.sort()) {
    if (!modelFileNameSchema.safeParse(name).success) continue;
    let real: string;
    try {
      real = await realpath(join(folder, name));
    } catch {
      continue;
    }
    if (!isInside(folder, real)) continue;
    const info = await stat(real);
    if (!info.isFile()) continue;
    const manifest = await readModelManifest(folder, name);
    files.push({
      file: name,
      sizeBytes: info.size,
      ggufOk: await hasGgufMagic(real),
      manifest,
      verified: manifest !== null && manifest.sizeBytes === info.size,
    });
  }
  return files;
}
