import { readFileSync } from 'node:fs';
import { z } from 'zod';
import {
  catalogueIdParamsSchema,
  type LocalModelCatalogueEntry,
  localModelCatalogueEntrySchema,
  modelFileNameSchema,
} from '../../../contracts/providers.ts';

/*
 * The curated models for tutoring (content/local-models.json): data, not code. Checked strictly at
 * load so a typo in the file (an id the API could not route, a file name with a folder in it, a
 * URI that does not name the file) fails at start, not in an admin's download.
 */

const catalogueFile = new URL('../../../content/local-models.json', import.meta.url);

const entrySchema = localModelCatalogueEntrySchema
  .extend({
    id: catalogueIdParamsSchema.shape.id,
    file: modelFileNameSchema,
    uri: z.string().regex(/^hf:[\w.-]+\/[\w.-]+\/[\w./-]+\.gguf$/, 'An hf:<owner>/<repo>/<file> URI.'),
    sha256: z
      .string()
      .regex(/^[0-9a-f]{64}$/)
      .nullable(),
    sizeBytes: z.number().int().positive().nullable(),
    memoryBytes: z.number().int().positive(),
  })
  .refine((entry) => entry.uri.endsWith(`/${entry.file}`), 'The URI must end with the entry’s file name.');

const catalogueFileSchema = z.strictObject({
  updated: z.iso.date(),
  notes: z.array(z.string()),
  models: z.array(entrySchema).min(1),
});

export type LocalModelCatalogue = { updated: string; notes: string[]; models: LocalModelCatalogueEntry[] };

/** Validates a catalogue document; throws with zod's message on the first problem. */
export function parseLocalModelCatalogue(document: unknown): LocalModelCatalogue {
  const catalogue = catalogueFileSchema.parse(document);
  const ids = new Set<string>();
  for (const entry of catalogue.models) {
    if (ids.has(entry.id)) throw new Error(`The local model catalogue lists ${entry.id} twice.`);
    ids.add(entry.id);
  }
  return catalogue;
}

let cached: LocalModelCatalogue | undefined;

/** The catalogue in content/local-models.json, read and validated once. */
export function loadLocalModelCatalogue(): LocalModelCatalogue {
  cached ??= parseLocalModelCatalogue(JSON.parse(readFileSync(catalogueFile, 'utf8')));
  return cached;
}

/** One catalogue entry by id, or undefined. */
export function findCatalogueEntry(id: string): LocalModelCatalogueEntry | undefined {
  return loadLocalModelCatalogue().models.find((entry) => entry.id === id);
}
