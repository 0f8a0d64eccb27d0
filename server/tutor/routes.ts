import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { conversationSchema, maxMessageLength } from '../../contracts/conversations.ts';
import { freeText } from '../../contracts/free-text.ts';
import { languageCodeSchema } from '../../contracts/languages.ts';
import {
  conversationSummarySchema,
  conversationTutorUpdateSchema,
  errorPatternsQuerySchema,
  errorPatternsSchema,
  feedbackSchema,
  personaCreateSchema,
  personaParamsSchema,
  personaSchema,
  personaUpdateSchema,
  scenarioCreateSchema,
  scenarioListQuerySchema,
  scenarioParamsSchema,
  scenarioSchema,
  scenarioSummarySchema,
  spellingIssueSchema,
  tutorModeCatalogue,
  tutorModeInfoSchema,
  tutorPreferencesSchema,
  tutorPreferencesUpdateSchema,
} from '../../contracts/tutor.ts';
import { currentSession } from '../auth/request-auth.ts';
import { findOwnConversation, presentConversation } from '../conversations/conversations.ts';
import { notFound } from '../errors.ts';
import type { AppDeps } from '../http/app-deps.ts';
import { requestLanguage } from '../i18n/messages.ts';
import type { SpellChecker } from '../language/spelling.ts';
import { updateConversationTutor } from './conversation-setup.ts';
import { finishConversation } from './conversation-summary.ts';
import { readErrorPatterns } from './error-patterns.ts';
import { revealFeedback } from './feedback.ts';
import { createPersona, deletePersona, listPersonas, updatePersona } from './personas.ts';
import { readTutorPreferences, updateTutorPreferences } from './preferences.ts';
import { createScenario, deleteScenario, getScenario, listScenarios, updateScenario } from './scenarios.ts';

const conversationParams = z.strictObject({ id: z.uuid('must be a conversation id') });
const messageParams = z.strictObject({
  id: z.uuid('must be a conversation id'),
  messageId: z.uuid('must be a message id'),
});

