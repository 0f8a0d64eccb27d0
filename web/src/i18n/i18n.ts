/// <reference types="vite/client" />
import { use, useMemo, useSyncExternalStore } from 'react';
import type {
  KeyIn,
  MessageKey,
  MessageRef,
  MessageValues,
  Namespace,
} from '../../../contracts/messages/catalogues.ts';
import {
  type InterfaceLanguage,
  interfaceLocale,
  isInterfaceLanguage,
  pickInterfaceLanguage,
} from '../../../contracts/messages/languages.ts';
import { type CompiledMessage, formatMessage } from './message-format.ts';

/**
 * The interface language at run time (issue 18, decision 027). The catalogues are
 * `contracts/messages/<namespace>/<language>.ts` (ICU MessageFormat), loaded one namespace at a time
 * for the active language only. Lingui's compiler turns them into token arrays: the build does (see
 * web/build/compile-messages.ts), so no ICU parser ships, and development and tests do as a catalogue
 * loads; `message-format.ts` renders the tokens with Intl (plurals through Intl.PluralRules).
 *
 * `xx` is the pseudo-language: English wrapped in ⟦ ⟧, so a test can find text that bypassed the
 * catalogue (it has no markers).
 */
export type UiLanguage = InterfaceLanguage | 'xx';

type Catalogue = Record<string, CompiledMessage>;

/** Set by the build (web/build/compile-messages.ts): where the compiled catalogues are served. */
declare const __CHARLA_MESSAGES__: string;

/**
 * A built app fetches compiled JSON (one small file per namespace and language, not JavaScript chunks:
 * no table of loaders in the entry); development and tests import the TypeScript sources.
 */
function fetchCatalogue(language: InterfaceLanguage, namespace: Namespace): Promise<Catalogue> {
  if (import.meta.env.PROD) {
    return fetch(`${import.meta.env.BASE_URL}${__CHARLA_MESSAGES__}${language}/${namespace}.json`).then(
      (response) => {
        if (!response.ok) throw new Error(`The "${namespace}" messages did not load (${response.status}).`);
        return response.json() as Promise<Catalogue>;
      },
    );
  }
  const load = import.meta.glob<{ default: Catalogue }>('../../../contracts/messages/*/*.ts')[
    `../../../contracts/messages/${namespace}/${language}.ts`
  ];
  if (!load) return Promise.reject(new Error(`There is no "${namespace}" catalogue for "${language}".`));
  return Promise.all([load(), import('@lingui/message-utils/compileMessage')]).then(
    ([module, { compileMessage }]) =>
      Object.fromEntries(
        Object.entries(module.default).map(([key, text]) => [key, compileMessage(String(text))]),
      ),
  );
}

/** The loaded messages, compiled, by language and full key. */
const catalogues = new Map<UiLanguage, Map<string, CompiledMessage>>();
const storageKey = 'charla.interfaceLanguage';

let active: UiLanguage | null = null;
/** Namespaces a page has asked for: a switch of language loads them all before it shows anything. */
const used = new Set<Namespace>();
const loadedNamespaces = new Map<UiLanguage, Set<Namespace>>();
const pending = new Map<string, Promise<void>>();
const listeners = new Set<() => void>();
let switchGeneration = 0;
/** A language that the profile does not override (the pseudo-language in tests). */
let pinned: UiLanguage | null = null;

function pseudo(message: CompiledMessage): CompiledMessage {
  return Array.isArray(message) ? ['⟦', ...message, '⟧'] : `⟦${message}⟧`;
}

function isLoaded(language: UiLanguage, namespace: Namespace): boolean {
  return loadedNamespaces.get(language)?.has(namespace) ?? false;
}

/** Loads one namespace of one language (once; concurrent callers share the promise). */
export function loadNamespace(language: UiLanguage, namespace: Namespace): Promise<void> {
  const id = `${language}/${namespace}`;
  const existing = pending.get(id);
  if (existing) return existing;
  const promise = fetchCatalogue(language === 'xx' ? 'en' : language, namespace).then((catalogue) => {
    const messages = catalogues.get(language) ?? new Map<string, CompiledMessage>();
    for (const [key, message] of Object.entries(catalogue)) {
      messages.set(`${namespace}.${key}`, language === 'xx' ? pseudo(message) : message);
    }
    catalogues.set(language, messages);
    const set = loadedNamespaces.get(language) ?? new Set<Namespace>();
    set.add(namespace);
    loadedNamespaces.set(language, set);
  });
  pending.set(id, promise);
  promise.catch(() => pending.delete(id));
  return promise;
}

