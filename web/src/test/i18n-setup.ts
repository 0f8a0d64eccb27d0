import { beforeEach } from 'vitest';
import type { Namespace } from '../../../contracts/messages/catalogues.ts';
import { loadNamespace, pinLanguage } from '../i18n/i18n.ts';

/**
 * Web tests start in English with every catalogue loaded, so a component renders its words at once (as
 * it does in the app, where a page's namespaces load with its chunk). A test may switch language.
 */
const namespaces = Object.keys(import.meta.glob('../../../contracts/messages/*/en.ts')).map(
  (path) => path.split('/').at(-2) as Namespace,
);

export async function loadAllNamespaces(language: Parameters<typeof loadNamespace>[0]): Promise<void> {
  await Promise.all(namespaces.map((namespace) => loadNamespace(language, namespace)));
}

await loadAllNamespaces('en');

beforeEach(async () => {
  await pinLanguage(null);
});
