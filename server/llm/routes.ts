import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  adminProviderSchema,
  chainUpdateSchema,
  providerCreateSchema,
  providerIdParamsSchema,
  providerListSchema,
  providerTestResultSchema,
  providerTestSchema,
  providerUpdateSchema,
} from '../../contracts/providers.ts';
import { currentSession } from '../auth/request-auth.ts';
import type { AppDeps } from '../http/app-deps.ts';
import {
  createProvider,
  deleteProvider,
  listProviders,
  type ProviderAdminDeps,
  setChain,
  testProvider,
  updateProvider,
} from './provider-admin.ts';

/** Admin → AI providers: providers, their tests, and the chains per role and language. */
export const llmRoutes: FastifyPluginAsyncZod<AppDeps> = async (app, { database, clock, llm }) => {
  const deps: ProviderAdminDeps = { db: database.db, clock, llm, log: app.log };
  const admin = { access: 'admin' as const };
  const tags = ['admin', 'providers'];

  app.get(
    '/api/admin/providers',
    {
      config: admin,
      schema: {
        tags,
        response: { 200: providerListSchema },
        description:
          'Every provider (set in the app, in the environment, or detected), its state and models, the chains set per role and language, and what each role uses now. Keys are never returned, only their last four characters.',
      },
    },
    async () => listProviders(deps),
  );

  app.post(
    '/api/admin/providers',
    {
      config: admin,
      schema: {
        tags,
        body: providerCreateSchema,
        response: { 201: z.object({ provider: adminProviderSchema }) },
        description:
          'Adds a provider: Anthropic or Mistral (key), an OpenAI-compatible server (address, optional key), or a local GGUF model in DATA_DIR/models. The key is stored encrypted. Applies to the next call in every process.',
      },
    },
    async (request, reply) => reply.status(201).send({ provider: await createProvider(deps, request.body) }),
  );

  app.patch(
    '/api/admin/providers/:id',
    {
      config: admin,
      schema: {
        tags,
        params: providerIdParamsSchema,
        body: providerUpdateSchema,
        response: { 200: z.object({ provider: adminProviderSchema }) },
      },
    },
    async (request) => ({ provider: await updateProvider(deps, request.params.id, request.body) }),
  );

  app.delete(
    '/api/admin/providers/:id',
    { config: admin, schema: { tags, params: providerIdParamsSchema, response: { 204: z.null() } } },
    async (request, reply) => {
      await deleteProvider(deps, request.params.id);
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/api/admin/providers/:id/test',
    {
      config: admin,
      schema: {
        tags,
        params: providerIdParamsSchema,
        body: providerTestSchema.optional(),
        response: { 200: providerTestResultSchema },
        description:
          'One tiny real call (metered like any call, purpose provider-test), then a fresh check of the model list. A failed test answers 200 with ok: false and the reason.',
      },
    },
    async (request) =>
      testProvider(deps, request.params.id, {
        model: request.body?.model,
        userId: currentSession(request).userId,
      }),
  );

  app.put(
    '/api/admin/chains',
    {
      config: admin,
      schema: {
        tags,
        body: chainUpdateSchema,
        response: { 200: providerListSchema },
        description:
          'Sets the ordered chain of a role (conversation, feedback, summary, exercises), optionally for one language; an empty list goes back to the default.',
      },
    },
    async (request) => setChain(deps, request.body),
  );
};
