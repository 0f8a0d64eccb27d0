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
  type TurnEvent,
} from '../../contracts/conversations.ts';
import { currentSession } from '../auth/request-auth.ts';
import type { AppDeps } from '../http/app-deps.ts';
import { openSseStream } from '../http/sse.ts';
import { createSpellChecker } from '../language/spelling.ts';
import { describeProviders } from '../llm/provider-status.ts';
import { acceptOpening, assertProvider, resolveConversationSetup } from '../tutor/conversation-setup.ts';
import { startTurnFeedback } from '../tutor/feedback.ts';
import { loadTutorContext } from '../tutor/tutor-context.ts';
import {
  createConversation,
  deleteConversation,
  findOwnConversation,
  listConversations,
  readConversationPage,
  renameConversation,
} from './conversations.ts';
import { promptBytes } from './memory.ts';
import { refreshSummary } from './summary.ts';
import {
  type AcceptedTurn,
  acceptRetry,
  acceptTurn,
  composeReplyPrompt,
  streamTutorReply,
  type TurnDeps,
} from './turn.ts';
import { holdReplyBudget } from './turn-hold.ts';

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
      conversations: await listConversations(db, currentSession(request).userId, request.query),
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
      );
      return reply.status(201).send({
        conversation: await createConversation(db, clock, session.userId, request.body, setup),
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
      readConversationPage(db, currentSession(request).userId, request.params.id, request.query),
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
    const emit = (event: TurnEvent) => stream.send(event);
    // An opening has no learner message (its learnerMessageId is ''): nothing to analyse.
    const isOpening = turn.learnerMessageId === '';
    emit({
      type: 'accepted',
      learnerMessageId: turn.learnerMessageId,
      tutorMessageId: turn.tutorMessageId,
    });
    try {
      const tutor = turn.prompt?.tutor ?? (await loadTutorContext(db, clock, turn.userId, turn.conversation));
      // Feedback runs beside the reply (after it on a single-slot local model) and is sent only
      // after reply-end, so it can never hold the reply back. It starts once the reply's request
      // has gone out (or the reply ended without one): its budget hold, spelling check and model
      // request would otherwise delay the reply's own.
      let feedback: ReturnType<typeof startTurnFeedback> | undefined;
      const startFeedback = () => {
        if (isOpening || feedback) return;
        feedback = startTurnFeedback(feedbackDeps, {
          userId: turn.userId,
          conversationId: turn.conversation.id,
          language: turn.conversation.language,
          learnerMessageId: turn.learnerMessageId,
          newLearnerText: turn.learnerText,
          tutor,
        });
      };
      await streamTutorReply(turnDeps, turn, {
        signal: stream.signal,
        emit,
        tutor,
        onRequestSent: startFeedback,
      });
      startFeedback();
      if (feedback) emit(await feedback.result());
    } catch (error) {
      request.log.error({ err: error }, 'turn failed after acceptance');
      emit({
        type: 'error',
        code: 'internal_error',
        message: 'Something went wrong on the server; your message is saved.',
      });
    } finally {
      // The reply's call took the turn's budget hold; if it never got that far, the hold goes back.
      await turn.hold?.release();
      emit({ type: 'done' });
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
      const userId = currentSession(request).userId;
      const conversation = await findOwnConversation(db, userId, request.params.id);
      assertProvider(llm.gateway.isAvailable('conversation', conversation.language));
      // Like a turn: the exact prompt, then the hold; a refusal (402) comes before the placeholder is stored.
      const prompt = await composeReplyPrompt(turnDeps, userId, conversation);
      const hold = await holdReplyBudget(
        { gateway: llm.gateway, config },
        { userId, conversationId: conversation.id, language: conversation.language },
        promptBytes(prompt.memory),
      );
      const { tutorMessageId } = await acceptOpening(db, clock, {
        userId,
        conversation,
        ownerId: llm.ownerId,
      }).catch(async (error: unknown) => {
        await hold?.release();
        throw error;
      });
      await streamTurn(request, reply, {
        userId,
        conversation,
        learnerMessageId: '',
        tutorMessageId,
        hold,
        prompt,
      });
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
