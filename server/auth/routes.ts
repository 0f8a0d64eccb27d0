import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  authStatusSchema,
  credentialsSchema,
  loginSchema,
  sessionResponseSchema,
} from '../../contracts/auth.ts';
import type { AppDeps } from '../http/app-deps.ts';
import { requestLanguage } from '../i18n/messages.ts';
import { readServerSettings } from '../settings/server-settings.ts';
import { type AccountDeps, logIn, needsSetup, signUp } from './accounts.ts';
import { createLoginThrottle } from './login-throttle.ts';
import { assertSameOrigin, clearSessionCookies, currentSession, setSessionCookies } from './request-auth.ts';
import { createSession, revokeSession, revokeUserSessions } from './sessions.ts';

export const authRoutes: FastifyPluginAsyncZod<AppDeps> = async (app, deps) => {
  const { config, clock } = deps;
  const db = deps.database.db;
  const accountDeps: AccountDeps = { db, clock, passwordCost: config.PASSWORD_HASH_LOG2_COST };
  const throttle = createLoginThrottle({
    maxFailures: config.LOGIN_MAX_FAILURES,
    windowMs: config.LOGIN_WINDOW_MINUTES * 60 * 1000,
  });
  const cookieSettings = { secure: config.COOKIE_SECURE, ttlDays: config.SESSION_TTL_DAYS };
  const tags = ['auth'];

  app.get(
    '/api/auth/status',
    { config: { access: 'public' }, schema: { tags, response: { 200: authStatusSchema } } },
    async () => ({ needsSetup: await needsSetup(db), openSignup: (await readServerSettings(db)).openSignup }),
  );

  app.post(
    '/api/auth/signup',
    {
      config: { access: 'public' },
      schema: { tags, body: credentialsSchema, response: { 201: sessionResponseSchema } },
    },
    async (request, reply) => {
      assertSameOrigin(request);
      const user = await signUp(accountDeps, {
        ...request.body,
        interfaceLanguage: request.body.interfaceLanguage ?? requestLanguage(request),
      });
      const session = await createSession(db, clock, {
        userId: user.id,
        ttlDays: config.SESSION_TTL_DAYS,
        userAgent: request.headers['user-agent'],
      });
      setSessionCookies(request, reply, cookieSettings, session);
      return reply.status(201).send({ user, csrfToken: session.csrfToken });
    },
  );

  app.post(
    '/api/auth/login',
    {
      config: { access: 'public' },
      schema: { tags, body: loginSchema, response: { 200: sessionResponseSchema } },
    },
    async (request, reply) => {
      assertSameOrigin(request);
      const user = await logIn({ ...accountDeps, throttle }, { ...request.body, address: request.ip });
      const session = await createSession(db, clock, {
        userId: user.id,
        ttlDays: config.SESSION_TTL_DAYS,
        userAgent: request.headers['user-agent'],
      });
      setSessionCookies(request, reply, cookieSettings, session);
      return { user, csrfToken: session.csrfToken };
    },
  );

  app.post('/api/auth/logout', { schema: { tags, response: { 204: z.null() } } }, async (request, reply) => {
    await revokeSession(db, currentSession(request).id);
    await deps.llm.changes.publish('sessions');
    clearSessionCookies(reply);
    return reply.status(204).send(null);
  });

  app.post(
    '/api/auth/logout-all',
    { schema: { tags, response: { 204: z.null() } } },
    async (request, reply) => {
      await revokeUserSessions(db, currentSession(request).userId);
      await deps.llm.changes.publish('sessions');
      clearSessionCookies(reply);
      return reply.status(204).send(null);
    },
  );
};
