import { isUtf8 } from 'node:buffer';
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fastifyCookie from '@fastify/cookie';
import fastifySwagger from '@fastify/swagger';
import Fastify, { type FastifyInstance } from 'fastify';
import {
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import { sql } from 'kysely';
import { z } from 'zod';
import { accountRoutes } from './account/routes.ts';
import { adminRoutes } from './admin/routes.ts';
import {
  type RouteAccess,
  refuseUnauthenticatedBeforeRouting,
  registerRequestAuth,
} from './auth/request-auth.ts';
import { authRoutes } from './auth/routes.ts';
import { createSessionCache } from './auth/session-cache.ts';
import { budgetRoutes } from './budget/routes.ts';
import { conversationRoutes } from './conversations/routes.ts';
import { AppError } from './errors.ts';
import { grammarRoutes } from './grammar/routes.ts';
import type { AppDeps } from './http/app-deps.ts';
import { handleError } from './http/error-handler.ts';
import { isWebAppPage, registerWebApp } from './http/web-app.ts';
import { msg } from './i18n/messages.ts';
import { languageRoutes } from './language/routes.ts';
import { createSpellChecker } from './language/spelling.ts';
import { llmRoutes } from './llm/routes.ts';
import { progressRoutes } from './progress/routes.ts';
import { readingRoutes } from './reading/routes.ts';
import { speechRoutes } from './speech/routes.ts';
import { tutorRoutes } from './tutor/routes.ts';
import { vocabularyRoutes } from './vocabulary/routes.ts';

/** A route as the access tests see it: method, URL template, access level and what it shares. */
export type RouteInfo = { method: string; url: string; access: RouteAccess; shared: string | undefined };

declare module 'fastify' {
  interface FastifyInstance {
    routeCatalogue: RouteInfo[];
  }
}

export const webDistDir = fileURLToPath(new URL('../web/dist/', import.meta.url));

/**
 * Builds the HTTP application without listening: main.ts listens, tests listen on port 0.
 * Everything the app uses arrives in `deps`.
 */
export async function buildApp(appDeps: AppDeps): Promise<FastifyInstance> {
  const spelling =
    appDeps.spelling ??
    createSpellChecker({
      languageTool: appDeps.config.LANGUAGETOOL_URL
        ? { url: appDeps.config.LANGUAGETOOL_URL, timeoutMs: appDeps.config.LANGUAGETOOL_TIMEOUT_MS }
        : undefined,
    });
  const deps = { ...appDeps, spelling };
  const { config } = deps;
  const app = Fastify({
    logger:
      config.LOG_LEVEL === 'silent'
        ? false
        : {
            level: config.LOG_LEVEL,
            redact: ['req.headers.cookie', 'req.headers.authorization', 'req.headers["x-csrf-token"]'],
          },
    genReqId: () => randomUUID(),
    bodyLimit: config.BODY_LIMIT_BYTES,
    trustProxy: config.TRUST_PROXY,
    // Real clients never need a longer path parameter; a huge one is refused before any work.
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: 200 },
    // Errors Fastify raises before routing (a malformed URL, a bad content type) get the same shape,
    // after the same authentication as a routed request: an anonymous caller gets 401 first.
    frameworkErrors: (error, request, reply) => {
      refuseUnauthenticatedBeforeRouting(request, { db: appDeps.database.db, clock: appDeps.clock }).then(
        () => handleError(error, request, reply),
        (refusal: Error) => handleError(refusal, request, reply),
      );
    },
  }).withTypeProvider<ZodTypeProvider>();

  // The spelling worker is ours only when we created it.
  if (!appDeps.spelling) app.addHook('onClose', () => spelling.close());
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler(handleError);
  // JSON travels as UTF-8 (RFC 8259). Fastify's own parser reads bytes that are not UTF-8 as U+FFFD,
  // which was then stored as if the learner had typed it: refused like malformed JSON instead. The
  // parsing itself stays Fastify's (prototype-poisoning checks included).
  const { onProtoPoisoning = 'error', onConstructorPoisoning = 'error' } = app.initialConfig;
  const parseJson = app.getDefaultJsonParser(onProtoPoisoning, onConstructorPoisoning);
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (request, body, done) => {
    const bytes = body as Buffer;
    if (!isUtf8(bytes)) done(new AppError('validation_failed', msg('errors.notUtf8')), undefined);
    else parseJson(request, bytes.toString('utf8'), done);
  });

  app.addHook('onRequest', async (request, reply) => {
    reply.header('x-request-id', request.id);
    reply.header('x-content-type-options', 'nosniff');
    reply.header('referrer-policy', 'same-origin');
    reply.header('x-frame-options', 'DENY');
  });

  await app.register(fastifyCookie);
  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Charla API',
        version: '1',
        description:
          'The JSON API of Charla, a self-hosted AI language tutor. Cookie-authenticated writes need the `x-csrf-token` header.',
      },
    },
    transform: jsonSchemaTransform,
  });

  const sessions = createSessionCache({ db: deps.database.db, clock: deps.clock, changes: deps.llm.changes });
  app.addHook('onClose', async () => sessions.close());
  registerRequestAuth(app, { db: deps.database.db, clock: deps.clock, sessions });

  // Every route with its access rules, for the generated access and fuzz tests.
  const routeCatalogue: RouteInfo[] = [];
  app.decorate('routeCatalogue', routeCatalogue);
  app.addHook('onRoute', (route) => {
    for (const method of [route.method].flat()) {
      if (method === 'HEAD') continue;
      routeCatalogue.push({
        method,
        url: route.url,
        access: route.config?.access ?? 'user',
        shared: route.config?.shared,
      });
    }
  });

  app.get(
    '/api/health',
    {
      config: { access: 'public' },
      schema: {
        tags: ['health'],
        response: { 200: z.object({ status: z.literal('ok'), database: z.string() }) },
      },
    },
    async () => {
      try {
        await sql`select 1`.execute(deps.database.db);
      } catch {
        throw new AppError('service_unavailable', msg('errors.databaseDown'));
      }
      return { status: 'ok' as const, database: deps.database.kind };
    },
  );
  app.get('/api/openapi.json', { config: { access: 'public' }, schema: { hide: true } }, async () =>
    app.swagger(),
  );

  await app.register(authRoutes, deps);
  await app.register(accountRoutes, deps);
  await app.register(adminRoutes, deps);
  await app.register(languageRoutes);
  await app.register(llmRoutes, deps);
  await app.register(conversationRoutes, deps);
  await app.register(budgetRoutes, deps);
  await app.register(tutorRoutes, deps);
  await app.register(vocabularyRoutes, deps);
  await app.register(grammarRoutes, deps);
  await app.register(progressRoutes, deps);
  await app.register(readingRoutes, deps);
  await app.register(speechRoutes, deps);

  const webRoot = deps.webRoot ?? webDistDir;
  const serveWeb = config.SERVE_WEB && existsSync(webRoot);
  if (serveWeb) await registerWebApp(app, webRoot);
  app.setNotFoundHandler(async (request, reply) => {
    if (serveWeb && (request.method === 'GET' || request.method === 'HEAD') && isWebAppPage(request.url)) {
      // The single-page app owns every other path; its router shows its own 404.
      return reply.sendFile('index.html');
    }
    throw new AppError(
      'not_found',
      msg('errors.noEndpoint', { method: request.method, path: request.url.split('?')[0] ?? '' }),
    );
  });

  return app;
}
