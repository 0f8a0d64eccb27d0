import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import type { ErrorCode } from '../../contracts/errors.ts';
import type { MessageRef } from '../../contracts/messages/catalogues.ts';
import type { InterfaceLanguage } from '../../contracts/messages/languages.ts';
import { AppError } from '../errors.ts';
import { keyOfEnglishIssue, msg, render, requestLanguage } from '../i18n/messages.ts';

type Issue = { path: string; message: string };
type ZodIssueLike = { keyword: string; message?: string; params?: Record<string, unknown> };

/**
 * One field's problem in the reader's language: a contract's own English message by its catalogue key,
 * zod's built-in issues by their code and numbers; anything else as written.
 */
function issueMessage(issue: ZodIssueLike): MessageRef | string {
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
class ValidationError extends AppError {
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

const isMessageRef = (value: unknown): value is MessageRef =>
  typeof value === 'object' && value !== null && typeof (value as { key?: unknown }).key === 'string';

/**
 * A use case's `details.issues` in the reader's language: a message reference is rendered, an English
 * message written with the contracts' words is looked up by its catalogue key.
 */
function localizeIssues(details: unknown, language: InterfaceLanguage): unknown {
  if (!details || typeof details !== 'object' || !('issues' in details)) return details;
  const issues = (details as { issues: unknown }).issues;
  if (!Array.isArray(issues)) return details;
  return {
    ...details,
    issues: issues.map((issue: Issue | { path: string; message: MessageRef }) => {
      if (isMessageRef(issue?.message)) return { ...issue, message: render(language, issue.message) };
      const ref =
        language !== 'en' && typeof issue?.message === 'string' ? keyOfEnglishIssue(issue.message) : null;
      return ref ? { ...issue, message: render(language, ref) } : issue;
    }),
  };
}

function summarise(language: InterfaceLanguage, issues: ValidationError['issues']): string {
  return issues
    .map((issue) =>
      issue.path ? `${issue.path}: ${text(language, issue.message)}` : text(language, issue.message),
    )
    .join('; ');
}

const codeByStatus: Record<number, ErrorCode> = {
  400: 'validation_failed',
  401: 'unauthenticated',
  403: 'forbidden',
  404: 'not_found',
  409: 'conflict',
  413: 'payload_too_large',
  415: 'unsupported_media_type',
  429: 'rate_limited',
};

const partNames: Record<string, ValidationError['part']> = {
  body: 'body',
  querystring: 'query',
  params: 'path',
  headers: 'headers',
};

/** Turns any thrown error into the one error shape. Nothing a client sends may surface as a 5xx. */
function toAppError(error: FastifyError | AppError | Error): AppError {
  if (error instanceof AppError) return error;
  if (hasZodFastifySchemaValidationErrors(error)) {
    const part = partNames[(error as FastifyError).validationContext ?? 'body'] ?? 'body';
    const issues = error.validation.flatMap((issue) => {
      const path = issue.instancePath.replace(/^\//, '').replaceAll('/', '.');
      // Name each unknown field on its own, so the client can point at it.
      const unknownKeys =
        issue.keyword === 'unrecognized_keys' ? (issue.params as { keys?: string[] }).keys : undefined;
      if (unknownKeys?.length) {
        return unknownKeys.map((key) => ({
          path: path ? `${path}.${key}` : key,
          message: msg('validation.unknownField'),
        }));
      }
      return [{ path, message: issueMessage(issue as ZodIssueLike) }];
    });
    return new ValidationError(part, issues);
  }
  const fastifyError = error as FastifyError;
  switch (fastifyError.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new AppError('payload_too_large', msg('errors.bodyTooLarge'));
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return new AppError('unsupported_media_type', msg('errors.jsonOnly'));
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return new AppError('validation_failed', msg('errors.emptyBody'));
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return new AppError('validation_failed', msg('errors.invalidJson'));
  }
  if (error instanceof SyntaxError && fastifyError.statusCode === 400) {
    return new AppError('validation_failed', msg('errors.invalidJson'));
  }
  const status = fastifyError.statusCode;
  if (status && status >= 400 && status < 500) {
    return new AppError(
      codeByStatus[status] ?? 'validation_failed',
      fastifyError.message || msg('errors.invalidRequest'),
    );
  }
  return new AppError('internal_error', msg('errors.internal'));
}

export function handleError(error: FastifyError | Error, request: FastifyRequest, reply: FastifyReply): void {
  const appError = toAppError(error);
  if (appError.status >= 500) request.log.error({ err: error }, 'request failed');
  // Every refusal is logged with what was asked, including those refused before routing (which
  // Fastify's own request log never sees).
  else
    request.log.info(
      { code: appError.code, message: appError.message, method: request.method, url: request.url },
      'request refused',
    );
  if (appError.retryAfterSeconds !== undefined)
    reply.header('retry-after', String(appError.retryAfterSeconds));
  // The code stays a stable English identifier; the message (and a validation error's field messages)
  // are in the caller's interface language.
  const language = requestLanguage(request);
  const details =
    appError instanceof ValidationError
      ? appError.localizedDetails(language)
      : localizeIssues(appError.details, language);
  reply.status(appError.status).send({
    error: {
      code: appError.code,
      message: appError.localized(language),
      ...(details === undefined ? {} : { details }),
    },
  });
}
