import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  accountDeletionSchema,
  passwordChangeSchema,
  profileUpdateSchema,
  sessionResponseSchema,
  userSchema,
} from '../../contracts/auth.ts';
import { clearSessionCookies, currentSession } from '../auth/request-auth.ts';
import { findUserById } from '../auth/users.ts';
import { unauthenticated } from '../errors.ts';
import type { AppDeps } from '../http/app-deps.ts';
import { changePassword, deleteOwnAccount, exportAccount } from './account-data.ts';
import { updateProfile } from './profile.ts';

export const accountRoutes: FastifyPluginAsyncZod<AppDeps> = async (app, { database, clock, config }) => {
  const db = database.db;
  const tags = ['account'];

  app.get('/api/me', { schema: { tags, response: { 200: sessionResponseSchema } } }, async (request) => {
    const session = currentSession(request);
    const user = await findUserById(db, session.userId);
    if (!user) throw unauthenticated();
    return { user, csrfToken: session.csrfToken };
  });

  app.patch(
    '/api/me/profile',
    { schema: { tags, body: profileUpdateSchema, response: { 200: z.object({ user: userSchema }) } } },
    async (request) => ({
      user: await updateProfile(db, clock, currentSession(request).userId, request.body),
    }),
  );

  app.post(
    '/api/me/password',
    { schema: { tags, body: passwordChangeSchema, response: { 204: z.null() } } },
    async (request, reply) => {
      const session = currentSession(request);
      await changePassword(db, clock, {
        userId: session.userId,
        sessionId: session.id,
        ...request.body,
        passwordCost: config.PASSWORD_HASH_LOG2_COST,
      });
      return reply.status(204).send(null);
    },
  );

  app.get('/api/me/export', { schema: { tags } }, async (request, reply) => {
    const data = await exportAccount(db, clock, currentSession(request).userId);
    const date = clock.now().toISOString().slice(0, 10);
    reply.header('content-disposition', `attachment; filename="charla-${data.user.username}-${date}.json"`);
    reply.header('cache-control', 'no-store');
    return data;
  });

  app.delete(
    '/api/me',
    { schema: { tags, body: accountDeletionSchema, response: { 204: z.null() } } },
    async (request, reply) => {
      await deleteOwnAccount(db, { userId: currentSession(request).userId, password: request.body.password });
      clearSessionCookies(reply);
      return reply.status(204).send(null);
    },
  );
};
