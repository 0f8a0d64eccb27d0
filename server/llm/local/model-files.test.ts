import { copyFile, mkdir, mkdtemp, realpath, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  listModelFiles,
  modelIdOf,
  modelsDirOf,
  resolveModelFile,
  writeModelManifest,
} from './model-files.ts';

const fixture = fileURLToPath(new URL('../../../tests/fixtures/llama-2-tiny-random.gguf', import.meta.url));

let root: string;
let modelsDir: string;

beforeAll(async () => {
  root = await realpath(await mkdtemp(join(tmpdir(), 'charla-model-files-')));
  modelsDir = modelsDirOf(join(root, 'data'));
  await mkdir(modelsDir, { recursive: true });
  await copyFile(fixture, join(modelsDir, 'tiny.gguf'));
  await copyFile(fixture, join(root, 'outside.gguf'));
  await writeFile(join(modelsDir, 'notes.gguf'), 'these are notes, not a model');
  await writeFile(join(modelsDir, 'half.gguf.part'), 'GGUF and then nothing');
  await symlink(join(root, 'outside.gguf'), join(modelsDir, 'escape.gguf'));
  await symlink(join(modelsDir, 'tiny.gguf'), join(modelsDir, 'alias.gguf'));
  await writeModelManifest(modelsDir, 'tiny.gguf', {
    catalogueId: 'tiny',
    sizeBytes: 1_750_560,
    sha256: '81f226c62d28ed4a1a9b9fa080fcd9f0cc40e0f9d5680036583ff98fbcd035cb',
    completedAt: '2026-12-06T02:00:00.000Z',
  });
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('model files', () => {
  it('resolves a GGUF file in the models folder (a symlink that stays inside is fine)', async () => {
    expect(await resolveModelFile(modelsDir, 'tiny.gguf')).toBe(join(modelsDir, 'tiny.gguf'));
    expect(await resolveModelFile(modelsDir, 'alias.gguf')).toBe(join(modelsDir, 'tiny.gguf'));
    expect(modelIdOf('tiny.gguf')).toBe('tiny');
  });

  it('refuses a symlink whose real path leaves the folder', async () => {
    await expect(resolveModelFile(modelsDir, 'escape.gguf')).rejects.toMatchObject({
      name: 'ModelFileError',
      code: 'outside_folder',
      message: expect.stringContaining('points outside the models folder'),
    });
  });

  it('refuses names with folders or .. in them before touching the disk', async () => {
    for (const name of [
      '../outside.gguf',
      '../../etc/passwd',
      'sub/tiny.gguf',
      '/etc/hosts',
      '..',
      '.hidden.gguf',
    ])
      await expect(resolveModelFile(modelsDir, name)).rejects.toMatchObject({ code: 'invalid_name' });
  });

  it('refuses a file that does not start with GGUF, and a missing one', async () => {
    await expect(resolveModelFile(modelsDir, 'notes.gguf')).rejects.toMatchObject({
      code: 'not_gguf',
      message: expect.stringContaining('is not a GGUF model file'),
    });
    await expect(resolveModelFile(modelsDir, 'absent.gguf')).rejects.toMatchObject({ code: 'not_found' });
    await expect(resolveModelFile(join(root, 'nowhere'), 'tiny.gguf')).rejects.toMatchObject({
      code: 'not_found',
    });
  });

  it('lists the files inside the folder with their manifests, leaving out escapes and parts', async () => {
    const files = await listModelFiles(modelsDir);
    expect(files.map((file) => file.file)).toEqual(['alias.gguf', 'notes.gguf', 'tiny.gguf']);
    expect(files.find((file) => file.file === 'tiny.gguf')).toMatchObject({
      sizeBytes: 1_750_560,
      ggufOk: true,
      verified: true,
      manifest: { catalogueId: 'tiny' },
    });
    expect(files.find((file) => file.file === 'notes.gguf')).toMatchObject({
      ggufOk: false,
      verified: false,
    });
    expect(await listModelFiles(join(root, 'nowhere'))).toEqual([]);
  });
});
