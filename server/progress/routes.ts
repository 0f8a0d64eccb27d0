import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { memberIdParamsSchema } from '../../contracts/admin.ts';
import {
  progressNewsSchema,
  progressNewsSeenSchema,
  progressQuerySchema,
  progressSchema,
} from '../../contracts/progress.ts';
import { currentSession } from '../auth/request-auth.ts';
import type { AppDeps } from '../http/app-deps.ts';
import { markNewsSeen, readNews } from './news.ts';
import { readProgress } from './progress.ts';

export const progressRoutes: FastifyPluginAsyncZod<AppDeps> = async (app, { database, clock, config }) => {
  const deps = { db: database.db, clock, timeZone: config.TIME_ZONE };
  const tags = ['progress'];

  app.get(
    '/api/progress',
    {
      schema: {
        tags,
        description:
          'The signed-in learner’s progress dashboard for one target language (default: their first): streak with its freezes, minutes against the daily goal, turns, words, reviews due, mistakes by category, role-plays completed and level; and, across every language, XP with its level and the achievements. Everything comes from stored learning events. Days follow the server’s TIME_ZONE.',
        querystring: progressQuerySchema,
        response: { 200: progressSchema },
      },
    },
    async (request) => {
      const session = currentSession(request);
      return readProgress(deps, session.userId, request.query, session.interfaceLanguage);
    },
  );

  app.get(
    '/api/progress/news',
    {
      schema: {
        tags,
        description:
          'What the signed-in learner reached today and has not been shown yet: a new level, an achievement, a streak milestone, the daily goal. The app asks after a turn, a review or a drill answer, celebrates what comes back and reports it seen, so each shows once on any device.',
        response: { 200: progressNewsSchema },
      },
    },
    async (request) => {
      const session = currentSession(request);
      return readNews(deps, session.userId, session.interfaceLanguage);
    },
  );

  app.post(
    '/api/progress/news/seen',
    {
      schema: {
        tags,
        description:
          'Marks celebrations (keys from GET /api/progress/news) as shown; they are not listed again. Idempotent.',
        body: progressNewsSeenSchema,
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      await markNewsSeen(deps, currentSession(request).userId, request.body.keys);
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/api/admin/members/:id/progress',
    {
      config: { access: 'admin' },
      schema: {
        tags: [...tags, 'admin'],
        description: 'Any member’s progress dashboard, exactly as the member sees it; read-only.',
        params: memberIdParamsSchema,
        querystring: progressQuerySchema,
        response: { 200: progressSchema },
      },
    },
    async (request) =>
      readProgress(deps, request.params.id, request.query, currentSession(request).interfaceLanguage),
  );
};
