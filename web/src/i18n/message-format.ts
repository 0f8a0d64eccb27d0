/**
 * Renders a message compiled by Lingui's ICU compiler (`@lingui/message-utils`, run by the build and,
 * in development and tests, when a catalogue loads): text, `{name}`, `{n, plural, …}` with `#` and
 * `=N`, `{n, selectordinal, …}`, `{x, select, …}` and `{n, number}`. This is the part of Lingui's core
 * the web app needs at run time, about a tenth of its size (decision 027): the first-load budgets had no
 * room for the whole runtime. The server uses Lingui's core itself.
 */
export type CompiledMessage = string | CompiledToken[];
type Branches = Record<string, CompiledMessage> & { offset?: number };
export type CompiledToken = string | [name: string, type?: string, format?: unknown];

export type Values = Readonly<Record<string, unknown>>;

const pluralRules = new Map<string, Intl.PluralRules>();

function pluralCategory(locale: string, ordinal: boolean, count: number): string {
  const key = `${locale}/${ordinal}`;
  let rules = pluralRules.get(key);
  if (!rules) {
    rules = new Intl.PluralRules(locale, { type: ordinal ? 'ordinal' : 'cardinal' });
    pluralRules.set(key, rules);
  }
  return rules.select(count);
}

export function formatMessage(
  message: CompiledMessage,
  values: Values | undefined,
  locale: string,
  count?: string,
): string {
  if (typeof message === 'string') return message;
  let text = '';
  for (const token of message) {
    if (typeof token === 'string') {
      // A lone "#" inside a plural's branch is the number; anywhere else it is text.
      text += token === '#' && count !== undefined ? count : token;
      continue;
    }
    const [name, type, format] = token;
    const value = values?.[name];
    if (type === 'plural' || type === 'selectordinal') {
      const branches = format as Branches;
      const number = Number(value) - (branches.offset ?? 0);
      const branch =
        // Lingui compiles "=0 {…}" to the key "0".
        branches[String(value)] ??
        branches[`=${value}`] ??
        branches[pluralCategory(locale, type === 'selectordinal', number)] ??
        branches.other ??
        '';
      text += formatMessage(branch, values, locale, new Intl.NumberFormat(locale).format(number));
    } else if (type === 'select') {
      const branches = format as Branches;
      const branch = Object.hasOwn(branches, String(value)) ? branches[String(value)] : branches.other;
      text += formatMessage(branch ?? '', values, locale, count);
    } else if (type === 'number' && typeof value === 'number') {
      text += new Intl.NumberFormat(locale).format(value);
    } else if (value !== undefined && value !== null) {
      text += value instanceof Date ? value.toLocaleDateString(locale) : String(value);
    }
  }
  return text;
}
