import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { compileMessageOrThrow } from '@lingui/message-utils/compileMessage';
import type { Plugin } from 'vite';

export type CatalogueFile = { namespace: string; language: string; path: string };

/** Every `<namespace>/<language>.ts` under `contracts/messages/`. */
export function catalogueFiles(messagesRoot: string): CatalogueFile[] {
  return readdirSync(messagesRoot, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .flatMap((folder) =>
      readdirSync(join(messagesRoot, folder.name))
        .filter((file) => /^[a-z]{2}\.ts$/.test(file))
        .map((file) => ({
          namespace: folder.name,
          language: file.slice(0, 2),
          path: join(messagesRoot, folder.name, file),
        })),
    )
    .sort((a, b) => a.path.localeCompare(b.path));
}

/** Where a catalogue's compiled JSON is served: `assets/messages/<version>/<language>/<namespace>.json`. */
export function catalogueAssetName(version: string, language: string, namespace: string): string {
  return `assets/messages/${version}/${language}/${namespace}.json`;
}

/**
 * Ships the message catalogues (`contracts/messages/<namespace>/<language>.ts`, ICU MessageFormat) as
 * compiled JSON files beside the app's assets, in Lingui's token form, so the browser needs no ICU
 * parser and fetches exactly one file per namespace for the active language (decision 027). The
 * version in their path is a hash of every catalogue: a new build with new words gets new addresses
 * (the files are cached as immutable). The app reads that path from `__CHARLA_MESSAGES__`. A message
 * that is not valid ICU fails the build, naming the file and the key.
 */
export function compileMessages(messagesRoot: string): Plugin {
  const files = catalogueFiles(messagesRoot);
  const hash = createHash('sha256');
  for (const file of files) hash.update(file.path).update(readFileSync(file.path));
  const version = hash.digest('hex').slice(0, 10);
  return {
    name: 'charla:compile-messages',
    config: (_config, { command }) => ({
      define: {
        __CHARLA_MESSAGES__: JSON.stringify(command === 'build' ? `assets/messages/${version}/` : ''),
      },
    }),
    async buildStart() {
      if (this.meta.watchMode) return;
      for (const file of files) {
        const module = (await import(`${pathToFileURL(file.path).href}?build=${version}`)) as {
          default: Record<string, string>;
        };
        const compiled: Record<string, unknown> = {};
        for (const [key, message] of Object.entries(module.default)) {
          try {
            compiled[key] = compileMessageOrThrow(message);
          } catch (error) {
            this.error(`${file.path}: "${key}" is not valid ICU MessageFormat: ${(error as Error).message}`);
          }
        }
        this.emitFile({
          type: 'asset',
          fileName: catalogueAssetName(version, file.language, file.namespace),
          source: JSON.stringify(compiled),
        });
      }
    },
  };
}
