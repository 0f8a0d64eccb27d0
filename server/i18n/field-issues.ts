import type { z } from 'zod';
import type { MessageRef } from '../../contracts/messages/catalogues.ts';
import type { InterfaceLanguage } from '../../contracts/messages/languages.ts';
import { AppError } from '../errors.ts';
import { keyOfEnglishIssue, msg, render } from './messages.ts';

/*
 * A request's invalid fields in the reader's language: the route schemas' issues (through the error
 * handler) and those a route or use case finds itself (a multipart form's fields, a drill's verbs) give
 * the same 400 — a summary and per-field messages, worded when the answer is sent.
 */

export type ZodIssueLike = { keyword: string; message?: string; params?: Record<string, unknown> };

/**
 * One field's problem in the reader's language: a contract's own English message by its catalogue key,
 * zod's built-in issues by their code and numbers; anything else as written.
 */
export function issueMessage(issue: ZodIssueLike): MessageRef | string {
  const written = issue.message ?? '';
  const known = keyOfEnglishIssue(written);
  if (known) return known;
  // A message a contract wrote itself ("must be a member id") is not one of zod's own: kept as written.
  if (written && !/^(Too small|Too big|Invalid|Unrecognized)/.test(written)) return written;
  const params = issue.params ?? {};
  const origin = params.origin;
  const bound = (name: 'minimum' | 'maximum') => Number(params[name]);
  switch (issue.keyword) {
    case 'too_small':
      if (origin === 'string') return msg('validation.minChars', { minimum: bound('minimum') });
      if (origin === 'array' || origin === 'set')
        return msg('validation.minItems', { minimum: bound('minimum') });
      return msg('validation.minNumber', { minimum: bound('minimum') });
    case 'too_big':
      if (origin === 'string') return msg('validation.maxChars', { maximum: bound('maximum') });
      if (origin === 'array' || origin === 'set')
        return msg('validation.maxItems', { maximum: bound('maximum') });
      return msg('validation.maxNumber', { maximum: bound('maximum') });
    case 'invalid_type':
      return /received undefined/.test(written) ? msg('validation.required') : msg('validation.wrongType');
    case 'invalid_value':
      return Array.isArray(params.values)
        ? msg('validation.oneOf', { values: params.values.map(String).join(', ') })
        : msg('validation.invalid');
    case 'invalid_format':
      return params.format === 'email' ? msg('validation.email') : msg('validation.format');
    default:
      return written || msg('validation.invalid');
  }
}

const text = (language: InterfaceLanguage, message: MessageRef | string) =>
  typeof message === 'string' ? message : render(language, message);

/** A validation error whose field messages and summary are in the reader's language. */
export class ValidationError extends AppError {
  readonly part: 'body' | 'query' | 'path' | 'headers';
  readonly issues: { path: string; message: MessageRef | string }[];

  constructor(part: ValidationError['part'], issues: ValidationError['issues']) {
    super('validation_failed', msg(`errors.invalid.${part}`, { issues: summarise('en', issues) }), {
      details: { issues: issues.map((issue) => ({ path: issue.path, message: text('en', issue.message) })) },
    });
    this.part = part;
    this.issues = issues;
  }

  override localized(language: InterfaceLanguage): string {
    return render(language, msg(`errors.invalid.${this.part}`, { issues: summarise(language, this.issues) }));
  }

  localizedDetails(language: InterfaceLanguage) {
    return {
      issues: this.issues.map((issue) => ({ path: issue.path, message: text(language, issue.message) })),
    };
  }
}

function summarise(language: InterfaceLanguage, issues: ValidationError['issues']): string {
  return issues
    .map((issue) =>
      issue.path ? `${issue.path}: ${text(language, issue.message)}` : text(language, issue.message),
    )
    .join('; ');
}

/** A zod issue from a route's own `safeParse`, worded like the route schemas' issues. */
export function zodIssueMessage(issue: z.core.$ZodIssue): MessageRef | string {
  return issueMessage({ keyword: issue.code, message: issue.message, params: issue as never });
}

/** A zod error's issues as fields: each unknown key on its own, the others worded like the schemas'. */
export function zodFieldIssues(error: z.ZodError): ValidationError['issues'] {
  return error.issues.flatMap((issue) =>
    issue.code === 'unrecognized_keys'
      ? issue.keys.map((key) => ({
          path: [...issue.path, key].join('.'),
          message: msg('validation.unknownField'),
        }))
      : [{ path: issue.path.join('.'), message: zodIssueMessage(issue) }],
  );
}

/** A 400 for fields of the body a route checked itself. */
export const invalidBody = (issues: ValidationError['issues']) => new ValidationError('body', issues);
