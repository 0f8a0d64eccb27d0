import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  answerResultSchema,
  articleCheckSchema,
  articleDrillQuerySchema,
  articleDrillSchema,
  articleResultSchema,
  conjugationCatalogueSchema,
  conjugationCheckSchema,
  conjugationDrillRequestSchema,
  conjugationDrillSchema,
  exerciseAnswerSchema,
  exerciseBatchSchema,
  exerciseRequestSchema,
  exerciseResultSchema,
  grammarLanguageParamsSchema,
  grammarStatsQuerySchema,
  grammarStatsSchema,
  topicListSchema,
  topicsQuerySchema,
} from '../../contracts/grammar.ts';
import { currentSession } from '../auth/request-auth.ts';
import type { AppDeps } from '../http/app-deps.ts';
import { requestLanguage } from '../i18n/messages.ts';
import type { GenerateStructured } from '../llm/types.ts';
import { checkConjugation, conjugationCatalogue, createConjugationDrill } from './conjugation-drill.ts';
import { answerExercise, generateExercises } from './exercises.ts';
import { checkArticle, createArticleDrill } from './german-articles.ts';
import { grammarStats } from './results.ts';
import { listTopics } from './topics.ts';

/** Grammar routes take the app's dependencies; the model gateway is optional (offline drills need none). */
export type GrammarRouteOptions = Omit<AppDeps, 'llm'> & {
  llm?: {
    gateway: {
      generateStructured: GenerateStructured;
      isAvailable(role: 'exercises', language?: string): boolean;
    };
  };
};

export const grammarRoutes: FastifyPluginAsyncZod<GrammarRouteOptions> = async (app, options) => {
  const db = options.database.db;
  const clock = options.clock;
  const gateway = options.llm?.gateway;
  const exerciseDeps = {
    db,
    clock,
    generateStructured: gateway?.generateStructured,
    isAvailable: gateway ? (language: string) => gateway.isAvailable('exercises', language) : undefined,
  };
  const tags = ['grammar'];
  const idParams = z.strictObject({ id: z.uuid('must be an exercise id') });

  app.get(
    '/api/grammar/topics',
    { schema: { tags, querystring: topicsQuerySchema, response: { 200: topicListSchema } } },
    async (request) => ({
      language: request.query.language,
      topics: await listTopics(request.query.language),
    }),
  );

  app.get(
    '/api/grammar/conjugation/:language',
    { schema: { tags, params: grammarLanguageParamsSchema, response: { 200: conjugationCatalogueSchema } } },
    async (request) => conjugationCatalogue(request.params.language, requestLanguage(request)),
  );

  app.post(
    '/api/grammar/conjugation/:language/drill',
    {
      schema: {
        tags,
        params: grammarLanguageParamsSchema,
        body: conjugationDrillRequestSchema,
        response: { 200: conjugationDrillSchema },
      },
    },
    async (request) => createConjugationDrill(request.params.language, request.body),
  );

  app.post(
    '/api/grammar/conjugation/:language/check',
    {
      schema: {
        tags,
        params: grammarLanguageParamsSchema,
        body: conjugationCheckSchema,
        response: { 200: answerResultSchema },
      },
    },
    async (request) =>
      checkConjugation({ db, clock }, currentSession(request).userId, request.params.language, request.body),
  );

  app.get(
    '/api/grammar/articles/drill',
    { schema: { tags, querystring: articleDrillQuerySchema, response: { 200: articleDrillSchema } } },
    async (request) => createArticleDrill(request.query),
  );

  app.post(
    '/api/grammar/articles/check',
    { schema: { tags, body: articleCheckSchema, response: { 200: articleResultSchema } } },
    async (request) => checkArticle({ db, clock }, currentSession(request).userId, request.body),
  );

  app.post(
    '/api/grammar/exercises',
    {
      schema: {
        tags,
        description:
          'Model-generated exercises (fill the gap, transform, spot the error), validated before they are shown. 503 no_provider when no AI provider is configured.',
        body: exerciseRequestSchema,
        response: { 201: exerciseBatchSchema },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(await generateExercises(exerciseDeps, currentSession(request).userId, request.body)),
  );

  app.post(
    '/api/grammar/exercises/:id/answer',
    {
      schema: { tags, params: idParams, body: exerciseAnswerSchema, response: { 200: exerciseResultSchema } },
    },
    async (request) =>
      answerExercise({ db, clock }, currentSession(request).userId, request.params.id, request.body),
  );

  app.get(
    '/api/grammar/stats',
    { schema: { tags, querystring: grammarStatsQuerySchema, response: { 200: grammarStatsSchema } } },
    async (request) => grammarStats(db, clock, currentSession(request).userId, request.query.language),
  );
};
