import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import type { ErrorCode } from '../../contracts/errors.ts';
import type { MessageRef } from '../../contracts/messages/catalogues.ts';
import type { InterfaceLanguage } from '../../contracts/messages/languages.ts';
import { childRefusal } from '../budget/caps.ts';
import { AppError } from '../errors.ts';
import { issueMessage, ValidationError, type ZodIssueLike } from '../i18n/field-issues.ts';
import { keyOfEnglishIssue, msg, render, requestLanguage } from '../i18n/messages.ts';

type Issue = { path: string; message: string };

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
  // A child reads a budget refusal as tutor time, as on their own pages (the numbers stay in details).
  const childWording =
    request.session?.isChild && appError.messageRef ? childRefusal(appError.messageRef) : undefined;
  reply.status(appError.status).send({
    error: {
      code: appError.code,
      message: childWording ? render(language, childWording) : appError.localized(language),
      ...(details === undefined ? {} : { details }),
    },
  });
}
