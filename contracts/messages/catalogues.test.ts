import { readdirSync } from 'node:fs';
import { compileMessageOrThrow } from '@lingui/message-utils/compileMessage';
import { describe, expect, it } from 'vitest';
import { interfaceLanguages } from './languages.ts';

const root = new URL('./', import.meta.url);
const namespaces = readdirSync(root, { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name);

async function load(namespace: string, language: string): Promise<Record<string, string>> {
  return (
    (await import(new URL(`${namespace}/${language}.ts`, root).href)) as { default: Record<string, string> }
  ).default;
}

/** The argument names a message uses ({name}, {count, plural, …}), found in its compiled form. */
function argumentsOf(message: string): string[] {
  const names = new Set<string>();
  const walk = (tokens: unknown): void => {
    if (!Array.isArray(tokens)) return;
    for (const token of tokens) {
      if (!Array.isArray(token)) continue;
      const [name, , format] = token as [string, string?, unknown?];
      names.add(name);
      if (format && typeof format === 'object') for (const branch of Object.values(format)) walk(branch);
    }
  };
  walk(compileMessageOrThrow(message));
  return [...names].sort();
}

describe('the message catalogue', () => {
  it('has the six interface languages in every namespace', () => {
    expect(namespaces.length).toBeGreaterThan(0);
    for (const namespace of namespaces) {
      const files = readdirSync(new URL(`${namespace}/`, root)).sort();
      expect(files, namespace).toEqual(interfaceLanguages.map((language) => `${language}.ts`).sort());
    }
  });

  for (const namespace of namespaces) {
    it(`has every key of "${namespace}" in all six languages, as valid ICU with the same arguments`, async () => {
      const english = await load(namespace, 'en');
      for (const language of interfaceLanguages) {
        const catalogue = await load(namespace, language);
        expect(Object.keys(catalogue).sort(), `${namespace}/${language}`).toEqual(
          Object.keys(english).sort(),
        );
        for (const [key, message] of Object.entries(catalogue)) {
          expect(message.trim(), `${namespace}/${language} ${key} is empty`).not.toBe('');
          expect(argumentsOf(message), `${namespace}/${language} ${key}`).toEqual(
            argumentsOf(english[key] ?? ''),
          );
        }
      }
    });
  }
});
