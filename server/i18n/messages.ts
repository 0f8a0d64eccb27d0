import { readdirSync } from 'node:fs';
import { setupI18n } from '@lingui/core';
import { compileMessageOrThrow } from '@lingui/message-utils/compileMessage';
import type { FastifyRequest } from 'fastify';
import type { MessageKey, MessageRef, MessageValues } from '../../contracts/messages/catalogues.ts';
import {
  acceptLanguageTags,
  type InterfaceLanguage,
  interfaceLanguages,
  pickInterfaceLanguage,
} from '../../contracts/messages/languages.ts';

/**
 * The server's side of the one message catalogue (issue 18): every sentence the API sends to a person
 * is a key of `contracts/messages/`, rendered in the reader's interface language with Lingui's core.
 * All six languages load once at start (a few hundred short strings) and are compiled then, so a
 * message costs a map lookup and an interpolation.
 */

const messagesDirectory = new URL('../../contracts/messages/', import.meta.url);

async function loadLanguage(language: InterfaceLanguage): Promise<Record<string, unknown>> {
  const compiled: Record<string, unknown> = {};
  const namespaces = readdirSync(messagesDirectory, { withFileTypes: true }).filter((entry) =>
    entry.isDirectory(),
  );
  await Promise.all(
    namespaces.map(async (entry) => {
      const module = (await import(new URL(`${entry.name}/${language}.ts`, messagesDirectory).href)) as {
        default: Record<string, string>;
      };
      for (const [key, message] of Object.entries(module.default)) {
        compiled[`${entry.name}.${key}`] = compileMessageOrThrow(message);
      }
    }),
  );
  return compiled;
}

const catalogues = Object.fromEntries(
  await Promise.all(interfaceLanguages.map(async (language) => [language, await loadLanguage(language)])),
) as Record<InterfaceLanguage, Record<string, unknown>>;

const instances = Object.fromEntries(
  interfaceLanguages.map((language) => [
    language,
    setupI18n({ locale: language, messages: { [language]: catalogues[language] as never } }),
  ]),
) as Record<InterfaceLanguage, ReturnType<typeof setupI18n>>;

/** One message in one language. */
export function translate(language: InterfaceLanguage, key: MessageKey, values?: MessageValues): string {
  return instances[language]._(key, values as Record<string, unknown>);
}

export function render(language: InterfaceLanguage, ref: MessageRef): string {
  return translate(language, ref.key, ref.values);
}

/** A message to render later: in an error, a stored alert, a failed reply. */
export function msg(key: MessageKey, values?: MessageValues): MessageRef {
  return values ? { key, values } : { key };
}

/**
 * The caller's interface language: the signed-in member's profile, else the request's
 * Accept-Language (sign-up, sign-in, a visitor), else English.
 */
export function requestLanguage(request: FastifyRequest): InterfaceLanguage {
  const fromSession = request.session?.interfaceLanguage;
  if (fromSession) return fromSession;
  return pickInterfaceLanguage(acceptLanguageTags(request.headers['accept-language']));
}

/** Whether the catalogue has a key (a stored code from an older version may not). */
export function hasMessage(key: string): key is MessageKey {
  return key in catalogues.en;
}