/** Starts loading namespaces a page is about to need (with its lazy chunk, not after it). */
export function preloadNamespaces(namespaces: readonly Namespace[]): Promise<void> {
  for (const namespace of namespaces) used.add(namespace);
  return Promise.all(namespaces.map((namespace) => loadNamespace(currentLanguage(), namespace))).then(
    () => undefined,
  );
}

function emit(): void {
  for (const listener of listeners) listener();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function currentLanguage(): UiLanguage {
  return active ?? 'en';
}

/** The interface language for HTTP headers and the page's `lang`: the pseudo-language is English. */
export function interfaceLanguage(): InterfaceLanguage {
  const language = currentLanguage();
  return language === 'xx' ? 'en' : language;
}

/** The locale `Intl` formatters use: the language with its region (`interfaceLocale`: pt → pt-PT). */
export function intlLocale(): string {
  return interfaceLocale(interfaceLanguage());
}

function remembered(): UiLanguage | null {
  try {
    const value = globalThis.localStorage?.getItem(storageKey);
    return isInterfaceLanguage(value) || value === 'xx' ? value : null;
  } catch {
    return null;
  }
}

/** Before sign-in: the language last used in this browser, else the browser's preferred one, else English. */
export function initialLanguage(): UiLanguage {
  const preferred = typeof navigator === 'undefined' ? [] : (navigator.languages ?? [navigator.language]);
  return remembered() ?? pickInterfaceLanguage(preferred);
}

/**
 * Switches the interface language without a reload: every namespace in use is loaded first, then all
 * components using `useT` render again. A later call wins over a slower earlier one.
 */
export async function setLanguage(requested: UiLanguage): Promise<void> {
  const language = pinned ?? requested;
  const mine = ++switchGeneration;
  used.add('common');
  await Promise.all([...used].map((namespace) => loadNamespace(language, namespace)));
  if (mine !== switchGeneration) return;
  try {
    globalThis.localStorage?.setItem(storageKey, language);
  } catch {
    // Private windows may refuse storage; the profile still carries the choice.
  }
  if (language === active) return;
  active = language;
  if (typeof document !== 'undefined') document.documentElement.lang = interfaceLanguage();
  emit();
}

/** Holds the interface in one language whatever a profile says (tests render the app in `xx`). */
export function pinLanguage(language: UiLanguage | null): Promise<void> {
  pinned = language;
  return setLanguage(language ?? 'en');
}

/** A key missing from the loaded catalogue shows as itself (the pseudo-language test catches it). */
function render(key: string, values: MessageValues | undefined): string {
  const message = catalogues.get(currentLanguage())?.get(key);
  return message === undefined ? key : formatMessage(message, values, intlLocale());
}

/** Renders a full key in the current language (outside React, or for keys stored as data). */
export function translate(key: MessageKey, values?: MessageValues): string {
  return render(key, values);
}

/** Renders a message that the server sent as a key with values (an alert, an achievement). */
export function translateRef(ref: MessageRef): string {
  return translate(ref.key, ref.values);
}

export type Translate<N extends Namespace> = (key: KeyIn<N>, values?: MessageValues) => string;

/**
 * The translate function of one namespace. The component suspends (React's `use`) until the namespace is
 * loaded for the current language, and renders again when the language changes.
 */
export function useT<N extends Namespace>(namespace: N): Translate<N> {
  const language = useSyncExternalStore(subscribe, currentLanguage, currentLanguage);
  used.add(namespace);
  if (!isLoaded(language, namespace)) use(loadNamespace(language, namespace));
  return useMemo<Translate<N>>(
    () => (key, values) => {
      // Read once per render with the language captured, so a memoized child never mixes two languages.
      void language;
      return render(`${namespace}.${key}`, values);
    },
    [namespace, language],
  );
}

/** The current language, re-rendering the component when it changes. */
export function useLanguage(): UiLanguage {
  return useSyncExternalStore(subscribe, currentLanguage, currentLanguage);
}