/** Personas, tutor modes, scenarios, feedback on demand, summaries, error patterns and spelling. */
export const tutorRoutes: FastifyPluginAsyncZod<AppDeps & { spelling: SpellChecker }> = async (app, deps) => {
  const db = deps.database.db;
  const { clock } = deps;
  const viewerOf = (request: Parameters<typeof currentSession>[0]) => {
    const session = currentSession(request);
    return { userId: session.userId, role: session.role, isChild: session.isChild };
  };

  // --- Personas ---
  app.get(
    '/api/personas',
    { schema: { tags: ['personas'], response: { 200: z.object({ personas: z.array(personaSchema) }) } } },
    async (request) => ({
      personas: await listPersonas(db, viewerOf(request), requestLanguage(request)),
    }),
  );
  app.post(
    '/api/personas',
    {
      schema: {
        tags: ['personas'],
        description: 'Creates a custom persona: private, or (admins only) for everyone.',
        body: personaCreateSchema,
        response: { 201: z.object({ persona: personaSchema }) },
      },
    },
    async (request, reply) =>
      reply.status(201).send({ persona: await createPersona(db, clock, viewerOf(request), request.body) }),
  );
  app.patch(
    '/api/personas/:id',
    {
      schema: {
        tags: ['personas'],
        params: personaParamsSchema,
        body: personaUpdateSchema,
        response: { 200: z.object({ persona: personaSchema }) },
      },
    },
    async (request) => ({
      persona: await updatePersona(db, clock, viewerOf(request), request.params.id, request.body),
    }),
  );
  app.delete(
    '/api/personas/:id',
    { schema: { tags: ['personas'], params: personaParamsSchema, response: { 204: z.null() } } },
    async (request, reply) => {
      await deletePersona(db, viewerOf(request), request.params.id);
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/api/me/tutor-preferences',
    { schema: { tags: ['personas'], response: { 200: z.object({ preferences: tutorPreferencesSchema }) } } },
    async (request) => ({ preferences: await readTutorPreferences(db, currentSession(request).userId) }),
  );
  app.patch(
    '/api/me/tutor-preferences',
    {
      schema: {
        tags: ['personas'],
        description: 'The default subject and tutor level (CEFR) for new conversations.',
        body: tutorPreferencesUpdateSchema,
        response: { 200: z.object({ preferences: tutorPreferencesSchema }) },
      },
    },
    async (request) => ({
      preferences: await updateTutorPreferences(db, clock, currentSession(request).userId, request.body),
    }),
  );

  // --- Tutor modes ---
  app.get(
    '/api/tutor-modes',
    { schema: { tags: ['tutor'], response: { 200: z.object({ modes: z.array(tutorModeInfoSchema) }) } } },
    async () => ({ modes: [...tutorModeCatalogue] }),
  );

  // --- Scenarios ---
  app.get(
    '/api/scenarios',
    {
      schema: {
        tags: ['scenarios'],
        querystring: scenarioListQuerySchema,
        response: { 200: z.object({ scenarios: z.array(scenarioSummarySchema) }) },
      },
    },
    async (request) => ({
      scenarios: await listScenarios(db, viewerOf(request), request.query, requestLanguage(request)),
    }),
  );
  app.get(
    '/api/scenarios/:id',
    {
      config: { shared: 'scenarios another member shared with the server' },
      schema: {
        tags: ['scenarios'],
        params: scenarioParamsSchema,
        response: { 200: z.object({ scenario: scenarioSchema }) },
      },
    },
    async (request) => ({
      scenario: await getScenario(db, viewerOf(request), request.params.id, requestLanguage(request)),
    }),
  );
  app.post(
    '/api/scenarios',
    {
      schema: {
        tags: ['scenarios'],
        description: 'Saves a learner-written scenario; `shared` makes it visible to every member.',
        body: scenarioCreateSchema,
        response: { 201: z.object({ scenario: scenarioSchema }) },
      },
    },
    async (request, reply) =>
      reply.status(201).send({ scenario: await createScenario(db, clock, viewerOf(request), request.body) }),
  );
  app.put(
    '/api/scenarios/:id',
    {
      schema: {
        tags: ['scenarios'],
        params: scenarioParamsSchema,
        body: scenarioCreateSchema,
        response: { 200: z.object({ scenario: scenarioSchema }) },
      },
    },
    async (request) => ({
      scenario: await updateScenario(db, clock, viewerOf(request), request.params.id, request.body),
    }),
  );
  app.delete(
    '/api/scenarios/:id',
    { schema: { tags: ['scenarios'], params: scenarioParamsSchema, response: { 204: z.null() } } },
    async (request, reply) => {
      await deleteScenario(db, viewerOf(request), request.params.id);
      return reply.status(204).send(null);
    },
  );

  app.patch(
    '/api/conversations/:id/tutor',
    {
      schema: {
        tags: ['conversations'],
        description:
          'Changes the persona, subject or correction policy of a conversation from the next turn on; null resets one to its default.',
        params: conversationParams,
        body: conversationTutorUpdateSchema,
        response: { 200: z.object({ conversation: conversationSchema }) },
      },
    },
    async (request) => {
      const viewer = viewerOf(request);
      await findOwnConversation(db, viewer.userId, request.params.id);
      await updateConversationTutor(db, clock, viewer, request.params.id, request.body);
      return {
        conversation: presentConversation(await findOwnConversation(db, viewer.userId, request.params.id)),
      };
    },
  );

  // --- Feedback, summaries, error patterns ---
  app.post(
    '/api/conversations/:id/messages/:messageId/feedback/reveal',
    {
      schema: {
        tags: ['conversations'],
        description: 'Shows the corrections the correction policy held back for one learner message.',
        params: messageParams,
        response: { 200: z.object({ feedback: feedbackSchema }) },
      },
    },
    async (request) => {
      const conversation = await findOwnConversation(db, currentSession(request).userId, request.params.id);
      const feedback = await revealFeedback(
        db,
        clock,
        conversation.id,
        request.params.messageId,
        requestLanguage(request),
      );
      if (!feedback) throw notFound('feedback');
      return { feedback };
    },
  );

  app.post(
    '/api/conversations/:id/finish',
    {
      schema: {
        tags: ['conversations'],
        description:
          'Ends the conversation with a summary: goals met, new words, mistakes and a suggestion. Finishing again recomputes it.',
        params: conversationParams,
        response: { 200: z.object({ summary: conversationSummarySchema }) },
      },
    },
    async (request) => {
      const userId = currentSession(request).userId;
      const conversation = await findOwnConversation(db, userId, request.params.id);
      return {
        summary: await finishConversation(
          { db, clock, gateway: deps.llm.gateway, log: request.log },
          userId,
          conversation,
        ),
      };
    },
  );
  app.get(
    '/api/conversations/:id/summary',
    {
      schema: {
        tags: ['conversations'],
        params: conversationParams,
        response: { 200: z.object({ summary: conversationSummarySchema }) },
      },
    },
    async (request) => {
      const conversation = await findOwnConversation(db, currentSession(request).userId, request.params.id);
      if (!conversation.outcome_json) throw notFound('summary');
      return { summary: conversationSummarySchema.parse(JSON.parse(conversation.outcome_json)) };
    },
  );

  app.get(
    '/api/me/error-patterns',
    {
      schema: {
        tags: ['tutor'],
        description: 'Counts of corrections per language and category, in total and per week.',
        querystring: errorPatternsQuerySchema,
        response: { 200: errorPatternsSchema },
      },
    },
    async (request) => readErrorPatterns(db, clock, currentSession(request).userId, request.query),
  );

  // --- Offline spelling (works without any AI provider) ---
  app.post(
    '/api/spelling/check',
    {
      schema: {
        tags: ['language'],
        description:
          'Offline Hunspell check for es, fr, de, it, pt and en; other languages return no issues.',
        body: z.strictObject({
          language: languageCodeSchema,
          text: freeText({ max: maxMessageLength, multiline: true, trim: false }),
        }),
        response: { 200: z.object({ issues: z.array(spellingIssueSchema) }) },
      },
    },
    async (request) => ({ issues: await deps.spelling.check(request.body.language, request.body.text) }),
  );
};
