import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import type { ErrorCode } from '../../contracts/errors.ts';
import { AppError } from '../errors.ts';

type Issue = { path: string; message: string };

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

const partNames: Record<string, string> = {
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
    const issues: Issue[] = error.validation.flatMap((issue) => {
      const path = issue.instancePath.replace(/^\//, '').replaceAll('/', '.');
      // Name each unknown field on its own, so the client can point at it.
      const unknownKeys =
        issue.keyword === 'unrecognized_keys' ? (issue.params as { keys?: string[] }).keys : undefined;
      if (unknownKeys?.length) {
        return unknownKeys.map((key) => ({
          path: path ? `${path}.${key}` : key,
          message: 'is not a known field',
        }));
      }
      return [{ path, message: issue.message ?? 'is invalid' }];
    });
    const summary = issues
      .map((issue) => (issue.path ? `${issue.path}: ${issue.message}` : issue.message))
      .join('; ');
    return new AppError('validation_failed', `Invalid request ${part}: ${summary}`, { details: { issues } });
  }
  const fastifyError = error as FastifyError;
  switch (fastifyError.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new AppError('payload_too_large', 'The request body is too large.');
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return new AppError(
        'unsupported_media_type',
        'Send the request body as JSON (content-type: application/json).',
      );
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return new AppError('validation_failed', 'The request body is empty; send a JSON object.');
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return new AppError('validation_failed', 'The request body is not valid JSON.');
  }
  if (error instanceof SyntaxError && fastifyError.statusCode === 400) {
    return new AppError('validation_failed', 'The request body is not valid JSON.');
  }
  const status = fastifyError.statusCode;
  if (status && status >= 400 && status < 500) {
    return new AppError(
      codeByStatus[status] ?? 'validation_failed',
      fastifyError.message || 'The request is invalid.',
    );
  }
  return new AppError('internal_error', 'Something went wrong on the server. The error has been logged.');
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
  reply.status(appError.status).send({
    error: {
      code: appError.code,
      message: appError.message,
      ...(appError.details === undefined ? {} : { details: appError.details }),
    },
  });
}
