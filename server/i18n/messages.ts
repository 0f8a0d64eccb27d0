import { existsSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { setupI18n } from '@lingui/core';
import { compileMessageOrThrow } from '@lingui/message-utils/compileMessage';
import type { FastifyRequest } from 'fastify';
import { findLanguage } from '../../contracts/languages.ts';
import type { MessageKey, MessageRef, MessageValues } from '../../contracts/messages/catalogues.ts';
import {
  acceptLanguageTags,
  type InterfaceLanguage,
  interfaceLocale,
  pickInterfaceLanguage,
} from '../../contracts/messages/languages.ts';
import { formatUsd } from '../../contracts/money.ts';

/**
 * The server's side of the one message catalogue (issue 18): every sentence the API sends to a person
 * is a key of `contracts/messages/`, rendered in the reader's interface language with Lingui's core.
 * English loads at start (it is every other language's fallback and tells which keys exist); another
 * language loads, synchronously and once per process, the first time a message is rendered in it —
 * most servers only ever speak one or two of the six, and each costs about 1.5 MB of heap (31 modules
 * and their compiled messages), which the garbage collector's headroom roughly triples under load.
 * Messages are compiled when their language loads, so a message costs a map lookup and an
 * interpolation. At most six languages are ever held: the list is closed.
 */

const messagesDirectory = new URL('../../contracts/messages/', import.meta.url);
// `require` of an ES module (stable in Node 24) is what lets a language load inside a synchronous
// `translate`; the catalogue files are plain data modules without top-level await.
const requireModule = createRequire(import.meta.url);

function loadLanguage(language: InterfaceLanguage): Record<string, unknown> {
  const compiled: Record<string, unknown> = {};
  const namespaces = readdirSync(messagesDirectory, { withFileTypes: true }).filter((entry) =>
    entry.isDirectory(),
  );
  for (const entry of namespaces) {
    const file = new URL(`${entry.name}/${language}.ts`, messagesDirectory);
    // A namespace being written may lack a language for a moment (the catalogue test fails on it):
    // its keys then fall back to English below rather than stopping the server.
    if (!existsSync(file)) continue;
    const module = requireModule(fileURLToPath(file)) as { default: Record<string, string> };
    for (const [key, message] of Object.entries(module.default)) {
      compiled[`${entry.name}.${key}`] = compileMessageOrThrow(message);
    }
  }
  return compiled;
}

const english = loadLanguage('en');
const instances = new Map<InterfaceLanguage, ReturnType<typeof setupI18n>>();

function instanceFor(language: InterfaceLanguage): ReturnType<typeof setupI18n> {
  let instance = instances.get(language);
  if (!instance) {
    const messages = language === 'en' ? english : { ...english, ...loadLanguage(language) };
    // Plural forms and numbers follow the language's region (pt-PT: zero takes the plural).
    instance = setupI18n({
      locale: language,
      locales: [interfaceLocale(language)],
      messages: { [language]: messages as never },
    });
    instances.set(language, instance);
  }
  return instance;
}

function formatBytes(language: InterfaceLanguage, bytes: number): string {
  const giga = bytes >= 1e9;
  return new Intl.NumberFormat(interfaceLocale(language), {
    style: 'unit',
    unit: giga ? 'gigabyte' : 'megabyte',
    maximumFractionDigits: giga ? 1 : 0,
    minimumFractionDigits: giga ? 1 : 0,
  }).format(giga ? bytes / 1e9 : bytes / 1e6);
}

/**
 * Values stored raw are formatted for the reader here: `…Micros` money becomes `…` ("$5.00",
 * "5,00 $"), and `resetsAt` a date and time in the stored `timeZone`.
 */
function formatValues(
  language: InterfaceLanguage,
  values: MessageValues | undefined,
): MessageValues | undefined {
  if (!values) return values;
  const formatted: Record<string, string | number | Date> = { ...values };
  for (const [name, value] of Object.entries(values)) {
    if (name.endsWith('Micros') && typeof value === 'number') {
      formatted[name.slice(0, -'Micros'.length)] = formatUsd(value, { precise: true, language });
    }
  }
  // Sizes are sent in bytes: `neededBytes` becomes `needed` ("1.2 GB", "1,2 Go"), in MB below a GB.
  for (const [name, value] of Object.entries(values)) {
    if (name.endsWith('Bytes') && typeof value === 'number')
      formatted[name.slice(0, -'Bytes'.length)] = formatBytes(language, value);
  }
  // A sentence inside a sentence (a field's problem inside an import's refusal) is sent as its
  // reference in JSON, `issueRef`, and becomes `issue` in the same language.
  for (const [name, value] of Object.entries(values)) {
    if (!name.endsWith('Ref') || typeof value !== 'string') continue;
    const inner = parseMessageRef(value);
    formatted[name.slice(0, -'Ref'.length)] = inner ? translate(language, inner.key, inner.values) : value;
  }
  // A decimal written in English ("0.70", "900000") becomes the reader's ("0,70", "900.000"), its
  // decimals kept: `minimumDecimal` becomes `minimum`.
  for (const [name, value] of Object.entries(values)) {
    if (!name.endsWith('Decimal') || typeof value !== 'string' || !/^\d+(\.\d+)?$/.test(value)) continue;
    const decimals = value.split('.')[1]?.length ?? 0;
    formatted[name.slice(0, -'Decimal'.length)] = new Intl.NumberFormat(interfaceLocale(language), {
      minimumFractionDigits: decimals,
      maximumFractionDigits: decimals,
    }).format(Number(value));
  }
  // A language is sent as its code and named in the reader's language ("francés", "Französisch").
  if (typeof values.languageCode === 'string') {
    formatted.language =
      new Intl.DisplayNames([interfaceLocale(language)], { type: 'language' }).of(values.languageCode) ??
      values.languageCode;
  }
  if (typeof values.resetsAt === 'string' && typeof values.timeZone === 'string') {
    formatted.resetsAt = new Intl.DateTimeFormat(interfaceLocale(language), {
      timeZone: values.timeZone,
      dateStyle: 'long',
      timeStyle: 'short',
    }).format(new Date(values.resetsAt));
  }
  return formatted;
}

/**
 * A language's name for a reader ("Spanish", "español", "Spanisch"): Intl's, in the reader's language;
 * for English readers the catalogue's own name of a target language, as before issue 18.
 */
export function languageNameFor(reader: InterfaceLanguage, code: string): string {
  if (reader === 'en') {
    const own = findLanguage(code)?.name;
    if (own) return own;
  }
  try {
    return new Intl.DisplayNames([interfaceLocale(reader)], { type: 'language' }).of(code) ?? code;
  } catch {
    return code;
  }
}

/** One message in one language. */
export function translate(language: InterfaceLanguage, key: MessageKey, values?: MessageValues): string {
  return instanceFor(language)._(key, formatValues(language, values) as Record<string, unknown>);
}

export function render(language: InterfaceLanguage, ref: MessageRef): string {
  return translate(language, ref.key, ref.values);
}

/** Reads a stored message reference (JSON); null when there is none or it is not one. */
export function parseMessageRef(json: string | null): MessageRef | null {
  if (!json) return null;
  try {
    const value = JSON.parse(json) as { key?: unknown; values?: unknown };
    if (typeof value.key !== 'string' || !hasMessage(value.key)) return null;
    return {
      key: value.key,
      ...(value.values && typeof value.values === 'object' ? { values: value.values as MessageValues } : {}),
    };
  } catch {
    return null;
  }
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

// The English sentences a contract may write as a field's message: `validation` holds the contracts'
// own (contract-messages.test.ts checks every one has a key), `errors` the few a use case also says.
const englishSources = new Map<string, MessageKey>();
for (const namespace of ['validation', 'errors'] as const) {
  // Required like the catalogues above (no top-level await: a test runner's loader can read this file).
  const module = requireModule(fileURLToPath(new URL(`${namespace}/en.ts`, messagesDirectory))) as {
    default: Record<string, string>;
  };
  for (const [key, text] of Object.entries(module.default)) {
    if (!text.includes('{') && !englishSources.has(text))
      englishSources.set(text, `${namespace}.${key}` as MessageKey);
  }
}

/**
 * The catalogue key of a contract's English validation message ('is required' → `validation.required`),
 * so a message written in a zod schema is still shown in the reader's language.
 */
export function keyOfEnglishIssue(text: string): MessageRef | null {
  const key = englishSources.get(text);
  if (key) return { key };
  const chars = /^must be at (least|most) (\d+) characters$/.exec(text);
  if (chars) {
    return chars[1] === 'least'
      ? { key: 'validation.minChars', values: { minimum: Number(chars[2]) } }
      : { key: 'validation.maxChars', values: { maximum: Number(chars[2]) } };
  }
  // A bound written as a number ("must be at least 0.70"): sent as written, shown the reader's way.
  const bound = /^must be at (least|most) (\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?$/.exec(text);
  if (bound) {
    const decimal = `${bound[2]?.replaceAll(',', '')}${bound[3] ?? ''}`;
    return bound[1] === 'least'
      ? { key: 'validation.minNumber', values: { minimumDecimal: decimal } }
      : { key: 'validation.maxNumber', values: { maximumDecimal: decimal } };
  }
  // languages.ts lists the codes after its sentence; the codes stay, the sentence is translated.
  const codes = /^must be one of the supported language codes: (.+)$/.exec(text);
  if (codes?.[1]) return { key: 'validation.languageCodes', values: { codes: codes[1] } };
  return null;
}

/** Whether the catalogue has a key (a stored code from an older version may not). */
export function hasMessage(key: string): key is MessageKey {
  return key in english;
}
