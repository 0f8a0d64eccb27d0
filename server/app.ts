import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fastifyCookie from '@fastify/cookie';
import fastifyStatic from '@fastify/static';
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
import { registerRequestAuth } from './auth/request-auth.ts';
import { authRoutes } from './auth/routes.ts';
import { budgetRoutes } from './budget/routes.ts';
import { conversationRoutes } from './conversations/routes.ts';
import { AppError } from './errors.ts';
import { grammarRoutes } from './grammar/routes.ts';
import type { AppDeps } from './http/app-deps.ts';
import { handleError } from './http/error-handler.ts';
import { languageRoutes } from './language/routes.ts';
import { createSpellChecker } from './language/spelling.ts';
import { llmRoutes } from './llm/routes.ts';
import { progressRoutes } from './progress/routes.ts';
import { tutorRoutes } from './tutor/routes.ts';
import { vocabularyRoutes } from './vocabulary/routes.ts';

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
    // Errors Fastify raises before routing (a malformed URL, a bad content type) get the same shape.
    frameworkErrors: (error, request, reply) => handleError(error, request, reply),
  }).withTypeProvider<ZodTypeProvider>();

  // The spelling worker is ours only when we created it.
  if (!appDeps.spelling) app.addHook('onClose', () => spelling.close());
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler(handleError);

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

  registerRequestAuth(app, { db: deps.database.db, clock: deps.clock });

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
        throw new AppError('no_provider', 'The database is not reachable.');
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

  const serveWeb = config.SERVE_WEB && existsSync(webDistDir);
  if (serveWeb) {
    await app.register(fastifyStatic, { root: webDistDir, wildcard: false, index: false, maxAge: '1h' });
  }
  app.setNotFoundHandler(async (request, reply) => {
    if (!request.url.startsWith('/api/') && request.method === 'GET' && serveWeb) {
      // The single-page app owns every other path; its router shows its own 404.
      return reply.header('cache-control', 'no-cache').sendFile('index.html');
    }
    throw new AppError('not_found', `There is no ${request.method} ${request.url.split('?')[0]} endpoint.`);
  });

  return app;
}
