import { translate } from '../i18n/i18n.ts';
import { ApiError, type ValidationIssue } from './api-client.ts';

export type FormErrors = {
  /** Shown at the top of the form (role="alert"). */
  form: string | null;
  /** Keyed by field name, shown under the matching field. */
  fields: Record<string, string>;
};

export const noErrors: FormErrors = { form: null, fields: {} };

function sentence(message: string): string {
  return message.length > 0 ? message[0]!.toUpperCase() + message.slice(1) : message;
}

/**
 * Spreads a failed call over a form: each validation issue goes next to the field its path names
 * (`targetLanguages.0.level` matches a field of that name, or else its nearest named parent), and
 * anything without a field goes to the top of the form.
 */
export function formErrorsFrom(error: unknown, fieldNames: readonly string[]): FormErrors {
  if (!(error instanceof ApiError)) {
    return { form: translate('common.errors.generic'), fields: {} };
  }
  const issues = error.issues;
  if (issues.length === 0) return { form: error.message, fields: {} };

  const fields: Record<string, string> = {};
  const unmatched: ValidationIssue[] = [];
  for (const issue of issues) {
    const field = matchField(issue.path, fieldNames);
    if (field === null) {
      unmatched.push(issue);
    } else if (!(field in fields)) {
      fields[field] = sentence(issue.message);
    }
  }
  // The server's message already lists every issue; shown whole when some have no field to sit under.
  if (unmatched.length > 0) return { form: error.message, fields };
  return { form: translate('common.form.correctFields'), fields };
}

function matchField(path: string, fieldNames: readonly string[]): string | null {
  if (fieldNames.includes(path)) return path;
  let best: string | null = null;
  for (const name of fieldNames) {
    if (path.startsWith(`${name}.`) && (best === null || name.length > best.length)) best = name;
  }
  return best;
}

/** Client-side checks use the same shape so forms show them exactly like server errors. */
export function fieldErrors(fields: Record<string, string | null | undefined>): FormErrors {
  const present: Record<string, string> = {};
  for (const [name, message] of Object.entries(fields)) if (message) present[name] = message;
  return Object.keys(present).length === 0
    ? noErrors
    : { form: translate('common.form.correctFields'), fields: present };
}

export function hasErrors(errors: FormErrors): boolean {
  return errors.form !== null || Object.keys(errors.fields).length > 0;
}
