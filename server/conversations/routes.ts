import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  conversationCreateSchema,
  conversationListItemSchema,
  conversationListQuerySchema,
  conversationPageSchema,
  conversationParamsSchema,
  conversationSchema,
  conversationUpdateSchema,
  messagePageQuerySchema,
  messageParamsSchema,
  providerStatusSchema,
  sendMessageSchema,
} from '../../contracts/conversations.ts';
import { currentSession } from '../auth/request-auth.ts';
import type { AppDeps } from '../http/app-deps.ts';
import { openSseStream } from '../http/sse.ts';
import { createSpellChecker } from '../language/spelling.ts';
import { describeProviders } from '../llm/provider-status.ts';
import { resolveConversationSetup } from '../tutor/conversation-setup.ts';
import {
  createConversation,
  deleteConversation,
  listConversations,
  readConversationPage,
  renameConversation,
} from './conversations.ts';
import { acceptOpeningTurn, runTurn } from './run-turn.ts';
import { refreshSummary } from './summary.ts';
import { generateTitle } from './title.ts';
import { type AcceptedTurn, acceptRetry, acceptTurn, type TurnDeps } from './turn.ts';

export const conversationRoutes: FastifyPluginAsyncZod<AppDeps> = async (app, deps) => {
  const db = deps.database.db;
  const { clock, config, llm } = deps;
  const tags = ['conversations'];
  const turnDeps: TurnDeps = {
    db,
    config,
    clock,
    gateway: llm.gateway,
    ownerId: llm.ownerId,
    scheduleSummary: (conversationId, userId) => {
      void refreshSummary({ db, config, clock, gateway: llm.gateway, log: app.log }, conversationId, userId);
    },
    ...(config.AUTO_TITLES && {
      scheduleTitle: (conversationId: string, userId: string) => {
        void generateTitle({ db, clock, gateway: llm.gateway, log: app.log }, conversationId, userId);
      },
    }),
  };
  // buildApp passes one spelling worker for the whole app; a bare registration gets its own.
  const spelling = deps.spelling ?? createSpellChecker();
  const feedbackDeps = {
    db,
    clock,
    gateway: llm.gateway,
    spelling,
    maxOutputTokens: config.FEEDBACK_MAX_OUTPUT_TOKENS,
    log: app.log,
  };

  app.get(
    '/api/providers',
    { schema: { tags: ['providers'], response: { 200: providerStatusSchema } } },
    async (request) => describeProviders(llm.registry, { isAdmin: currentSession(request).role === 'admin' }),
  );

  app.get(
    '/api/conversations',
    {
      schema: {
        tags,
        querystring: conversationListQuerySchema,
        response: { 200: z.object({ conversations: z.array(conversationListItemSchema) }) },
      },
    },
    async (request) => ({
      conversations: await listConversations(deps.database, currentSession(request).userId, request.query),
    }),
  );

  app.post(
    '/api/conversations',
    {
      schema: {
        tags,
        body: conversationCreateSchema,
        response: { 201: z.object({ conversation: conversationSchema }) },
      },
    },
    async (request, reply) => {
      const session = currentSession(request);
      const setup = await resolveConversationSetup(
        db,
        { userId: session.userId, role: session.role, isChild: session.isChild },
        request.body,
        session.interfaceLanguage,
      );
      return reply.status(201).send({
        conversation: await createConversation(
          db,
          clock,
          session.userId,
          request.body,
          setup,
          session.interfaceLanguage,
        ),
      });
    },
  );

  app.get(
    '/api/conversations/:id',
    {
      schema: {
        tags,
        params: conversationParamsSchema,
        querystring: messagePageQuerySchema,
        response: { 200: conversationPageSchema },
      },
    },
    async (request) =>
      readConversationPage(db, currentSession(request).userId, request.params.id, {
        ...request.query,
        language: currentSession(request).interfaceLanguage,
      }),
  );

  app.patch(
    '/api/conversations/:id',
    {
      schema: {
        tags,
        params: conversationParamsSchema,
        body: conversationUpdateSchema,
        response: { 200: z.object({ conversation: conversationSchema }) },
      },
    },
    async (request) => ({
      conversation: await renameConversation(
        db,
        clock,
        currentSession(request).userId,
        request.params.id,
        request.body.title,
      ),
    }),
  );

  app.delete(
    '/api/conversations/:id',
    { schema: { tags, params: conversationParamsSchema, response: { 204: z.null() } } },
    async (request, reply) => {
      await deleteConversation(db, currentSession(request).userId, request.params.id);
      return reply.status(204).send(null);
    },
  );

  /** Streams one accepted turn as Server-Sent Events; the refusal cases were answered as JSON before this. */
  async function streamTurn(
    request: Parameters<typeof openSseStream>[0],
    reply: Parameters<typeof openSseStream>[1],
    turn: AcceptedTurn,
  ) {
    const stream = openSseStream(request, reply);
    let firstDelta = true;
    try {
      await runTurn({ ...turnDeps, feedback: feedbackDeps, log: request.log }, turn, {
        signal: stream.signal,
        emit: (event) => {
          stream.send(event);
          // The first token leaves at once; later ones of the same tick share a write.
          if (firstDelta && event.type === 'reply-delta') {
            firstDelta = false;
            stream.flush();
          }
        },
        language: currentSession(request).interfaceLanguage,
      });
    } finally {
      stream.end();
    }
  }

  app.post(
    '/api/conversations/:id/messages',
    {
      schema: {
        tags,
        params: conversationParamsSchema,
        body: sendMessageSchema,
        description:
          'Sends a learner message and streams the turn as text/event-stream: accepted, reply-delta*, error?, reply-end, feedback?, done.',
      },
    },
    async (request, reply) => {
      const turn = await acceptTurn(turnDeps, {
        userId: currentSession(request).userId,
        conversationId: request.params.id,
        text: request.body.text,
      });
      await streamTurn(request, reply, turn);
    },
  );

  app.post(
    '/api/conversations/:id/opening',
    {
      schema: {
        tags,
        params: conversationParamsSchema,
        description:
          'Streams the tutor’s opening message (in character for a role-play) of a conversation that has no messages yet: accepted (learnerMessageId ""), reply-delta*, error?, reply-end, done. 409 once it has started.',
      },
    },
    async (request, reply) => {
      const turn = await acceptOpeningTurn(turnDeps, {
        userId: currentSession(request).userId,
        conversationId: request.params.id,
      });
      await streamTurn(request, reply, turn);
    },
  );

  app.post(
    '/api/conversations/:id/messages/:messageId/retry',
    {
      schema: {
        tags,
        params: messageParamsSchema,
        description: 'Retries a failed or partial reply; streams like sending a message.',
      },
    },
    async (request, reply) => {
      const turn = await acceptRetry(turnDeps, {
        userId: currentSession(request).userId,
        conversationId: request.params.id,
        tutorMessageId: request.params.messageId,
      });
      await streamTurn(request, reply, turn);
    },
  );
};
