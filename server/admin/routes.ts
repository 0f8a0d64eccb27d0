import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  memberConversationListSchema,
  memberConversationParamsSchema,
  memberCreateSchema,
  memberIdParamsSchema,
  memberListSchema,
  memberSchema,
  memberUpdateSchema,
  serverSettingsSchema,
  serverSettingsUpdateSchema,
} from '../../contracts/admin.ts';
import {
  conversationListQuerySchema,
  conversationPageSchema,
  messagePageQuerySchema,
} from '../../contracts/conversations.ts';
import type { AppDeps } from '../http/app-deps.ts';
import { requestLanguage } from '../i18n/messages.ts';
import { readServerSettings, updateServerSettings } from '../settings/server-settings.ts';
import { removeAccountRecordings } from '../speech/recordings.ts';
import { listChildConversations, readChildConversationPage } from './child-transcripts.ts';
import { createMember, deleteMember, listMembers, updateMember } from './members.ts';

export const adminRoutes: FastifyPluginAsyncZod<AppDeps> = async (app, { database, clock, config, llm }) => {
  const db = database.db;
  const deps = { db, clock, passwordCost: config.PASSWORD_HASH_LOG2_COST };
  const admin = { access: 'admin' as const };
  const tags = ['admin'];

  app.get(
    '/api/admin/members',
    { config: admin, schema: { tags, response: { 200: memberListSchema } } },
    async () => ({
      members: await listMembers(db),
    }),
  );

  app.post(
    '/api/admin/members',
    {
      config: admin,
      schema: { tags, body: memberCreateSchema, response: { 201: z.object({ member: memberSchema }) } },
    },
    async (request, reply) =>
      reply.status(201).send({ member: await createMember(deps, request.body, requestLanguage(request)) }),
  );

  app.patch(
    '/api/admin/members/:id',
    {
      config: admin,
      schema: {
        tags,
        params: memberIdParamsSchema,
        body: memberUpdateSchema,
        response: { 200: z.object({ member: memberSchema }) },
      },
    },
    async (request) => {
      const member = await updateMember(deps, request.params.id, request.body);
      // Role, child flag and disabled state live in every process's cached sessions.
      await llm.changes.publish('sessions');
      return { member };
    },
  );

  app.delete(
    '/api/admin/members/:id',
    { config: admin, schema: { tags, params: memberIdParamsSchema, response: { 204: z.null() } } },
    async (request, reply) => {
      await deleteMember(db, request.params.id);
      await llm.changes.publish('sessions');
      // The rows went with the member; the audio files they kept go now.
      await removeAccountRecordings(config, request.params.id).catch((error) =>
        request.log.warn({ err: error }, 'could not remove the recordings of a deleted member'),
      );
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/api/admin/members/:id/conversations',
    {
      config: admin,
      schema: {
        tags,
        description: 'A child member’s conversations, read-only (403 for a member who is not a child).',
        params: memberIdParamsSchema,
        querystring: conversationListQuerySchema,
        response: { 200: memberConversationListSchema },
      },
    },
    async (request) => listChildConversations(database, request.params.id, request.query),
  );

  app.get(
    '/api/admin/members/:id/conversations/:conversationId',
    {
      config: admin,
      schema: {
        tags,
        description:
          'One page of a child member’s conversation, paged like GET /api/conversations/:id; read-only.',
        params: memberConversationParamsSchema,
        querystring: messagePageQuerySchema,
        response: { 200: conversationPageSchema },
      },
    },
    async (request) =>
      readChildConversationPage(db, request.params.id, request.params.conversationId, {
        ...request.query,
        language: requestLanguage(request),
      }),
  );

  app.get(
    '/api/admin/settings',
    { config: admin, schema: { tags, response: { 200: serverSettingsSchema } } },
    async () => readServerSettings(db),
  );

  app.patch(
    '/api/admin/settings',
    {
      config: admin,
      schema: { tags, body: serverSettingsUpdateSchema, response: { 200: serverSettingsSchema } },
    },
    async (request) => updateServerSettings(db, clock, request.body),
  );
};
